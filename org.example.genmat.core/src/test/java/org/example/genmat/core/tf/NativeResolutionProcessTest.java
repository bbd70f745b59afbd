package org.example.genmat.core.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each route of the native resolution in a fresh JVM whose class path lacks the bundled natives (as on
 * Windows or macOS), with its own empty home, temp and working folders: the download from a local
 * server that serves this machine's natives in DJL's layout, the second start from DJL's cache, the
 * offline folder, downloads switched off, and an unsupported platform. Checks that nothing is written
 * outside the cache folder.
 */
class NativeResolutionProcessTest {

    private static final String VERSION = TfRuntime.tensorflowVersion();

    @TempDir
    static Path scratch;

    static Path home;
    static Path tmp;
    static Path work;

    @BeforeAll
    static void folders() throws IOException {
        home = Files.createDirectories(scratch.resolve("home"));
        tmp = Files.createDirectories(scratch.resolve("tmp"));
        work = Files.createDirectories(scratch.resolve("work"));
    }

    record Run(int exit, String out) {
    }

    private static Run child(Path userHome, List<String> jvmArgs, String... args) throws Exception {
        Process p = start(userHome, jvmArgs, args);
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Process start(Path userHome, List<String> jvmArgs, String... args) throws Exception {
        String cp = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator))
            .filter(e -> !e.contains("tensorflow-native")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", cp, "-Duser.home=" + userHome, "-Djava.io.tmpdir=" + tmp, "-XX:-UsePerfData"));
        cmd.addAll(jvmArgs);
        cmd.add(NativeBootProbe.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        for (String k : List.of("TENSORFLOW_LIBRARY_PATH", TfRuntime.NATIVE_DIR_ENV, "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
            "DJL_OFFLINE", NativeDownload.URL_ENV, "GENMAT_TF_DOWNLOAD")) {
            env.remove(k);
        }
        env.put("HOME", userHome.toString());
        env.put("TF_CPP_MIN_LOG_LEVEL", "2");
        return pb.start();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** This machine's natives (the bundled jar on the test class path), served as DJL's cpu/linux-x86_64 build. */
    private static NativeLayoutServer serveThisMachinesNatives() throws IOException {
        URL props = null;
        for (URL u : java.util.Collections.list(NativeResolutionProcessTest.class.getClassLoader()
            .getResources("native/lib/tensorflow.properties"))) {
            props = u;
        }
        assertThat(props).as("tensorflow-native jar on the test class path").isNotNull();
        return NativeLayoutServer.servingNatives(props, VERSION, NativePlatform.current().classifier());
    }

    @Test
    void downloadsIntoDjlsCacheInTheHomeThenStartsFromTheCacheAndWritesNothingElsewhere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativePlatform.current().bundled(),
            "serves this machine's Linux x86-64 natives");
        Path expected = home.resolve(".djl.ai/tensorflow/" + VERSION + "-cpu-" + NativePlatform.current().classifier());
        try (NativeLayoutServer server = serveThisMachinesNatives()) {
            Run first = child(home, List.of("-D" + NativeDownload.URL_PROPERTY + "=" + server.base(VERSION)), "boot");
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("progress: Downloading TensorFlow " + VERSION + " (CPU build for Linux x86-64)",
                "MB so far", "source: DOWNLOAD", "dir: " + expected, "matmul: 11.0");
            assertThat(server.requests).anyMatch(r -> r.endsWith("/files.txt"));
            int requests = server.requests.size();

            Run second = child(home, List.of("-D" + NativeDownload.URL_PROPERTY + "=" + server.base(VERSION)), "boot");
            assertThat(second.exit()).as(second.out()).isZero();
            assertThat(second.out()).contains("source: CACHED", "dir: " + expected, "matmul: 11.0")
                .doesNotContain("Downloading");
            assertThat(server.requests).hasSize(requests);
        }
        assertThat(filesUnder(home)).isNotEmpty().allMatch(f -> f.startsWith(expected),
            "every file written lies in DJL's cache folder of this build");
        assertThat(filesUnder(work)).isEmpty();
        assertThat(filesUnder(tmp)).isEmpty();
    }

