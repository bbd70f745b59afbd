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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Process-wide boot of DJL's TensorFlow engine, offline.
 *
 * <p>What {@link #boot()} does, once per process:
 * <ol>
 *   <li>{@code ai.djl.offline=true} (the CUDA-labelled native jar would otherwise make DJL try a
 *       download);</li>
 *   <li>finds the native folder: system property {@value #NATIVE_DIR_PROPERTY} or environment
 *       variable {@value #NATIVE_DIR_ENV} (a folder holding {@code libjnitensorflow.so} and its two
 *       siblings, e.g. supplied by the KNIME platform fragment), else an existing
 *       {@code TENSORFLOW_LIBRARY_PATH}, else unpacks {@code native/lib/*} of the
 *       tensorflow-native jar found on the class path into a versioned folder of the DJL cache
 *       (temp folder + marker + atomic rename, so two processes may do it at once);</li>
 *   <li>sets {@code TENSORFLOW_LIBRARY_PATH} to that folder;</li>
 *   <li>sets the thread context class loader to this class's loader around the first touch of
 *       {@code ai.djl.engine.Engine} (DJL finds engines with a ServiceLoader on the TCCL; inside
 *       an OSGi bundle or on a thread whose TCCL is null it would find none, for good);</li>
 *   <li>loads the engine and its native library, then probes whether TensorFlow can run on a
 *       CUDA GPU; falls back to the CPU otherwise.</li>
 * </ol>
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
    private static final String NATIVE_PROPERTIES = "native/lib/tensorflow.properties";
    private static final String MARKER = ".genmat-complete";

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
    private static Path nativeDir;

    private TfRuntime() {
    }

    /**
     * Boots the engine; idempotent and thread-safe. Must run before any {@code org.tensorflow} or
     * {@code ai.djl} class is touched.
     *
     * @throws IllegalStateException when the native libraries cannot be found or loaded
     */
    public static void boot() {
        if (booted) {
            return;
        }
        synchronized (TfRuntime.class) {
            if (booted) {
                return;
            }
            System.setProperty("ai.djl.offline", "true");
            quietLogs();
            Path dir = resolveNativeDir();
            System.setProperty(TF_LIBRARY_PATH, dir.toString());
            nativeDir = dir;
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

    private static Path resolveNativeDir() {
        String given = firstNonBlank(System.getProperty(NATIVE_DIR_PROPERTY), System.getenv(NATIVE_DIR_ENV),
            System.getProperty(TF_LIBRARY_PATH), System.getenv(TF_LIBRARY_PATH));
        if (given != null) {
            Path dir = Path.of(given);
            if (!Files.isRegularFile(dir.resolve("libjnitensorflow.so"))) {
                throw new IllegalStateException("TensorFlow native folder " + dir
                    + " does not contain libjnitensorflow.so (set by " + NATIVE_DIR_PROPERTY + ", " + NATIVE_DIR_ENV
                    + " or " + TF_LIBRARY_PATH + ")");
            }
            return dir;
        }
        return unpackFromClassPath(cacheRoot().resolve("tensorflow"));
    }

    /** DJL's cache folder rules: ENGINE_CACHE_DIR, then DJL_CACHE_DIR, then ~/.djl.ai. */
    static Path cacheRoot() {
        String dir = firstNonBlank(System.getProperty("ENGINE_CACHE_DIR"), System.getenv("ENGINE_CACHE_DIR"),
            System.getProperty("DJL_CACHE_DIR"), System.getenv("DJL_CACHE_DIR"));
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    /**
     * Copies the native libraries listed in {@code native/lib/tensorflow.properties} into
     * {@code <root>/genmat-<version>-<classifier>}; a no-op when that folder exists with its marker.
     */
    static Path unpackFromClassPath(Path root) {
        ClassLoader loader = TfRuntime.class.getClassLoader();
        Properties props = new Properties();
        URL propsUrl = findNativeProperties(loader);
        if (propsUrl == null) {
            throw new IllegalStateException("TensorFlow natives not found: no " + NATIVE_PROPERTIES
                + " on the class path (add ai.djl.tensorflow:tensorflow-native-cu121:linux-x86_64) and no "
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
                deleteQuietly(tmp);
            }
        }
    }

    private static URL findNativeProperties(ClassLoader loader) {
        try {
            List<URL> found = new ArrayList<>();
            for (ClassLoader cl : new ClassLoader[] {loader, Thread.currentThread().getContextClassLoader()}) {
                if (cl == null) {
                    continue;
                }
                Enumeration<URL> urls = cl.getResources(NATIVE_PROPERTIES);
                while (urls.hasMoreElements()) {
                    found.add(urls.nextElement());
                }
            }
            return found.isEmpty() ? null : found.get(0);
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp folder costs disk, not correctness
                }
            });
        } catch (IOException ignored) {
            // best effort
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
