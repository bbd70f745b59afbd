package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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
