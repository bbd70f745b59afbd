package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The name in front of every message is the whole command's ({@code genmat bench sample:}, not {@code genmat sample:},
 * which names another command), and a word that names no command is called an unknown command.
 */
class CommandNamesTest {

    @TempDir
    Path dir;

    private record Run(int rc, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = GenmatCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    /** The prefix is the whole command: "genmat sample:" named another command. */
    @Test
    void benchErrorsCarryTheWholeCommandName() {
        Run sample = run("bench", "sample", "--model", dir.resolve("nope.genmat").toString());
        assertThat(sample.rc()).isEqualTo(1);
        assertThat(sample.err()).startsWith("genmat bench sample: error: ").contains("nope.genmat: no such file or folder");
        Run turk = run("bench", "turk", "--seeds", "x");
        assertThat(turk.err()).startsWith("genmat bench turk: error: --seeds must be numbers");
        // the uncaught-error handler of main names the command the same way
        assertThat(GenmatCli.commandName(GenmatCli.commandLine(), new String[] {"bench", "train", "--steps", "5"}))
            .isEqualTo("genmat bench train");
        assertThat(GenmatCli.commandName(GenmatCli.commandLine(), new String[] {"read", "x"})).isEqualTo("genmat read");
    }

    /** An unknown command is called one, with the commands there are, exit 2 (was "Unmatched argument at index 0"). */
    @Test
    void anUnknownCommandIsNamedWithTheCommandsThereAre() {
        Run top = run("foo");
        assertThat(top.rc()).isEqualTo(2);
        assertThat(top.err()).startsWith("genmat: error: unknown command 'foo' (commands: demo, filter, metrics, read,"
            + " sample, train, bench, help)\n").doesNotContain("Unmatched");
        Run bench = run("bench", "raed");
        assertThat(bench.rc()).isEqualTo(2);
        assertThat(bench.err()).startsWith("genmat bench: error: unknown command 'raed' (commands: cif-column, metrics,"
            + " read, sample, train, perov5, carbon24, turk)\n");
        // an unknown option stays picocli's words
        assertThat(run("--frobnicate").err()).startsWith("genmat: error: Unknown option: '--frobnicate'");
    }
}
