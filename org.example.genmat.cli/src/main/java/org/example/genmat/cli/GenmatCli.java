package org.example.genmat.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import org.example.genmat.core.io.Messages;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code genmat} command. Sub-commands are registered in {@link #commandLine()}. */
@Command(name = "genmat", mixinStandardHelpOptions = true, version = "genmat 0.1.0",
    description = "Design inorganic materials with deep generative models: read crystals, train VAE / WGAN-GP /"
        + " VAE-GAN models, sample candidates, filter them for validity and measure their diversity.")
public final class GenmatCli implements Callable<Integer> {

    /**
     * The benchmarks live in their own module ({@code org.example.genmat.bench}), which depends on the engine only; the
     * installed archive carries it, so {@code genmat bench} is there exactly when its jar is on the class path.
     */
    private static final String BENCH_COMMAND = "org.example.genmat.bench.BenchCommand";

    /**
     * Sub-commands by name (one class each, one line each; keep alphabetical; bench when present). Suppliers, so that one
     * run builds only the picocli model it needs: building all of them costs every short command
     * tens of milliseconds at start-up.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("demo", DemoCommand::new);
        SUBCOMMANDS.put("filter", FilterCommand::new);
        SUBCOMMANDS.put("metrics", MetricsCommand::new);
        SUBCOMMANDS.put("read", ReadCommand::new);
        SUBCOMMANDS.put("sample", SampleCommand::new);
        SUBCOMMANDS.put("train", TrainCommand::new);
        if (GenmatCli.class.getClassLoader().getResource(BENCH_COMMAND.replace('.', '/') + ".class") != null) {
            SUBCOMMANDS.put("bench", GenmatCli::benchCommand);
        }
    }

    private static Object benchCommand() {
        try {
            return Class.forName(BENCH_COMMAND).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the benchmark module is damaged: " + e, e);
        }
    }

    /** Builds the whole command tree. */
    public static CommandLine commandLine() {
        return build(SUBCOMMANDS.keySet());
    }

    /** The tree for one invocation: just the sub-command named first when there is one, else the whole tree. */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) {
            return build(List.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine build(Collection<String> names) {
        CommandLine cl = new CommandLine(new GenmatCli());
        for (String name : names) {
            cl.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
        cl.setExecutionExceptionHandler(GenmatCli::handleError);
        return cl;
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("read") || args[0].equals("bench")) && !Boolean.getBoolean("genmat.noWarmup")) {
            ReaderWarmup.start(); // overlaps reader start-up with option parsing
        }
        String command = args.length > 0 ? args[0] : "";
        // an Error in a worker thread (or anywhere) is one line too, never a stack trace
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("genmat " + command + ": error: " + describe(e));
            System.exit(1);
        });
        int rc;
        try (CtrlC ctrlC = CtrlC.install()) {
            rc = commandLineFor(args).execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            System.err.println("genmat " + command + ": error: " + describe(e));
            rc = 1;
        }
        System.exit(rc);
    }

    /** One line for an error the commands do not catch: out of memory names the heap and how to give more. */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            long mb = Runtime.getRuntime().maxMemory() >> 20;
            return "out of memory: this job needs more than the " + mb + " MB of Java heap it was given; run it with"
                + " GENMAT_JAVA_OPTS=-Xmx" + Math.max(1, mb * 4 / 1024) + "g (or more)";
        }
        if (e instanceof StackOverflowError) {
            return "input nested too deeply (stack overflow)";
        }
        return Messages.clean(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Errors reach the user as one clear line, never a stack trace (set GENMAT_DEBUG=1 for one). */
    private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof CancellationException) {
            // Ctrl-C: the command's temporary outputs are gone, its earlier outputs untouched
            cl.getErr().println("genmat " + cl.getCommandName() + ": " + ex.getMessage());
            return 130;
        }
        cl.getErr().println("genmat " + cl.getCommandName() + ": error: " + describe(ex));
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
