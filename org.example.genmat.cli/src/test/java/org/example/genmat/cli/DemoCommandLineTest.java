package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
    void anEmptyArgumentIsKeptAsAnEmptyQuote() {
        assertThat(DemoCommand.commandLine("genmat demo", List.of("--data", ""))).isEqualTo("genmat demo --data ''");
    }
}
