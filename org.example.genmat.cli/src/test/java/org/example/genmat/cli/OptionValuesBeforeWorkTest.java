package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.example.genmat.core.job.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Option values refused as a bad command line (exit 2, the pointer to the help) before any work: demo's and bench
 * turk's --temperature were checked only when sampling, after both VAE plans had trained; --prototype and --cutoffs
 * names exited 1 without the pointer.
 */
class OptionValuesBeforeWorkTest {

    @TempDir
    Path dir;

    private static void assertUsageError(CapturedRun r, String command, String message) {
        assertThat(r.rc()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("genmat " + command + ": error: " + message)
            .contains("(see genmat " + command + " --help)").doesNotContain("Exception");
    }

    @Test
    void demoRefusesATemperatureOrThreadsOutOfRangeBeforeTraining() {
        Path out = dir.resolve("report");
        assertUsageError(GenmatRun.of("demo", "--temperature", "NaN", "--out-dir", out.toString()), "demo",
            "--temperature: the temperature must be greater than 0, was NaN");
        assertUsageError(GenmatRun.of("demo", "--temperature", "0", "--out-dir", out.toString()), "demo",
            "--temperature: the temperature must be greater than 0, was 0");
        assertUsageError(GenmatRun.of("demo", "--threads", "-1", "--out-dir", out.toString()), "demo",
            "--threads: the surrogate's threads (0: all processors) must be from 0 to 1024, was -1");
        assertThat(out).doesNotExist();
    }

    @Test
    void benchTurkRefusesATemperatureOutOfRangeBeforeTraining() {
        assertUsageError(GenmatRun.of("bench", "turk", "--temperature", "-1"), "bench turk",
            "--temperature: the temperature must be greater than 0, was -1");
    }

    @Test
    void unknownPrototypeAndCutoffNamesAreUsageErrors() throws Exception {
        Path in = Files.writeString(dir.resolve("f.csv"), "formula\nNaCl\n");
        assertUsageError(GenmatRun.of("filter", "--in", in.toString(), "--out-valid", dir.resolve("v.csv").toString(),
            "--out-invalid", dir.resolve("r.csv").toString(), "--prototype", "foo"), "filter", "--prototype: unknown prototype 'foo'");
        assertUsageError(GenmatRun.of("metrics", "--generated", in.toString(), "--training", in.toString(), "--out",
            dir.resolve("m.csv").toString(), "--cutoffs", "foo"), "metrics", "--cutoffs: cutoffs 'foo'");
        assertThat(dir.resolve("v.csv")).doesNotExist();
        assertThat(dir.resolve("m.csv")).doesNotExist();
    }

    @Test
    void aSeedTwiceAndAMapValueWithoutItsKeyAreSaidPlainly() {
        assertUsageError(GenmatRun.of("bench", "turk", "--seeds", "1,2,1"), "bench turk",
            "--seeds names seed 1 twice; give each seed once");
        CapturedRun r = GenmatRun.of("demo", "--steps", "vae");
        assertUsageError(r, "demo", "Value for option '--steps' (FAMILY=STEPS) should be in KEY=VALUE");
        assertThat(r.err()).doesNotContain("option option");
    }
}
