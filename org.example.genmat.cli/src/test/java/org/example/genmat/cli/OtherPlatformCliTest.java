package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.tf.NativePlatform;
import org.example.genmat.core.tf.TfRuntime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genmat train} and {@code genmat sample} as a user runs them where GenMat does not bundle TensorFlow's
 * natives (Windows, macOS, Linux ARM, or an unsupported platform): a fresh JVM through {@code GenmatCli.main}
 * whose class path lacks the {@code tensorflow-native} jar, with its own empty home; the platform is played with
 * {@code -Dos.arch}. Checks the one-line messages (exit status 1, no stack trace, nothing written) and that
 * training runs from DJL's cache folder in the home.
 */
class OtherPlatformCliTest {

    private static final String VERSION = TfRuntime.tensorflowVersion();

    @TempDir
    static Path dir;

    static Path training;

    /** A small model trained in this JVM (bundled natives), for the sample runs. */
    static Path model;

    record Run(int rc, String err) {
    }

    @BeforeAll
    static void data() throws Exception {
        training = dir.resolve("elpasolites.csv");
        TrainSampleCliTest.writeTrainingData(training, DefaultElpasolites.entries().subList(0, 120));
        model = dir.resolve("m.genmat");
        assertThat(TrainSampleCliTest.run(trainArgs(model).toArray(String[]::new)).rc()).isZero();
    }

    private static List<String> trainArgs(Path out) {
        return List.of("train", "--model", "vae", "--in", training.toString(), "--representation", "elpasolite",
            "--steps", "30", "--batch", "32", "--hidden", "16", "--latent", "4", "--seed", "3", "--out", out.toString());
    }

