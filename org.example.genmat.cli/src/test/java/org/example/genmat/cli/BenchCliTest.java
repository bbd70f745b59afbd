package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.example.genmat.core.job.CapturedRun;

import picocli.CommandLine;

/**
 * {@code genmat bench ...} as a user meets it through {@link GenmatCli}: each message starts with
 * the whole command's name and says what is wrong in one line, and nothing is printed before an option is refused.
 */
class BenchCliTest {

    @TempDir
    Path dir;

    private static CapturedRun run(String... args) {
        return CapturedRun.of(err -> {
            CommandLine cl = GenmatCli.commandLine();
            cl.setErr(err);
            return cl.execute(args);
        });
    }

    /** A missing input is refused as genmat read refuses it, not timed as one unreadable input with exit 0. */
    @Test
    void benchReadAndCifColumnRefuseAMissingInput() {
        String missing = dir.resolve("nosuch").toString();
        CapturedRun read = run("bench", "read", missing);
        assertThat(read.rc()).isEqualTo(1);
        assertThat(read.err()).isEqualTo("genmat bench read: error: " + missing + ": no such file or folder\n");
        assertThat(read.out()).isEmpty();
        CapturedRun cif = run("bench", "cif-column", missing + ".csv");
        assertThat(cif.rc()).isEqualTo(1);
        assertThat(cif.err()).isEqualTo("genmat bench cif-column: error: " + missing + ".csv: no such file or folder\n");
    }

    /** A table without crystals is an error line of the command's own name (it was "bench cif-column: ..."). */
    @Test
    void benchCifColumnWithoutCrystalsSaysSoUnderItsName() throws Exception {
        Path formulas = Files.writeString(dir.resolve("formulas.csv"), "formula\nNaCl\n");
        CapturedRun r = run("bench", "cif-column", formulas.toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).startsWith("genmat bench cif-column: error: no crystal structure in [").contains("formulas.csv");
    }

    /** A refused count is a usage error under the whole command's name, with the pointer to its help. */
    @Test
    void benchUsageErrorsCarryTheWholeCommandName() {
        CapturedRun metrics = run("bench", "metrics", "--samples", "0");
        assertThat(metrics.rc()).isEqualTo(2);
        assertThat(metrics.err()).isEqualTo("genmat bench metrics: error: --samples must be at least 1, was 0\n"
            + "(see genmat bench metrics --help)\n");
    }

    /** Where the data sets are looked for is said, with the option that moves it. */
    @Test
    void benchPerov5WithoutItsDataNamesDataDir() {
        CapturedRun r = run("bench", "perov5", "--data-dir", dir.toString(), "--samples", "10");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).startsWith("genmat bench perov5: error: " + dir.resolve("perov_5/val.csv") + ": no such file")
            .contains("--data-dir (default ../shared/data, relative to the current folder)");
    }

    /** A --python that cannot start is refused before the table starts, in words, naming the option. */
    @Test
    void benchTrainRefusesAMissingPythonBeforePrintingAnything() throws Exception {
        Path script = Files.writeString(dir.resolve("train_torch.py"), "print('{}')\n");
        // a short run (one family, few rows and steps) should the check ever let it through
        CapturedRun r = run("bench", "train", "--python", "/nonexistent/python", "--torch-script", script.toString(), "--families",
            "vae", "--rows", "100", "--steps", "10", "--warmup", "0");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("genmat bench train: error: cannot run the peer's Python '/nonexistent/python':"
            + " no such file (--python)\n");
        assertThat(r.out()).isEmpty();
        CapturedRun bare = run("bench", "train", "--python", "no-such-python-here", "--torch-script", script.toString(), "--families",
            "vae", "--rows", "100", "--steps", "10", "--warmup", "0");
        assertThat(bare.err()).contains("'no-such-python-here': not found on the PATH (--python)");
    }

    /** A bad family is refused before the table's header is printed. */
    @Test
    void benchTrainChecksItsOptionsBeforeTheHeader() {
        CapturedRun r = run("bench", "train", "--families", "vae,foo", "--no-torch", "--rows", "100", "--steps", "10", "--warmup", "0");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("genmat bench train: error: --families: unknown model family 'foo' (known: vae, wgan-gp, vae-gan)\n");
        assertThat(r.out()).isEmpty();
        CapturedRun kernels = run("bench", "train", "--kernels", "turbo", "--no-torch", "--families", "vae", "--rows", "100", "--steps",
            "10", "--warmup", "0");
        assertThat(kernels.err()).contains("--kernels: unknown kernels 'turbo'");
        assertThat(kernels.out()).isEmpty();
    }
}
