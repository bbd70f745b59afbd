package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.io.CrystalTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The help a user reads: each command listed by a whole short sentence. */
class HelpTextTest {

    @Test
    void everyCommandIsSummedUpByAWholeSentence() {
        List<String> checked = new ArrayList<>();
        check(GenmatCli.commandLine(), checked);
        assertThat(checked).contains("genmat read", "genmat filter", "genmat metrics", "genmat bench metrics",
            "genmat bench perov5", "genmat bench carbon24");
    }

    /**
     * genmat train's hyperparameters show each family's default (they differ: a VAE's batch is 500, a WGAN-GP's 100),
     * made from TrainingSettings' presets; the help used to show none.
     */
    @Test
    void trainShowsEachFamilysDefaults() {
        String help = GenmatCli.commandLine().getSubcommands().get("train").getUsageMessage()
            .replaceAll("\\s+", " "); // the help's line wrapping
        assertThat(help).contains("Decoder/generator updates (default: 10000).",
            "Batch size (default: VAE 500; WGAN-GP 100; VAE-GAN 500).",
            "Latent size (default: 8).",
            "Hidden layer sizes (default: VAE 256,256; WGAN-GP 512; VAE-GAN 256,256).",
            "Critic hidden layer sizes (default: 512).",
            "KL weight (VAE, VAE-GAN; default: 0.1).",
            "Adam learning rate (default: VAE 0.001; WGAN-GP 0.00001; VAE-GAN 0.0001; --preset fast: 0.0001).",
            "Critic updates per generator update (default: WGAN-GP 5; VAE-GAN 1).",
            "(default: VAE on; WGAN-GP off; VAE-GAN on)")
            .doesNotContain("${", "null");
    }

    /**
     * QA 7 D15: the help listed the crystal table's columns without units or meaning. genmat read and genmat help read
     * print each column of {@link CrystalTable#SCHEMA} with what it holds; the README's table has a row for each, in
     * order.
     */
    @Test
    void readListsEachColumnOfTheCrystalTableWithItsMeaningAndUnit() throws IOException {
        String help = GenmatCli.commandLine().getSubcommands().get("read").getUsageMessage();
        assertThat(help).contains("Columns of the crystal table:").doesNotContain("%n");
        String flat = help.replaceAll("\\s+", " ");
        for (CrystalTable.Column c : CrystalTable.SCHEMA) {
            assertThat(flat).contains(" " + c.name() + " " + c.meaning().replaceAll("\\s+", " "));
        }
        assertThat(flat).contains("a cell edge a as read, Å", "volume cell volume, Å³", "density mass of the cell's atoms"
            + " over its volume, g/cm³", "alpha cell angle between b and c, degrees", "formula the reduced formula in Hill"
            + " order", "spacegroup the space-group symbol as the file gives it");
        assertThat(CrystalTable.COLUMNS).containsExactly("source", "formula", "composition", "a", "b", "c", "alpha", "beta",
            "gamma", "volume", "nsites", "density", "spacegroup", "cif", "error", "warning");

        Path readme = Path.of(System.getProperty("genmat.repo.dir", "..")).resolve("README.md");
        Assumptions.assumeTrue(Files.isRegularFile(readme), "README.md not found from " + Path.of("").toAbsolutePath());
        List<String> rows = Files.readAllLines(readme).stream().filter(l -> l.startsWith("| `"))
            .map(l -> l.substring(3, l.indexOf('`', 3))).filter(CrystalTable.COLUMNS::contains).toList();
        assertThat(rows).containsExactlyElementsOf(CrystalTable.COLUMNS);
    }

    /** picocli lists a command by its first description line: it must end a sentence, not break off mid-way. */
    private static void check(CommandLine cl, List<String> checked) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String name = sub.getCommandSpec().qualifiedName();
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (!name.endsWith(" help")) {
                assertThat(description).as(name).isNotEmpty();
                assertThat(description[0]).as(name + "'s summary").endsWith(".");
                assertThat(description[0].length()).as(name + "'s summary length").isLessThan(200);
                checked.add(name);
            }
            check(sub, checked);
        }
    }
}
