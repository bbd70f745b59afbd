package org.example.genmat.core.tf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.example.genmat.core.io.TempFolders;
import org.example.genmat.core.job.JobMonitor;

/**
 * Process-wide boot of DJL's TensorFlow engine, with the natives found or fetched first.
 *
 * <p>What {@link #boot()} does, once per process:
 * <ol>
 *   <li>finds the native folder for this {@link NativePlatform}, in this order ({@link #resolve}):
 *     <ol>
 *       <li>the folder named by the system property {@value #NATIVE_DIR_PROPERTY} or the environment
 *           variable {@value #NATIVE_DIR_ENV} (offline sites; used before anything else, never
 *           downloaded over), else an existing {@code TENSORFLOW_LIBRARY_PATH};</li>
 *       <li>natives bundled on the class path for this platform ({@code native/lib/tensorflow.properties}
 *           of the {@code tensorflow-native-cu121} jar or the KNIME Linux x86-64 fragment), unpacked once into
 *           {@code <DJL cache>/tensorflow/genmat-<version>-<classifier>} (temp folder + marker + atomic
 *           rename, so two processes may do it at once);</li>
 *       <li>DJL's CPU build for this platform in DJL's cache ({@code <DJL cache>/tensorflow/2.16.1-cpu-<classifier>}),
 *           downloaded there on first use by {@link NativeDownload} unless downloads are off
 *           ({@value #DOWNLOAD_PROPERTY}{@code =false}, {@code DJL_OFFLINE} / {@code ai.djl.offline});</li>
 *       <li>else a clear message naming the platform and the supported ones ({@link #check()} gives the
 *           same answer without side effects, for a node's configure step).</li>
 *     </ol></li>
 *   <li>sets {@code ai.djl.offline=true} (DJL must not try its own download) and {@code TENSORFLOW_LIBRARY_PATH}
 *       to that folder;</li>
 *   <li>sets the thread context class loader to this class's loader around the first touch of
 *       {@code ai.djl.engine.Engine} (DJL finds engines with a ServiceLoader on the TCCL; inside
 *       an OSGi bundle or on a thread whose TCCL is null it would find none, for good);</li>
 *   <li>loads the engine and its native library, then probes whether TensorFlow can run on a
 *       CUDA GPU; falls back to the CPU otherwise.</li>
 * </ol>
 * The DJL cache is DJL's own rule ({@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else
 * {@code ~/.djl.ai}): in the user's home, never in the KNIME installation.
 * TensorFlow's C++ log level can only be set through the environment variable
 * {@code TF_CPP_MIN_LOG_LEVEL}; when it is unset, boot sets it to 2 in the process environment
 * (through libc {@code setenv}, via JNA, before the library is loaded) so that the info lines stay
 * quiet. Likewise {@value #OWN_POOLS_ENV} (see there).
 */
public final class TfRuntime {

    /** System property naming a folder that already holds the TensorFlow native libraries. */
    public static final String NATIVE_DIR_PROPERTY = "genmat.tf.native.dir";
    /** Environment variable naming a folder that already holds the TensorFlow native libraries. */
    public static final String NATIVE_DIR_ENV = "GENMAT_TF_NATIVE_DIR";
    /** System property / environment variable DJL's TensorFlow engine reads. */
    public static final String TF_LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";
    /** System property ({@code GENMAT_TF_DOWNLOAD} in the environment): {@code false} forbids downloading natives. */
    public static final String DOWNLOAD_PROPERTY = "genmat.tf.download";
    private static final String DOWNLOAD_ENV = "GENMAT_TF_DOWNLOAD";
    private static final String NATIVE_PROPERTIES = "native/lib/tensorflow.properties";
    private static final String MARKER = ".genmat-complete";
    /** DJL's offline switch as the user set it, read before boot sets it for DJL. */
    private static final boolean USER_OFFLINE = Boolean.parseBoolean(setting("ai.djl.offline", "DJL_OFFLINE"));

    /**
     * Without it TensorFlow sizes one process-wide intra-op pool from the first session's options
     * and ignores every later session's {@code intra_op_parallelism_threads}: a 1-thread training
     * run then used about 1.3 cores (partly spinning). With it each session owns a pool of the
     * size it asks for.
     */
    public static final String OWN_POOLS_ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";
    private static volatile boolean booted;
    private static volatile boolean gpuUsable;
    private static volatile String deviceDescription = "CPU";
    private static volatile String gpuProblem;
    private static volatile Path nativeDir;
    private static volatile NativeSource nativeSource;

    private TfRuntime() {
    }

