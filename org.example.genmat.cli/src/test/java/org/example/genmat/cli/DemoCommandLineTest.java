package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import java.util.Map;

import org.example.genmat.core.study.TurkStudy;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;

/** The command line the demo's report names as the one that made it: as typed, options included. */
class DemoCommandLineTest {

    private static String typed(String... args) {
        CommandLine cl = GenmatCli.commandLine();
        cl.parseArgs(args);
        return ((DemoCommand) cl.getSubcommands().get("demo").getCommand()).typedCommand("genmat demo");
    }

    @Test
    void theReportNamesTheOptionsGivenQuotedForAShell() {
        assertThat(typed("demo")).isEqualTo("genmat demo");
        // the report of a non-default run said "made by genmat demo", as if the defaults had made it
        assertThat(typed("demo", "--seed", "-1", "--families", "vae,wgan-gp", "--steps", "vae=100"))
            .isEqualTo("genmat demo --seed -1 --families vae,wgan-gp --steps vae=100");
        // a folder named "demo" is an option's value, not the command; spaces, quotes and non-ASCII letters are quoted
        assertThat(typed("demo", "--out-dir", "demo", "--cache-dir", "my cache/it's", "--seed=2"))
            .isEqualTo("genmat demo --out-dir demo --cache-dir 'my cache/it'\\''s' --seed=2");
        assertThat(typed("demo", "--out-dir", "Ünïcødé dir")).isEqualTo("genmat demo --out-dir 'Ünïcødé dir'");
    }

    @Test
    void stepsOfSeveralFamiliesSplitOnCommasAsFamiliesDo() {
        CommandLine cl = GenmatCli.commandLine();
        cl.parseArgs("demo", "--steps", "vae=100,wgan-gp=200", "--steps", "vae-gan=300");
        DemoCommand demo = (DemoCommand) cl.getSubcommands().get("demo").getCommand();
        assertThat(demo.steps).containsExactly(Map.entry("vae", 100), Map.entry("wgan-gp", 200), Map.entry("vae-gan", 300));
    }

    @Test
    void anEmptyArgumentIsKeptAsAnEmptyQuote() {
        assertThat(DemoCommand.commandLine("genmat demo", List.of("--data", ""))).isEqualTo("genmat demo --data ''");
    }

    @Test
    void theReportSaysWhichModelIsWhichAndWhatTheSetupIs() {
        List<String> all = List.of("vae", "wgan-gp", "vae-gan");
        List<String> tuned = DemoCommand.whichModelIsWhich(TurkStudy.Setup.TUNED, TurkStudy.plans(all, Map.of(), null, TurkStudy.Setup.TUNED));
        assertThat(String.join("\n", tuned)).contains("tuned on this data").contains("seeds 1–10")
            .contains("VAE (KL weight 0.2) is tuned towards precision").contains("VAE-wide (a wider network, hidden 512×512 and latent 16)")
            .contains("VAE-GAN")
            .contains("not in Türk et al.'s study");
        // the paper's setup was not tuned on any seed, and has one VAE
        List<String> paper = DemoCommand.whichModelIsWhich(TurkStudy.Setup.PAPER, TurkStudy.plans(List.of("vae"), Map.of(), null,
            TurkStudy.Setup.PAPER));
        assertThat(String.join("\n", paper)).contains("Türk et al.'s hyperparameters").doesNotContain("seeds 1–10")
            .doesNotContain("VAE-wide").doesNotContain("VAE-GAN");
        assertThat(DemoCommand.whichModelIsWhich(TurkStudy.Setup.PAPER, TurkStudy.plans(List.of("vae-gan"), Map.of(), null,
            TurkStudy.Setup.PAPER))).anySatisfy(l -> assertThat(l).contains("with GenMat's defaults"));
        assertThat(DemoCommand.whichModelIsWhich(TurkStudy.Setup.TUNED, TurkStudy.plans(List.of("wgan-gp"), Map.of(), null,
            TurkStudy.Setup.TUNED))).hasSize(1);
    }
}
