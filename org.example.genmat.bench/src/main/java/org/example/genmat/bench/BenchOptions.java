package org.example.genmat.bench;

import java.util.function.Supplier;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The bench commands' checks of their options, made before anything is printed or run: a value outside its
 * range is a usage error naming the option and the range in the engine's words ({@code --samples must be at least 1,
 * was 0}), where it used to run on and print NaN or fail deep inside.
 * <p>
 * A usage error is picocli's own {@link ParameterException}: picocli hands one thrown by a command's {@code call} to the
 * same handler as its own parse errors, so {@code genmat} reports it as it reports the other commands' bad option
 * values (docs/reliability.md: one line, {@code (see genmat bench train --help)}, exit status 2) while this module
 * depends on the engine only, not on the cli's {@code UsageException}.
 */
final class BenchOptions {

    private BenchOptions() {
    }

    /** A bad option value the command itself finds: {@code message} starts with the option. */
    static ParameterException usageError(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Reads option values with a parser whose every IllegalArgumentException is about the values it is given
     * ({@code ModelFamily.parseOption}, {@code TurkStudy.plans} of --families and --steps): its message, which names
     * the option, as a usage error.
     */
    static <T> T parse(CommandSpec spec, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            ParameterException usage = usageError(spec, e.getMessage());
            usage.initCause(e);
            throw usage;
        }
    }

    /** {@code value >= min}. */
    static void atLeast(CommandSpec spec, String option, long value, long min) {
        check(spec, option, NumberRange.atLeast(option, option, min), value);
    }

    /** {@code min <= value <= max}. */
    static void between(CommandSpec spec, String option, long value, long min, long max) {
        check(spec, option, NumberRange.between(option, option, min, max), value);
    }

    /**
     * {@code value} inside an engine setting's range, e.g. {@code ReadSettings.THREADS}: the message is the engine's
     * with the option in front ({@code --threads: the parsing threads ... must be from 0 to 1024, was -1}).
     */
    static void check(CommandSpec spec, String option, NumberRange range, long value) {
        check(spec, option, range, () -> range.check(value));
    }

    /** {@link #check(CommandSpec, String, NumberRange, long)} for a real number ({@code --temperature}). */
    static void check(CommandSpec spec, String option, NumberRange range, double value) {
        check(spec, option, range, () -> range.check(value));
    }

    private static void check(CommandSpec spec, String option, NumberRange range, Runnable check) {
        try {
            check.run();
        } catch (SettingException e) {
            throw usageError(spec, range.what().equals(option) ? e.getMessage() : option + ": " + e.getMessage());
        }
    }
}