    @Test
    void anOfflineFolderIsUsedBeforeAnyDownload() throws Exception {
        TfRuntime.boot(); // this JVM's bundled natives: a folder holding this platform's libraries
        Path folder = TfRuntime.nativeDir();
        Path freshHome = Files.createDirectories(scratch.resolve("home-offline"));
        Run run = child(freshHome, List.of("-D" + TfRuntime.NATIVE_DIR_PROPERTY + "=" + folder,
            "-D" + NativeDownload.URL_PROPERTY + "=http://127.0.0.1:9/unreachable"), "boot");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("source: FOLDER", "dir: " + folder, "matmul: 11.0").doesNotContain("Downloading");
        assertThat(filesUnder(freshHome)).isEmpty();
    }

    @Test
    void unsupportedPlatformsAndSwitchedOffDownloadsGiveOneClearMessage() throws Exception {
        Path freshHome = Files.createDirectories(scratch.resolve("home-check"));
        Run check = child(freshHome, List.of(), "check", "Mac OS X", "x86_64", "Windows 11", "amd64", "Mac OS X", "aarch64");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("check osx-x86_64: UNAVAILABLE: TensorFlow " + VERSION
            + " has no native build for macOS x86-64 (Intel)", "Windows x86-64, macOS aarch64 (Apple Silicon)");
        assertThat(check.out()).contains("check win-x86_64: DOWNLOAD: TensorFlow " + VERSION
            + " for Windows x86-64 is not installed yet", "https://publish.djl.ai/tensorflow/" + VERSION,
            freshHome.resolve(".djl.ai/tensorflow/" + VERSION + "-cpu-win-x86_64").toString());
        assertThat(check.out()).contains("check osx-aarch64: DOWNLOAD");

        Run off = child(freshHome, List.of("-D" + TfRuntime.DOWNLOAD_PROPERTY + "=false"), "check", "Windows 11", "amd64");
        assertThat(off.out()).contains("check win-x86_64: UNAVAILABLE: TensorFlow " + VERSION
            + " for Windows x86-64 is not installed and downloads are switched off; set -D"
            + TfRuntime.NATIVE_DIR_PROPERTY + "=FOLDER");

        Run boot = child(freshHome, List.of("-Dos.arch=ppc64le"), "boot");
        assertThat(boot.exit()).as(boot.out()).isEqualTo(3);
        assertThat(boot.out()).contains("error: TensorFlow " + VERSION + " has no native build for Linux ppc64le")
            .doesNotContain("Exception", "\tat ");
        assertThat(filesUnder(freshHome)).isEmpty();
    }
    @Test
    void aDownloadEndedBySigtermLeavesNothingInTheCache() throws Exception {
        // what Ctrl-C or a scheduler's SIGTERM does to genmat train during the first download
        Path freshHome = Files.createDirectories(scratch.resolve("home-sigterm"));
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NativePlatform here = NativePlatform.current();
        try (NativeLayoutServer server = new NativeLayoutServer(VERSION)) {
            server.add("cpu", here.classifier(), here.jniLibrary(), () -> new InputStream() {
                private final java.util.Random random = new java.util.Random(1); // incompressible: bytes flow
                private long n;

                @Override
                public int read() throws IOException {
                    if (n++ == 4L << 20) { // 4 MB, then the connection stalls until the test ends
                        sent.countDown();
                        try {
                            release.await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IOException("test over");
                    }
                    return random.nextInt(256);
                }
            });
            Process p = start(freshHome, List.of("-D" + NativeDownload.URL_PROPERTY + "=" + server.base(VERSION)), "boot");
            try {
                assertThat(sent.await(2, TimeUnit.MINUTES)).as("the child started downloading").isTrue();
                Path cache = freshHome.resolve(".djl.ai/tensorflow");
                for (int i = 0; i < 300 && (!Files.isDirectory(cache) || filesUnder(cache).isEmpty()); i++) {
                    Thread.sleep(100);
                }
                assertThat(filesUnder(cache)).as("a partial download exists").isNotEmpty();
                p.destroy(); // SIGTERM: shutdown hooks run, finally blocks of the main thread do not
                assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
                assertThat(p.exitValue()).isNotZero();
                assertThat(filesUnder(freshHome)).as("nothing left of the partial download").isEmpty();
                try (Stream<Path> dirs = Files.list(cache)) {
                    assertThat(dirs).as("no temporary folder left").isEmpty();
                }
            } finally {
                release.countDown();
                p.destroyForcibly();
            }
        }
    }
}
