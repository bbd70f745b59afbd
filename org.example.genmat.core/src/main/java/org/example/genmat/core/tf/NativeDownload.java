package org.example.genmat.core.tf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import org.example.genmat.core.io.TempFolders;

/**
 * Downloads DJL's TensorFlow native build for a platform into DJL's cache, in DJL's own layout, so
 * that DJL and GenMat share one copy.
 *
 * <p>The layout is the one DJL 0.36's {@code ai.djl.tensorflow.engine.javacpp.LibUtils} reads:
 * {@code <base>/files.txt} lists paths such as {@code cpu/win-x86_64/native/lib/jnitensorflow.dll.gz};
 * each listed file under {@code <flavor>/<classifier>/} is gunzipped into
 * {@code <DJL cache>/tensorflow/<version>-<flavor>-<classifier>/}. The base is DJL's
 * {@code https://publish.djl.ai/tensorflow/<version>} unless {@value #URL_PROPERTY} or
 * {@value #URL_ENV} names a mirror (DJL 0.36 itself has no setting for it).
 *
 * <p>Why GenMat drives the download instead of letting DJL's engine do it: DJL downloads inside
 * {@code Engine.getEngine} with no progress, no cancel and no mirror setting, and it only does so
 * when a placeholder {@code tensorflow.properties} is on the class path. Here each file streams
 * through a temporary folder inside the cache (renamed into place when complete, so a cancelled or
 * failed download leaves nothing half-written, nor does one ended by Ctrl-C or SIGTERM, and concurrent JVMs
 * are safe); connections are plain
 * {@link URLConnection}s, so the JVM's proxy settings ({@code http(s).proxyHost}, {@code
 * http.nonProxyHosts}, {@code java.net.useSystemProxies}, a default {@link java.net.Authenticator}, all of
 * which KNIME sets from its network preferences) apply exactly as for DJL. Nothing is written outside
 * the cache folder.
 */
public final class NativeDownload {

    /** System property naming the base URL of a mirror of DJL's TensorFlow native builds. */
    public static final String URL_PROPERTY = "genmat.tf.download.url";
    /** Environment variable naming the base URL of a mirror of DJL's TensorFlow native builds. */
    public static final String URL_ENV = "GENMAT_TF_DOWNLOAD_URL";
    private static final long REPORT_EVERY_BYTES = 8L << 20;

    private NativeDownload() {
    }

    /** DJL's base URL for a TensorFlow version, or the configured mirror. */
    public static String baseUrl(String version) {
        String given = TfRuntime.setting(URL_PROPERTY, URL_ENV);
        String base = given != null ? given : "https://publish.djl.ai/tensorflow/" + version;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The folder DJL itself uses for this build: {@code <cache>/<version>-<flavor>-<classifier>}. */
    public static Path target(Path tensorflowCache, String version, NativePlatform platform) {
        return tensorflowCache.resolve(version + "-" + platform.downloadFlavor() + "-" + platform.classifier());
    }

    /**
     * Downloads the build unless its folder already holds the JNI library.
     *
     * @param progress  receives one line now and then ("Downloading TensorFlow ...: 120 MB")
     * @param cancelled polled between chunks; cancelling removes the partial download
     * @return the folder holding the native libraries
     * @throws IOException naming the URL that failed
     * @throws CancellationException when cancelled
     */
    public static Path fetch(NativePlatform platform, String version, Path tensorflowCache, String base,
                             Consumer<String> progress, BooleanSupplier cancelled) throws IOException {
        Path target = target(tensorflowCache, version, platform);
        if (Files.isRegularFile(target.resolve(platform.jniLibrary()))) {
            return target;
        }
        String prefix = platform.downloadFlavor() + "/" + platform.classifier() + "/";
        List<String> files = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(base + "/files.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String f = line.trim();
                if (f.startsWith(prefix) && f.endsWith(".gz") && !f.contains("..")) {
                    files.add(f);
                }
            }
        }
        String what = "TensorFlow " + version + " (" + platform.downloadFlavor().toUpperCase(Locale.ROOT) + " build for "
            + platform.label() + ")";
        if (files.stream().noneMatch(f -> f.endsWith("/" + platform.jniLibrary() + ".gz"))) {
            throw new IOException(base + "/files.txt lists no " + prefix + "…/" + platform.jniLibrary() + ".gz: "
                + "no " + what + " there");
        }
        Files.createDirectories(tensorflowCache);
        Path tmp = Files.createTempDirectory(tensorflowCache, "download-");
        // Ctrl-C / SIGTERM of the command line ends the JVM without running this method's finally block
        Thread cleanup = new Thread(() -> TempFolders.deleteQuietly(tmp), "genmat-download-cleanup");
        boolean hooked = addShutdownHook(cleanup);
        try {
            long[] total = {0};
            long[] reported = {0};
            progress.accept("Downloading " + what + " from " + base + " into " + target);
            for (int i = 0; i < files.size(); i++) {
                String f = files.get(i);
                String name = f.substring(f.lastIndexOf('/') + 1, f.length() - 3);
                String step = "Downloading " + what + ": file " + (i + 1) + " of " + files.size() + " (" + name + ")";
                progress.accept(step + ", " + (total[0] >> 20) + " MB so far");
                try (InputStream in = new GZIPInputStream(open(base + "/" + f.replace("+", "%2B")), 1 << 16);
                     OutputStream out = Files.newOutputStream(tmp.resolve(name))) {
                    byte[] buf = new byte[1 << 16];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("TensorFlow download cancelled");
                        }
                        out.write(buf, 0, n);
                        total[0] += n;
                        if (total[0] - reported[0] >= REPORT_EVERY_BYTES) {
                            reported[0] = total[0];
                            progress.accept(step + ", " + (total[0] >> 20) + " MB so far");
                        }
                    }
                } catch (IOException e) {
                    throw new IOException("cannot download " + base + "/" + f + ": " + e.getMessage(), e);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                // another JVM finished first; its folder was renamed into place complete
                if (!Files.isRegularFile(target.resolve(platform.jniLibrary()))) {
                    throw new IOException("native folder " + target + " exists without " + platform.jniLibrary()
                        + "; delete it", raced);
                }
            }
            progress.accept("Downloaded " + what + " (" + (total[0] >> 20) + " MB) into " + target);
            return target;
        } finally {
            TempFolders.deleteQuietly(tmp);
            if (hooked) {
                removeShutdownHook(cleanup);
            }
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException shuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing left to remove
        }
    }

    private static InputStream open(String url) throws IOException {
        URLConnection c = new URL(url).openConnection(); // proxy from the JVM's ProxySelector, as DJL's Utils.openUrl
        c.setConnectTimeout(30_000);
        c.setReadTimeout(120_000);
        if (c instanceof HttpURLConnection h) {
            int code = h.getResponseCode();
            if (code != HttpURLConnection.HTTP_OK) {
                h.disconnect();
                throw new IOException(url + " answered HTTP " + code);
            }
        }
        return c.getInputStream();
    }

}