    /** Where the natives come from (or why they cannot). */
    public enum Source {
        /** the folder of {@value #NATIVE_DIR_PROPERTY} / {@value #NATIVE_DIR_ENV} or {@code TENSORFLOW_LIBRARY_PATH} */
        FOLDER,
        /** bundled on the class path (unpacked into the DJL cache) */
        BUNDLED,
        /** DJL's build, already in DJL's cache */
        CACHED,
        /** DJL's build, downloaded into DJL's cache on first use */
        DOWNLOAD,
        /** no natives and no way to get them: see the message */
        UNAVAILABLE
    }

    /**
     * The answer of {@link #check()}: where the natives come from and what to tell the user.
     *
     * @param dir     the folder (for {@link Source#DOWNLOAD}: where the download will go; null when unavailable)
     * @param message one line for the user (a warning for DOWNLOAD, the error for UNAVAILABLE)
     */
    public record NativeSource(Source source, NativePlatform platform, Path dir, String message) {

        /** Whether TensorFlow can run here (now or after the download). */
        public boolean usable() {
            return source != Source.UNAVAILABLE;
        }
    }

    /**
     * Boots the engine; idempotent and thread-safe. Must run before any {@code org.tensorflow} or
     * {@code ai.djl} class is touched. A download's progress lines go to standard error.
     *
     * @throws IllegalStateException when the native libraries cannot be found, fetched or loaded
     */
    public static void boot() {
        boot(line -> System.err.println("genmat: " + line), () -> false);
    }

    /**
     * {@link #boot()} while {@code monitor} looks for a cancel: loading the natives is one call of seconds that looks at
     * nothing, so it runs on a thread of its own ({@link JobMonitor#await}) and a cancel stops the job at once, the load
     * left to end unseen (its unpacking is atomic). A download stops on the cancel as well.
     *
     * @throws java.util.concurrent.CancellationException when the monitor cancels first
     */
    public static void boot(JobMonitor monitor) {
        if (booted) {
            return;
        }
        monitor.await(() -> {
            boot(line -> System.err.println("genmat: " + line), monitor::cancelled);
            return null;
        });
    }

    /**
     * Boots the engine, reporting a download's progress to {@code progress} and stopping it when
     * {@code cancelled} says so (a {@link java.util.concurrent.CancellationException}; a later call
     * starts again). Idempotent and thread-safe.
     *
     * @throws IllegalStateException when the native libraries cannot be found, fetched or loaded
     */
    public static void boot(Consumer<String> progress, BooleanSupplier cancelled) {
        if (booted) {
            return;
        }
        synchronized (TfRuntime.class) {
            if (booted) {
                return;
            }
            quietLogs();
            NativeSource source = requireUsable();
            Path dir = switch (source.source()) {
                case BUNDLED -> unpackFromClassPath(tensorflowCache());
                case DOWNLOAD -> {
                    try {
                        yield NativeDownload.fetch(source.platform(), tensorflowVersion(), tensorflowCache(),
                            NativeDownload.baseUrl(tensorflowVersion()), progress, cancelled);
                    } catch (IOException e) {
                        throw new IllegalStateException("TensorFlow " + tensorflowVersion() + " for "
                            + source.platform().label() + " could not be downloaded (" + e.getMessage()
                            + "). Check the proxy settings, or download it elsewhere and name its folder with -D"
                            + NATIVE_DIR_PROPERTY + " or " + NATIVE_DIR_ENV + ".", e);
                    }
                }
                default -> source.dir();
            };
            System.setProperty("ai.djl.offline", "true");
            System.setProperty(TF_LIBRARY_PATH, dir.toString());
            nativeDir = dir;
            nativeSource = source;
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(TfRuntime.class.getClassLoader());
            try {
                EngineAccess.load();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("could not load TensorFlow from " + dir + ": " + e, e);
            } finally {
                thread.setContextClassLoader(previous);
            }
            String gpu = EngineAccess.probeGpu();
            gpuUsable = gpu != null && gpu.startsWith("GPU");
            deviceDescription = gpuUsable ? gpu : "CPU";
            gpuProblem = gpuUsable ? null : gpu;
            booted = true;
        }
    }

    /**
     * Where the natives would come from on this platform, without loading, unpacking or downloading
     * anything: for a node's configure step and the command line's messages.
     */
    public static NativeSource check() {
        return check(NativePlatform.current());
    }

    /**
     * {@link #check()} for work that will need TensorFlow later (e.g. training after reading a big table): fails
     * before that work starts where TensorFlow cannot run here, with the same message {@link #boot()} would give.
     *
     * @return where the natives will come from (for {@link Source#DOWNLOAD} the message says what will be fetched)
     * @throws IllegalStateException naming the platform and the supported ones, or the missing offline folder
     */
    public static NativeSource requireUsable() {
        NativeSource source = check();
        if (!source.usable()) {
            throw new IllegalStateException(source.message());
        }
        return source;
    }