    private static Run genmat(Path home, List<String> jvmArgs, List<String> args) throws Exception {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.contains("tensorflow-native")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-Duser.home=" + home, "-cp", cp));
        cmd.addAll(jvmArgs);
        cmd.add(GenmatCli.class.getName());
        cmd.addAll(args);
        Path errFile = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile());
        for (String k : List.of(TfRuntime.TF_LIBRARY_PATH, TfRuntime.NATIVE_DIR_ENV, "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
            "DJL_OFFLINE", "GENMAT_TF_DOWNLOAD_URL", "GENMAT_TF_DOWNLOAD")) {
            pb.environment().remove(k);
        }
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("genmat " + args + " still running after 3 minutes");
        }
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        assertThat(err).as("never a stack trace").doesNotContain("\tat ", "Exception:");
        return new Run(p.exitValue(), err);
    }

    private static List<Path> filesUnder(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static Path home(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void trainOnAnUnsupportedPlatformSaysSoBeforeReadingTheTable() throws Exception {
        Path home = home("home-ppc");
        // a table that does not exist: the platform is refused before the table is even looked at
        Run r = genmat(home, List.of("-Dos.arch=ppc64le"), List.of("train", "--model", "vae", "--in",
            home.resolve("missing.csv").toString(), "--representation", "elpasolite", "--out",
            home.resolve("m.genmat").toString()));
        assertThat(r.rc()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("genmat train: error: TensorFlow " + VERSION
            + " has no native build for Linux ppc64le (linux-ppc64le)", "Windows x86-64", "macOS aarch64 (Apple Silicon)")
            .doesNotContain("missing.csv");
        assertThat(filesUnder(home)).isEmpty();
    }

    @Test
    void trainWithDownloadsSwitchedOffNamesTheOfflineSetting() throws Exception {
        Path home = home("home-off");
        Run r = genmat(home, List.of("-Dos.arch=aarch64", "-D" + TfRuntime.DOWNLOAD_PROPERTY + "=false"),
            trainArgs(home.resolve("m.genmat")));
        assertThat(r.rc()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("genmat train: error: TensorFlow " + VERSION + " for Linux aarch64 is not installed"
            + " and downloads are switched off; set -D" + TfRuntime.NATIVE_DIR_PROPERTY + "=FOLDER (or "
            + TfRuntime.NATIVE_DIR_ENV + ")", "cpu/linux-aarch64");
        assertThat(filesUnder(home)).isEmpty();
    }

    @Test
    void sampleOnAnUnsupportedPlatformIsOneMessage() throws Exception {
        Path home = home("home-sample");
        Run r = genmat(home, List.of("-Dos.arch=ppc64le"), List.of("sample", "--model", model.toString(), "--n", "100",
            "--out", home.resolve("s.csv").toString()));
        assertThat(r.rc()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("genmat sample: error: TensorFlow " + VERSION + " has no native build for Linux ppc64le");
        assertThat(filesUnder(home)).isEmpty();
    }

    @Test
    void aFailedDownloadIsAnnouncedThenOneMessageAndLeavesNothing() throws Exception {
        Path home = home("home-unreachable");
        Run r = genmat(home, List.of("-Dgenmat.tf.download.url=http://127.0.0.1:9/tensorflow/" + VERSION),
            trainArgs(home.resolve("m.genmat")));
        assertThat(r.rc()).as(r.err()).isEqualTo(1);
        String classifier = NativePlatform.current().classifier();
        assertThat(r.err()).contains("is not installed yet: the first training or sampling run downloads DJL's CPU build"
            + " from http://127.0.0.1:9/tensorflow/" + VERSION + " into "
            + home.resolve(".djl.ai/tensorflow/" + VERSION + "-cpu-" + classifier));
        assertThat(r.err()).contains("genmat train: error: TensorFlow " + VERSION + " for "
            + NativePlatform.current().label() + " could not be downloaded (", "Check the proxy settings");
        assertThat(filesUnder(home)).isEmpty();
    }

    @Test
    void trainAndSampleRunFromDjlsCacheFolderInTheHome() throws Exception {
        Assumptions.assumeTrue(NativePlatform.current().bundled(), "links this machine's Linux x86-64 natives");
        TfRuntime.boot();
        Path home = home("home-cached");
        Path cache = Files.createDirectories(home.resolve(".djl.ai/tensorflow/" + VERSION + "-cpu-"
            + NativePlatform.current().classifier()));
        try (Stream<Path> libs = Files.list(TfRuntime.nativeDir())) {
            for (Path lib : libs.filter(f -> f.getFileName().toString().startsWith("lib")).toList()) {
                Files.createSymbolicLink(cache.resolve(lib.getFileName()), lib); // as if downloaded, without 1.1 GB
            }
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        Path out = dir.resolve("cached.genmat");
        // an unreachable mirror: nothing may be fetched
        List<String> jvm = List.of("-Dgenmat.tf.download.url=http://127.0.0.1:9/unreachable");
        Run train = genmat(home, jvm, trainArgs(out));
        assertThat(train.rc()).as(train.err()).isZero();
        assertThat(train.err()).doesNotContain("Downloading", "not installed");
        Run sample = genmat(home, jvm, List.of("sample", "--model", out.toString(), "--n", "200", "--seed", "4",
            "--out", dir.resolve("cached-samples.csv").toString()));
        assertThat(sample.rc()).as(sample.err()).isZero();
        // same data and seed as the model trained here with the bundled natives: the same samples, byte for byte
        assertThat(TrainSampleCliTest.run("sample", "--model", model.toString(), "--n", "200", "--seed", "4", "--out",
            dir.resolve("bundled-samples.csv").toString()).rc()).isZero();
        assertThat(Files.readAllLines(dir.resolve("cached-samples.csv"))).hasSize(201)
            .isEqualTo(Files.readAllLines(dir.resolve("bundled-samples.csv")));
        try (Stream<Path> s = Files.walk(home)) {
            // the linked libraries, and GenMat's compiled fused kernels beside them: all inside DJL's cache
            assertThat(s.filter(Files::isRegularFile)).as("written only into DJL's cache")
                .allMatch(f -> f.startsWith(cache.getParent()));
        }
    }
}
