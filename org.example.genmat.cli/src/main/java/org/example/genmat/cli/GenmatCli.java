package org.example.genmat.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import org.example.genmat.core.io.Messages;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.surrogate.SurrogateCache;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code genmat} command. Sub-commands are registered in {@link #commandLine()}. */
@Command(name = "genmat", mixinStandardHelpOptions = true, version = "genmat 0.1.0",
    description = "Design inorganic materials with deep generative models: read crystals, train VAE / WGAN-GP /"
        + " VAE-GAN models, sample candidates, filter them for validity and measure their diversity.")
public final class GenmatCli implements Callable<Integer> {

    /** Exit status of a usage error (picocli's convention): a bad option, an unknown command, no command. */
    static final int USAGE_ERROR = 2;

    @Spec
    CommandSpec spec;

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
        if (names.contains("read")) {
            ReadCommand.addColumnsHelp(cl.getSubcommands().get("read"));
        }
        cl.addSubcommand("help", new HelpCommand()); // genmat help [COMMAND]
        cl.setExecutionExceptionHandler(GenmatCli::handleError);
        cl.setParameterExceptionHandler(GenmatCli::handleUsageError);
        cl.setExecutionStrategy(parsed -> {
            MapOptions.requireEachKeyOnce(parsed); // a usage error: picocli's map keeps a repeated key's last value
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("read") || args[0].equals("bench")) && !Boolean.getBoolean("genmat.noWarmup")) {
            ReaderWarmup.start(); // overlaps reader start-up with option parsing
        }
        CommandLine cl = commandLineFor(args);
        String command = commandName(cl, args);
        // an Error in a worker thread (or anywhere) is one line too, never a stack trace
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println(command + ": error: " + describe(e));
            System.exit(1);
        });
        int rc;
        try (CtrlC ctrlC = CtrlC.install(command)) {
            rc = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            System.err.println(command + ": error: " + describe(e));
            rc = 1;
        }
        System.exit(rc);
    }

    /**
     * The prefix of the run's messages: the whole name of the command the arguments name ({@code genmat bench train}),
     * which is what a sub-command's own messages carry, not just its last word.
     */
    static String commandName(CommandLine root, String[] args) {
        CommandLine cl = root;
        for (String arg : args) {
            CommandLine sub = cl.getSubcommands().get(arg);
            if (sub == null) {
                break;
            }
            cl = sub;
        }
        return cl.getCommandSpec().qualifiedName();
    }

    /**
     * One line for an error the commands do not catch: out of memory names the heap and how to give more; a file-system
     * error names the user's path and the reason in words (the JDK's carry the path alone).
     */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            long mb = Runtime.getRuntime().maxMemory() >> 20;
            return "out of memory: this job needs more than the " + mb + " MB of Java heap it was given; run it with"
                + " GENMAT_JAVA_OPTS=-Xmx" + Math.max(1, mb * 4 / 1024) + "g (or more)";
        }
        if (e instanceof StackOverflowError) {
            return "input nested too deeply (stack overflow)";
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SurrogateCache.UnusableFolder cache) {
                return cache.namedBy(CACHE_FOLDER_OPTION).getMessage(); // as the outputs are named: "--out o.csv: ..."
            }
        }
        String fileError = Messages.fileError(e);
        if (fileError != null) {
            return fileError;
        }
        return Messages.clean(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The option that chooses the surrogate's cache folder, on every command that has one (demo, metrics, bench turk). */
    static final String CACHE_FOLDER_OPTION = "--cache-dir";

    /**
     * A bad command line: one error line like every other error ({@code genmat train: error: Invalid value ...}), a
     * one-line pointer to the help, exit status 2 (picocli's page of usage buried the message).
     */
    private static int handleUsageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        // picocli's map-option message reads "Value for option option '--steps' ..."
        String message = Messages.clean(ex.getMessage()).replace("option option '", "option '");
        if (ex instanceof UnmatchedArgumentException u && !cl.getSubcommands().isEmpty() && !u.isUnknownOption()
            && !u.getUnmatched().isEmpty()) {
            // a command that holds commands (genmat, genmat bench) takes the word for a command name, not an "argument"
            message = "unknown command '" + Messages.value(u.getUnmatched().get(0)) + "' (commands: "
                + String.join(", ", cl.getSubcommands().keySet()) + ")";
        }
        String notANumber = numberError(ex);
        if (notANumber != null) {
            message = notANumber;
        }
        return usageError(cl, message);
    }

    /**
     * The one report of a bad command line, picocli's ({@link #handleUsageError}) and the command's own
     * ({@link UsageException}): the error line, the pointer to the help, exit status 2.
     */
    private static int usageError(CommandLine cl, String message) {
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": error: " + message);
        cl.getErr().println("(see " + name + " --help)");
        return USAGE_ERROR;
    }

    /**
     * The one message for a value that a numeric option (or parameter) cannot take, instead of picocli's "is not a
     * long": with the range of the engine's setting the option gives when its command declares one
     * ({@link SettingOptions.Ranged}: "--n: 'abc' is not a whole number (the number of samples must be from 0 to
     * 1,000,000,000,000,000)"; a number outside that range, even one the type cannot hold, "--n: the number of samples
     * must be from 0 to 1,000,000,000,000,000, was 1e16"), else with the range its type holds ("--seed: '1e3' is not a whole number from
     * -9223372036854775808 to 9223372036854775807"). Null when the error is another one.
     */
    static String numberError(ParameterException ex) {
        CommandLine.Model.ArgSpec arg = ex.getArgSpec();
        if (!(ex.getCause() instanceof CommandLine.TypeConversionException) || arg == null || ex.getValue() == null) {
            return null;
        }
        Class<?> t = arg.type();
        if (java.util.Map.class.isAssignableFrom(t) || java.util.Collection.class.isAssignableFrom(t)) {
            // --steps vae=abc, --rows 1,x: the values' type (a map's last auxiliary type)
            Class<?>[] aux = arg.auxiliaryTypes();
            t = aux.length == 0 ? t : aux[aux.length - 1];
        }
        long min, max;
        if (t == long.class || t == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else if (t == int.class || t == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (t == short.class || t == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            min = max = 0; // a decimal: no range of its type to name
        } else {
            return null;
        }
        boolean whole = min != max;
        String what = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
        String notA = what + ": '" + Messages.value(ex.getValue()) + "' is not a " + (whole ? "whole number" : "number");
        NumberRange range = optionRange(ex.getCommandLine(), what);
        if (range != null) {
            java.math.BigDecimal value = decimal(ex.getValue());
            if (value != null && !range.contains(value.doubleValue())) {
                // a number its type cannot hold (1e16, 99999999999999999999) that the setting refuses anyway: its range
                // is the problem, said as the engine says it of a value it reads
                return what + ": " + range.outOfRange(Messages.value(ex.getValue()));
            }
            return notA + " (" + range.what() + " must be " + range.describe() + ")";
        }
        return whole ? notA + " from " + min + " to " + max : notA;
    }

    /** The number a text writes (1e16, -3, 0.5), or null when it is none. */
    private static java.math.BigDecimal decimal(String text) {
        try {
            return new java.math.BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The range a command (or one of its mixins) declares for an option ({@link SettingOptions.Ranged}), or null. */
    private static NumberRange optionRange(CommandLine cl, String option) {
        if (cl == null) {
            return null;
        }
        List<Object> declaring = new java.util.ArrayList<>();
        declaring.add(cl.getCommand());
        cl.getCommandSpec().mixins().values().forEach(m -> declaring.add(m.userObject()));
        for (Object o : declaring) {
            if (o instanceof SettingOptions.Ranged r && r.optionRanges().containsKey(option)) {
                return r.optionRanges().get(option);
            }
        }
        return null;
    }

    /** Errors reach the user as one clear line, never a stack trace (set GENMAT_DEBUG=1 for one). */
    private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        // the whole name: "genmat bench train", not "genmat train" (the last word alone names another command)
        String name = cl.getCommandSpec().qualifiedName();
        if (ex instanceof CancellationException) {
            // Ctrl-C: the command's temporary outputs are gone, its earlier outputs untouched
            cl.getErr().println(name + ": " + ex.getMessage());
            return CtrlC.cancelledStatus();
        }
        if (ex instanceof UsageException) {
            return usageError(cl, describe(ex));
        }
        if (CancelRequest.requested()) {
            // a failure after Ctrl-C is its consequence (a temporary output deleted while being renamed), not the user's problem
            cl.getErr().println(name + ": cancelled");
            return CtrlC.cancelledStatus();
        }
        cl.getErr().println(name + ": error: " + describe(ex));
        if (System.getenv("GENMAT_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        return 1;
    }

    /** {@code genmat} alone: the command list on stderr, and a usage error's status (a script left out the command). */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return USAGE_ERROR;
    }
}
