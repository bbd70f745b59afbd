package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.example.genmat.core.job.CapturedRun;

/**
 * {@code genmat bench ...} as a user meets it through {@link GenmatCli}: each message starts with
 * the whole command's name and says what is wrong in one line, and nothing is printed before an option is refused.
 */
class BenchCliTest {

    @TempDir
    Path dir;

    private static CapturedRun run(String... args) {
        return GenmatRun.of(args);
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

    /**
     * A bad family is refused before the table's header is printed, and as the other commands refuse a bad option value
     * (docs/reliability.md): a usage error with the pointer to the help, exit status 2 (it was exit 1, no pointer).
     */
    @Test
    void benchTrainChecksItsOptionsBeforeTheHeader() {
        CapturedRun r = run("bench", "train", "--families", "vae,foo", "--no-torch", "--rows", "100", "--steps", "10", "--warmup", "0");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("genmat bench train: error: --families: unknown model family 'foo' (known: vae, wgan-gp, vae-gan)\n"
            + "(see genmat bench train --help)\n");
        assertThat(r.out()).isEmpty();
        CapturedRun kernels = run("bench", "train", "--kernels", "turbo", "--no-torch", "--families", "vae", "--rows", "100", "--steps",
            "10", "--warmup", "0");
        assertThat(kernels.rc()).isEqualTo(2);
        assertThat(kernels.err()).isEqualTo("genmat bench train: error: --kernels: unknown kernels 'turbo' (fused, plain)\n"
            + "(see genmat bench train --help)\n");
        assertThat(kernels.out()).isEmpty();
    }

    /** The option values the bench commands read themselves are usage errors too, each under its command's name. */
    @Test
    void benchOptionValuesAreUsageErrors() {
        CapturedRun models = run("bench", "perov5", "--models", "vae,gpt", "--data-dir", dir.toString());
        assertThat(models.rc()).isEqualTo(2);
        assertThat(models.err()).isEqualTo("genmat bench perov5: error: --models: unknown model family 'gpt' (known: vae, wgan-gp,"
            + " vae-gan)\n(see genmat bench perov5 --help)\n");
        CapturedRun steps = run("bench", "carbon24", "--models", "vae,wgan", "--steps", "10,20,30", "--data-dir", dir.toString());
        assertThat(steps.rc()).isEqualTo(2);
        assertThat(steps.err()).isEqualTo("genmat bench carbon24: error: --steps needs one number or one per model (2)\n"
            + "(see genmat bench carbon24 --help)\n");
        CapturedRun seeds = run("bench", "turk", "--seeds", "5-1");
        assertThat(seeds.rc()).isEqualTo(2);
        assertThat(seeds.err()).isEqualTo("genmat bench turk: error: --seeds range '5-1' must run upwards and hold at most 10,001 seeds\n"
            + "(see genmat bench turk --help)\n");
        CapturedRun families = run("bench", "turk", "--families", "vae,vae_gan,vaegan");
        assertThat(families.rc()).isEqualTo(2);
        assertThat(families.err()).isEqualTo("genmat bench turk: error: --families names the model family vae-gan twice\n"
            + "(see genmat bench turk --help)\n");
        assertThat(models.out() + steps.out() + seeds.out() + families.out()).isEmpty();
    }
}