    static NativeSource check(NativePlatform platform) {
        // not synchronized: boot holds the class lock during a download of minutes, and a KNIME configure
        // (UI thread) asks meanwhile
        if (booted && platform.equals(NativePlatform.current())) {
            return nativeSource;
        }
        String given = firstNonBlank(System.getProperty(NATIVE_DIR_PROPERTY), System.getenv(NATIVE_DIR_ENV),
            System.getProperty(TF_LIBRARY_PATH), System.getenv(TF_LIBRARY_PATH));
        if (given != null) {
            Path dir = Path.of(given);
            if (!Files.isRegularFile(dir.resolve(platform.jniLibrary()))) {
                return new NativeSource(Source.UNAVAILABLE, platform, null, "The TensorFlow native folder " + dir
                    + " does not contain " + platform.jniLibrary() + " for " + platform.label() + " (set by "
                    + NATIVE_DIR_PROPERTY + ", " + NATIVE_DIR_ENV + " or " + TF_LIBRARY_PATH + ")");
            }
            return new NativeSource(Source.FOLDER, platform, dir, "TensorFlow natives from " + dir);
        }
        if (findNativeProperties(platform) != null) {
            return new NativeSource(Source.BUNDLED, platform, tensorflowCache(), "TensorFlow natives bundled for "
                + platform.label());
        }
        if (!platform.supported()) {
            return new NativeSource(Source.UNAVAILABLE, platform, null, platform.unsupportedMessage());
        }
        String version = tensorflowVersion();
        Path target = NativeDownload.target(tensorflowCache(), version, platform);
        if (Files.isRegularFile(target.resolve(platform.jniLibrary()))) {
            return new NativeSource(Source.CACHED, platform, target, "TensorFlow " + version + " from " + target);
        }
        String offline = "-D" + NATIVE_DIR_PROPERTY + "=FOLDER (or " + NATIVE_DIR_ENV + ") naming a folder that holds "
            + "DJL's " + platform.downloadFlavor() + "/" + platform.classifier() + " build of TensorFlow " + version;
        if (USER_OFFLINE || "false".equalsIgnoreCase(setting(DOWNLOAD_PROPERTY, DOWNLOAD_ENV))) {
            return new NativeSource(Source.UNAVAILABLE, platform, null, "TensorFlow " + version + " for "
                + platform.label() + " is not installed and downloads are switched off; set " + offline);
        }
        return new NativeSource(Source.DOWNLOAD, platform, target, "TensorFlow " + version + " for " + platform.label()
            + " is not installed yet: the first training or sampling run downloads DJL's CPU build from "
            + NativeDownload.baseUrl(version) + " into " + target + " (once per user; offline: " + offline + ")");
    }

    /**
     * Names the folder that holds the native libraries (e.g. the KNIME platform fragment, found with
     * {@code FileLocator}), instead of unpacking them from the class path. Must come before
     * {@link #boot()}; later calls are refused because the library is loaded once per process.
     */
    public static synchronized void useNativeFolder(Path dir) {
        if (booted) {
            if (!dir.equals(nativeDir)) {
                throw new IllegalStateException("TensorFlow already loaded from " + nativeDir);
            }
            return;
        }
        System.setProperty(NATIVE_DIR_PROPERTY, dir.toString());
    }

    /** "CPU", or "GPU: …" naming the CUDA device TensorFlow runs on. Boots first. */
    public static String deviceDescription() {
        boot();
        return deviceDescription;
    }

    /** Whether a CUDA GPU was found and a TensorFlow op ran on it. Boots first. */
    public static boolean gpuUsable() {
        boot();
        return gpuUsable;
    }

    /** Why the GPU is not used (null when it is, or when no GPU was seen at all). */
    public static String gpuProblem() {
        boot();
        return gpuProblem;
    }

    /** The folder the native libraries were loaded from. Boots first. */
    public static Path nativeDir() {
        boot();
        return nativeDir;
    }

