package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import org.example.genmat.core.tf.NativeDownload;
import org.example.genmat.core.tf.NativeLayoutServer;
import org.example.genmat.core.tf.NativePlatform;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.tests.nodes.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download route inside KNIME's OSGi runtime: Equinox with the built nodes bundle but without the natives
 * fragment (a KNIME install on Windows or macOS, played on this Linux machine), the download URL pointing at a
 * local server that serves the fragment's libraries in DJL's layout. In a child JVM ({@link EquinoxDownloadProbe})
 * with an empty home, temp and working folder, the bundle's TensorFlow node steps ({@code TensorFlowNatives})
 * resolve the natives through the bundle's class loader, warn at configure, download into DJL's cache folder in
 * the home with messages in the node's status line, load TensorFlow from there and train; nothing is written
 * anywhere else.
 */
class EquinoxDownloadIT {

    private static final String VERSION = TfRuntime.tensorflowVersion();
    private static final String NATIVE_PROPERTIES = "native/lib/tensorflow.properties";

    @TempDir
    Path scratch;

    @Test
    void withoutTheFragmentTheBundleDownloadsTheNativesIntoTheHomeCacheAndTrains() throws Exception {
        NativePlatform here = NativePlatform.current();
        Assumptions.assumeTrue(here.bundled(), "serves the fragment's Linux x86-64 natives as this platform's build");
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path tmp = Files.createDirectories(scratch.resolve("tmp"));
        Path work = Files.createDirectories(scratch.resolve("work"));
        Path expected = home.resolve(".djl.ai/tensorflow/" + VERSION + "-cpu-" + here.classifier());
        assertThat(expected).as("DJL's own folder name for this build")
            .isEqualTo(NativeDownload.target(home.resolve(".djl.ai/tensorflow"), VERSION, here));
        Path fragment = BuiltBundles.nativesJar();
        Map<String, Long> served = servedLibraries(fragment);

        String out;
        List<String> requests;
        try (NativeLayoutServer server = NativeLayoutServer.servingNatives(
            new URL("jar:" + fragment.toUri() + "!/" + NATIVE_PROPERTIES), VERSION, here.classifier())
            .gzipLevel(Deflater.NO_COMPRESSION)) { // still gzip; compressing 1.15 GB would dominate on a shared machine
            String base = server.base(VERSION);
            out = ChildJvm.run(EquinoxDownloadProbe.class, home, work, Duration.ofMinutes(2), List.of("tensorflow-native"),
                "-Djava.io.tmpdir=" + tmp, "-XX:-UsePerfData",
                "-D" + NativeDownload.URL_PROPERTY + "=" + base,
                "-Dgenmat.bundle.nodes=" + BuiltBundles.nodesJar(),
                "-Dgenmat.osgi.storage=" + scratch.resolve("equinox"));
            requests = List.copyOf(server.requests);
            System.out.println("Equinox download route:\n" + out);

            // the bundle alone: no fragment installed, no native entries visible through it
            assertThat(line(out, "bundles")).contains(BuiltBundles.HOST).doesNotContain(BuiltBundles.FRAGMENT);
            assertThat(line(out, "natives entries")).isEqualTo("false");
            assertThat(line(out, "runtime from the bundle loader")).isEqualTo("true");
            // configure: the warning the TensorFlow nodes show before the first run
            assertThat(line(out, "configure warning")).isEqualTo("TensorFlow " + VERSION + " for " + here.label()
                + " is not installed yet: the first training or sampling run downloads DJL's CPU build from " + base
                + " into " + expected + " (once per user; offline: -D" + TfRuntime.NATIVE_DIR_PROPERTY + "=FOLDER (or "
                + TfRuntime.NATIVE_DIR_ENV + ") naming a folder that holds DJL's cpu/" + here.classifier()
                + " build of TensorFlow " + VERSION + ")");
            // execute: the node's status line (ExecutionMonitor.setMessage) while it downloads
            String what = "TensorFlow " + VERSION + " (CPU build for " + here.label() + ")";
            assertThat(out).contains("status: Downloading " + what + " from " + base + " into " + expected,
                "status: Downloading " + what + ": file 1 of " + served.size() + " (",
                "MB so far", "status: Downloaded " + what + " (");
            assertThat(line(out, "booted")).isEqualTo("DOWNLOAD");
            assertThat(line(out, "native dir")).isEqualTo(expected.toString());
        }
        List<Double> losses = Arrays.stream(line(out, "losses").replaceAll("[\\[\\]]", "").split(","))
            .map(String::trim).map(Double::valueOf).toList();
        assertThat(losses).as("one reconstruction loss per step").hasSize(40).allMatch(Double::isFinite);
        double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(37, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(last).as("reconstruction loss after 40 steps (first %s)", first).isLessThan(first * 0.5);
        assertThat(line(out, "weights finite")).isEqualTo("true");
        // features lie in (-0.8, 0.8); predicting 0 everywhere would give a mean squared error of about 0.2
        assertThat(Double.parseDouble(line(out, "round trip mse"))).as("encode -> decode through NetworkRunner")
            .isLessThan(0.1);

        // files.txt, then each library once
        assertThat(requests).first().asString().endsWith("/tensorflow/" + VERSION + "/files.txt");
        assertThat(requests.subList(1, requests.size())).containsExactlyInAnyOrderElementsOf(served.keySet().stream()
            .map(name -> "/tensorflow/" + VERSION + "/cpu/" + here.classifier() + "/native/lib/" + name + ".gz").toList());
        // the cache folder holds exactly the served libraries, complete
        assertThat(filesUnder(expected).stream()
            .collect(Collectors.toMap(f -> f.getFileName().toString(), EquinoxDownloadIT::size))).isEqualTo(served);
        // nothing else written: in the home only DJL's TensorFlow cache (the build, GenMat's fused kernels
        // compiled for it), nothing in the working folder or the temp folder
        Path tensorflowCache = home.resolve(".djl.ai/tensorflow");
        assertThat(filesUnder(home)).allSatisfy(f -> assertThat(f.startsWith(expected)
            || f.getParent().equals(tensorflowCache) && f.getFileName().toString().startsWith("genmat-fused-ops-"))
            .as("%s lies in the cache folder", f).isTrue());
        assertThat(filesUnder(work)).isEmpty();
        assertThat(filesUnder(tmp)).isEmpty();
    }

    /** The libraries the fragment's {@code tensorflow.properties} lists, with their unpacked sizes. */
    private static Map<String, Long> servedLibraries(Path fragment) throws IOException {
        try (JarFile jar = new JarFile(fragment.toFile())) {
            Properties p = new Properties();
            try (InputStream in = jar.getInputStream(jar.getJarEntry(NATIVE_PROPERTIES))) {
                p.load(in);
            }
            return Arrays.stream(p.getProperty("libraries").split(",")).map(String::trim).filter(n -> n.startsWith("lib"))
                .collect(Collectors.toMap(Function.identity(), n -> jar.getJarEntry("native/lib/" + n).getSize()));
        }
    }

    /** The value of the probe's line {@code key: value}. */
    private static String line(String out, String key) {
        return out.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2)).findFirst()
            .orElseThrow(() -> new AssertionError("no line '" + key + ": ' in:\n" + out));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
