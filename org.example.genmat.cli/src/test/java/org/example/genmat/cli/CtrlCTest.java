package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.study.ElpasoliteDft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C (SIGINT) and SIGTERM sent to a fresh JVM as a user's terminal or a scheduler sends them. */
class CtrlCTest {

    @TempDir
    Path dir;

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /**
     * {@code command} with SIGINT at its default disposition: a JVM started ignoring it (under a background job of a
     * shell, which the build may be) keeps ignoring it, rightly, and would never see the test's Ctrl-C.
     */
    private static List<String> sigintDefault(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
            cmd.addAll(List.of("env", "--default-signal=INT")); // env execs the command: same process id
        } else if (Files.isReadable(Path.of("/proc/self/status"))) { // Linux: SigIgn is the mask of ignored signals
            String ignored = Files.readString(Path.of("/proc/self/status")).lines().filter(l -> l.startsWith("SigIgn:"))
                .findFirst().orElse("SigIgn: 0").substring(7).trim();
            assumeFalse((Long.parseLong(ignored, 16) & 2) != 0, "SIGINT is ignored here and env cannot reset it");
        }
        cmd.addAll(command);
        return cmd;
    }

    private static void signal(Process p, String sig) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    /** Waits until the process's standard error (in {@code errFile}) shows {@code text}. */
    private static void awaitLine(Process p, Path errFile, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(errFile, StandardCharsets.UTF_8).contains(text)) {
            assertThat(p.isAlive()).as(Files.readString(errFile)).isTrue();
            assertThat(System.nanoTime()).as("'" + text + "' within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalDuringTheSurrogateFitSaysCancelledAndLeavesTheEarlierOutputAsItWas(String sig) throws Exception {
        StringBuilder data = new StringBuilder("A,B,C,D,formation_energy_ev_per_atom,stability_class\n");
        ElpasoliteDft.embedded().rows().forEach(r -> data.append(DemoScoreCliTest.sites(r)).append(',').append(r.energy())
            .append(',').append(r.stabilityClass()).append('\n'));
        Path train = Files.writeString(dir.resolve("dft.csv"), data);
        Path gen = Files.writeString(dir.resolve("gen.csv"), "A,B,C,D\nNa,K,Cs,F\n");
        Path study = Files.writeString(dir.resolve("study.csv"), "an earlier run's table\n");
        Path cache = dir.resolve("cache");
        Path errFile = dir.resolve("stderr.txt");
        Process proc = new ProcessBuilder(sigintDefault(List.of(JAVA, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            GenmatCli.class.getName(), "metrics", "--generated", gen.toString(), "--training", train.toString(), "--prototype",
            "elpasolite", "--class-column", "stability_class", "--target-class", "1", "--study", study.toString(), "--cache-dir",
            cache.toString(), "--out", dir.resolve("m.csv").toString())))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        try {
            // the surrogate's cross-validation takes seconds on any machine: signal once it has begun
            awaitLine(proc, errFile, "surrogate: cross-validation", 60);
            signal(proc, sig);
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            proc.destroyForcibly();
        }
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        // the line comes from the command itself: its work saw the request within the grace (not the fallback's exit)
        assertThat(err).as("the work saw the signal and the command said so").contains("genmat metrics: cancelled")
            .doesNotContain("\tat ", "Exception");
        assertThat(proc.exitValue()).isEqualTo(sig.equals("INT") ? 130 : 128 + 15);
        assertThat(Files.readString(study)).isEqualTo("an earlier run's table\n");
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.map(p -> dir.relativize(p).toString()).toList();
            assertThat(names).noneMatch(n -> n.endsWith(".genmat-tmp")).doesNotContain("m.csv");
        }
    }

    /**
     * Ctrl-C while train reads its table: reading, fitting the featurizer, loading TensorFlow and its first session run
     * look at no cancel for seconds, and a Ctrl-C there waited for the 2 s grace (QA 7, D7). The job now runs on a thread
     * of its own while the command looks for the Ctrl-C: it stops within a second, writes nothing and leaves no temporary.
     */
    @Test
    void aCtrlCWhileTrainReadsItsTableStopsItWithinASecond() throws Exception {
        StringBuilder table = new StringBuilder("cif\n");
        for (int i = 0; i < 8000; i++) {
            table.append('"').append(MetricsCommandTest.NACL_CIF).append("\"\n");
        }
        Path in = Files.writeString(dir.resolve("nacl.csv"), table);
        Path model = dir.resolve("m.genmat");
        Path errFile = dir.resolve("stderr.txt"), classes = dir.resolve("classes.txt");
        // the class loading log says when the reading has begun: the first CIF cell loads the CIF reader
        Process proc = new ProcessBuilder(sigintDefault(List.of(JAVA, "-Xmx512m", "-verbose:class", "-cp",
            System.getProperty("java.class.path"), GenmatCli.class.getName(), "train", "--model", "vae", "--representation",
            "structure", "--in", in.toString(), "--steps", "100000", "--out", model.toString())))
            .redirectOutput(classes.toFile()).redirectError(errFile.toFile()).start();
        double seconds;
        try {
            awaitLine(proc, classes, "org.example.genmat.core.io.CifReader ", 60);
            long signalled = System.nanoTime();
            signal(proc, "INT");
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
            seconds = (System.nanoTime() - signalled) / 1e9;
        } finally {
            proc.destroyForcibly();
        }
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        assertThat(proc.exitValue()).as(err).isEqualTo(130);
        assertThat(seconds).as("stopped within a second of the Ctrl-C, not after the 2 s grace; " + err).isLessThan(1.0);
        assertThat(err).contains("genmat train: cancelled").doesNotContain("\tat ", "Exception");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("nacl.csv", "stderr.txt", "classes.txt");
        }
    }

    /** A command's life under {@link CtrlC}, installed as {@link GenmatCli#main} installs it. */
    public static final class Probe {

        public static void main(String[] args) throws Exception {
            int rc;
            try (CtrlC ctrlC = CtrlC.install("probe")) {
                rc = args[0].equals("done") ? done() : stuck(Path.of(args[1]));
            }
            System.exit(rc);
        }

        /** The work is done and its outputs committed when the Ctrl-C comes: the command's status is 0. */
        private static int done() throws InterruptedException {
            System.err.println("committed");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!CancelRequest.requested() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            System.err.println("requested: " + CancelRequest.requested());
            return 0;
        }

        /** Work that never looks at the request, writing an output. */
        private static int stuck(Path out) throws IOException, InterruptedException {
            OutputFiles outputs = OutputFiles.plan(List.of(), "--out", out);
            OutputStream s = outputs.stream("--out");
            s.write("half a table".getBytes(StandardCharsets.UTF_8));
            s.flush();
            System.err.println("writing");
            Thread.sleep(60_000);
            return 0;
        }
    }

    private Process probe(Path errFile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx64m", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
            Probe.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(sigintDefault(cmd)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(errFile.toFile()).start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalAfterTheOutputsAreCommittedLeavesTheCommandsStatus(String sig) throws Exception {
        Path errFile = dir.resolve("stderr.txt");
        Process proc = probe(errFile, "done");
        try {
            awaitLine(proc, errFile, "committed", 60);
            signal(proc, sig);
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            proc.destroyForcibly();
        }
        // the request reached the command (which had nothing left to stop), and the JVM did not turn 0 into 130
        assertThat(Files.readString(errFile)).contains("requested: true");
        assertThat(proc.exitValue()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aCommandThatNeverLooksIsEndedAfterTheGraceWithItsTemporaryDeleted(String sig) throws Exception {
        Path errFile = dir.resolve("stderr.txt");
        Path out = dir.resolve("o.csv");
        Process proc = probe(errFile, "stuck", out.toString());
        long signalled;
        try {
            awaitLine(proc, errFile, "writing", 60);
            signalled = System.nanoTime();
            signal(proc, sig);
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            proc.destroyForcibly();
        }
        assertThat((System.nanoTime() - signalled) / 1e9).as("ended after the 2 s grace, not the minute's sleep")
            .isGreaterThanOrEqualTo(1.9).isLessThan(20);
        assertThat(proc.exitValue()).isEqualTo(sig.equals("INT") ? 130 : 143);
        assertThat(Files.readString(errFile)).endsWith("probe: cancelled\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("stderr.txt");
        }
    }
}
