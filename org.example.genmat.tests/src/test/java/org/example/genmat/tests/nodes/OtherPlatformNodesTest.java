package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.tf.NativePlatform;
import org.example.genmat.core.tf.TfRuntime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TensorFlow nodes where the natives are not bundled (a KNIME install on Windows or macOS), simulated on
 * this machine by a JVM whose class path lacks the natives fragment/jar, with its own empty home: what configure
 * and execute of Train VAE say on an unsupported platform, before a download (and when it fails), and that the
 * node trains from DJL's cache folder.
 */
class OtherPlatformNodesTest {

    @TempDir
    Path scratch;

    private static String run(final Path home, final String... jvmArgs) throws Exception {
        return ChildJvm.run(OtherPlatformProbe.class, home, List.of("tensorflow-native"), jvmArgs);
    }

    @Test
    void unsupportedPlatformIsAConfigureErrorNamingThePlatform() throws Exception {
        final String out = run(Files.createDirectories(scratch.resolve("home")), "-Dos.arch=ppc64le");
        assertThat(out).contains("configure error: TensorFlow " + TfRuntime.tensorflowVersion()
            + " has no native build for Linux ppc64le (linux-ppc64le)", "Windows x86-64",
            "Read Crystals, Filter Validity and Diversity Metrics (genmat read, filter, metrics) work on every platform").doesNotContain("\tat ");
        assertThat(out).contains("sample configure error: TensorFlow " + TfRuntime.tensorflowVersion()
            + " has no native build for Linux ppc64le (linux-ppc64le)");
    }

    @Test
    void beforeTheDownloadConfigureWarnsAndAFailedDownloadIsOneClearMessage() throws Exception {
        final Path home = Files.createDirectories(scratch.resolve("home"));
        final String out = run(home, "-Dgenmat.tf.download.url=http://127.0.0.1:9/tensorflow/2.16.1");
        assertThat(out).contains("configure warning: TensorFlow " + TfRuntime.tensorflowVersion() + " for Linux x86-64 is"
            + " not installed yet: the first training or sampling run downloads DJL's CPU build from"
            + " http://127.0.0.1:9/tensorflow/2.16.1 into " + home.resolve(".djl.ai/tensorflow"));
        assertThat(out).contains("sample configure warning: TensorFlow " + TfRuntime.tensorflowVersion() + " for Linux"
            + " x86-64 is not installed yet");
        // the node's own configure warning does not replace the download's: both are shown
        assertThat(out).contains("encode configure warning: TensorFlow " + TfRuntime.tensorflowVersion() + " for Linux"
            + " x86-64 is not installed yet").contains("\nThe input table has no column \"stability_class\"");
        assertThat(out).contains("execute error: TensorFlow " + TfRuntime.tensorflowVersion()
            + " for Linux x86-64 could not be downloaded (", "Check the proxy settings").doesNotContain("\tat ");
        try (Stream<Path> s = Files.walk(home)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void trainsFromDjlsCacheFolder() throws Exception {
        Assumptions.assumeTrue(NativePlatform.current().bundled(), "links this machine's Linux x86-64 natives");
        TfRuntime.boot();
        final Path home = Files.createDirectories(scratch.resolve("home"));
        final Path cache = Files.createDirectories(home.resolve(".djl.ai/tensorflow/" + TfRuntime.tensorflowVersion()
            + "-cpu-" + NativePlatform.current().classifier()));
        try (Stream<Path> libs = Files.list(TfRuntime.nativeDir())) {
            for (Path lib : libs.filter(f -> f.getFileName().toString().startsWith("lib")).toList()) {
                Files.createSymbolicLink(cache.resolve(lib.getFileName()), lib); // as if downloaded, without 1.1 GB
            }
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        final String out = run(home, "-Dgenmat.tf.download.url=http://127.0.0.1:9/unreachable");
        assertThat(out).contains("configure warning: null", "trained; status lines: 0");
    }
}
