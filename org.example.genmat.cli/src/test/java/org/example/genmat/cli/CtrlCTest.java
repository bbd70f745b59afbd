package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.example.genmat.core.study.ElpasoliteDft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (here SIGTERM) in the middle of a long command, sent to a fresh JVM as a user's terminal sends it. */
class CtrlCTest {

    @TempDir
    Path dir;

    @Test
    void aSignalDuringTheSurrogateFitSaysCancelledAndLeavesTheEarlierOutputAsItWas() throws Exception {
        StringBuilder data = new StringBuilder("A,B,C,D,formation_energy_ev_per_atom,stability_class\n");
        ElpasoliteDft.embedded().rows().forEach(r -> data.append(DemoScoreCliTest.sites(r)).append(',').append(r.energy())
            .append(',').append(r.stabilityClass()).append('\n'));
        Path train = Files.writeString(dir.resolve("dft.csv"), data);
        Path gen = Files.writeString(dir.resolve("gen.csv"), "A,B,C,D\nNa,K,Cs,F\n");
        Path study = Files.writeString(dir.resolve("study.csv"), "an earlier run's table\n");
        Path cache = dir.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path errFile = dir.resolve("stderr.txt");
        Process proc = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            GenmatCli.class.getName(), "metrics", "--generated", gen.toString(), "--training", train.toString(), "--prototype",
            "elpasolite", "--class-column", "stability_class", "--target-class", "1", "--study", study.toString(), "--cache-dir",
            cache.toString(), "--out", dir.resolve("m.csv").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        try {
            // the surrogate's cross-validation takes seconds on any machine: signal once it has begun
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(errFile, StandardCharsets.UTF_8).contains("surrogate: cross-validation")) {
                assertThat(proc.isAlive()).as(Files.readString(errFile)).isTrue();
                assertThat(System.nanoTime()).as("the fit began within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            proc.destroy(); // SIGTERM, which the JVM handles as it handles Ctrl-C's SIGINT
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            proc.destroyForcibly();
        }
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        assertThat(err).as("the work saw the signal and the command said so").contains("genmat metrics: cancelled")
            .doesNotContain("\tat ", "Exception");
        assertThat(proc.exitValue()).isEqualTo(128 + 15);
        assertThat(Files.readString(study)).isEqualTo("an earlier run's table\n");
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.map(p -> dir.relativize(p).toString()).toList();
            assertThat(names).noneMatch(n -> n.endsWith(".genmat-tmp")).doesNotContain("m.csv");
        }
    }
}