    /** The TensorFlow version DJL's engine expects ({@code tensorflow-engine.properties}), e.g. 2.16.1. */
    public static String tensorflowVersion() {
        try (InputStream in = TfRuntime.class.getClassLoader().getResourceAsStream("tensorflow-engine.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("tensorflow_version");
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // fall back to the version this build was made for
        }
        return "2.16.1";
    }

    /** DJL's cache folder ({@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}); also where GenMat's fused kernel library is unpacked. */
    public static Path cacheRoot() {
        return ai.djl.util.Utils.getEngineCacheDir();
    }

    private static Path tensorflowCache() {
        return cacheRoot().resolve("tensorflow");
    }

    /** A system property, else the environment variable; null when neither is set or blank. */
    static String setting(String property, String env) {
        return firstNonBlank(System.getProperty(property), System.getenv(env));
    }

    /**
     * Copies the native libraries listed in {@code native/lib/tensorflow.properties} into
     * {@code <root>/genmat-<version>-<classifier>}; a no-op when that folder exists with its marker.
     */
    static Path unpackFromClassPath(Path root) {
        Properties props = new Properties();
        URL propsUrl = findNativeProperties(NativePlatform.current());
        if (propsUrl == null) {
            throw new IllegalStateException("TensorFlow natives not found: no " + NATIVE_PROPERTIES
                + " for " + NativePlatform.current() + " on the class path and no "
                + NATIVE_DIR_PROPERTY + " / " + NATIVE_DIR_ENV + " folder given");
        }
        try (InputStream in = propsUrl.openStream()) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + propsUrl, e);
        }
        String version = props.getProperty("version", "unknown");
        String classifier = props.getProperty("classifier", "unknown");
        Path target = root.resolve("genmat-" + version + "-" + classifier);
        if (Files.isRegularFile(target.resolve(MARKER))) {
            return target;
        }
        String base = propsUrl.toString().substring(0, propsUrl.toString().length() - "tensorflow.properties".length());
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, "unpack-");
            for (String lib : props.getProperty("libraries", "").split(",")) {
                String name = lib.trim();
                if (!name.startsWith("lib")) {
                    continue;
                }
                try (InputStream in = new URL(base + name).openStream()) {
                    Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(tmp.resolve(MARKER), version + " " + classifier + "\n");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                // another process finished first; its folder is complete (it has the marker) or will be
                if (!Files.isRegularFile(target.resolve(MARKER))) {
                    throw new IOException("native folder " + target + " exists without its marker; delete it", raced);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the TensorFlow natives into " + root + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                TempFolders.deleteQuietly(tmp);
            }
        }
    }

    /** The first {@code native/lib/tensorflow.properties} on the class path whose classifier is for {@code platform}. */
    private static URL findNativeProperties(NativePlatform platform) {
        try {
            for (ClassLoader cl : new ClassLoader[] {TfRuntime.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
                if (cl == null) {
                    continue;
                }
                Enumeration<URL> urls = cl.getResources(NATIVE_PROPERTIES);
                while (urls.hasMoreElements()) {
                    URL url = urls.nextElement();
                    Properties p = new Properties();
                    try (InputStream in = url.openStream()) {
                        p.load(in);
                    }
                    if (p.getProperty("classifier", "").endsWith("-" + platform.classifier())) {
                        return url;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Quiets TensorFlow's C++ info lines and DJL's CUDA-probe warning, unless the user chose otherwise. */
    private static void quietLogs() {
        if (System.getenv("TF_CPP_MIN_LOG_LEVEL") == null) {
            setenv("TF_CPP_MIN_LOG_LEVEL", "2"); // when it fails, logs stay noisy, nothing else changes
        }
        if (System.getenv(OWN_POOLS_ENV) == null) {
            setenv(OWN_POOLS_ENV, "1");
        }
        // DJL warns "Failed to detect GPU count" on hosts with a CUDA toolkit but no driver: harmless
        String cudaLogger = "ai.djl.util.cuda.CudaUtils";
        if (System.getProperty("org.slf4j.simpleLogger.log." + cudaLogger) == null) {
            System.setProperty("org.slf4j.simpleLogger.log." + cudaLogger, "error");
        }
        try { // when log4j2 is the slf4j provider (it comes with biojava)
            ClassLoader cl = TfRuntime.class.getClassLoader();
            Class<?> level = Class.forName("org.apache.logging.log4j.Level", true, cl);
            Class.forName("org.apache.logging.log4j.core.config.Configurator", true, cl)
                .getMethod("setLevel", String.class, level).invoke(null, cudaLogger, level.getField("ERROR").get(null));
        } catch (Throwable ignored) {
            // log4j2 core absent: nothing to configure
        }
    }

    /** libc {@code setenv} through JNA (reflection: JNA is optional, an OSGi bundle may leave it out). */
    private static boolean setenv(String name, String value) {
        try {
            Class<?> lib = Class.forName("com.sun.jna.NativeLibrary", true, TfRuntime.class.getClassLoader());
            Object libc = lib.getMethod("getInstance", String.class).invoke(null, "c");
            Object setenv = lib.getMethod("getFunction", String.class).invoke(libc, "setenv");
            Object rc = setenv.getClass().getMethod("invokeInt", Object[].class)
                .invoke(setenv, (Object) new Object[] {name, value, 0});
            return Integer.valueOf(0).equals(rc);
        } catch (Throwable e) {
            return false;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
