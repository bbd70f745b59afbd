package org.example.genmat.core.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code genmat} command. Sub-commands are registered in {@link #commandLine()}. */
@Command(name = "genmat", mixinStandardHelpOptions = true, version = "genmat 0.1.0",
    description = "Design inorganic materials with deep generative models: read crystals, train VAE / WGAN-GP /"
        + " VAE-GAN models, sample candidates, filter them for validity and measure their diversity.")
public final class GenmatCli implements Callable<Integer> {

    /** Builds the command tree; every sub-command of the engine is added here. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GenmatCli());
        // sub-commands (one class each); keep alphabetical within each group
        cl.addSubcommand("bench", new BenchCommand());
        cl.addSubcommand("demo", new DemoCommand());
        cl.addSubcommand("filter", new FilterCommand());
        cl.addSubcommand("metrics", new MetricsCommand());
        cl.addSubcommand("read", new ReadCommand());
        cl.addSubcommand("sample", new SampleCommand());
        cl.addSubcommand("train", new TrainCommand());
        cl.setExecutionExceptionHandler(GenmatCli::handleError);
        return cl;
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("read") || args[0].equals("bench")) && !Boolean.getBoolean("genmat.noWarmup")) {
            org.example.genmat.core.io.ReaderWarmup.start(); // overlaps reader start-up with option parsing
        }
        System.exit(commandLine().execute(args));
    }

    /** Errors reach the user as one clear line, never a stack trace (set GENMAT_DEBUG=1 for one). */
    private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("genmat " + cl.getCommandName() + ": error: " + msg);
        if (System.getenv("GENMAT_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        return 1;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
