package org.example.genmat.bench;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The bench commands' checks of their count options, made before anything is printed or run: a value outside its
 * range is a usage error naming the option and the range in the engine's words ({@code --samples must be at least 1,
 * was 0}), where it used to run on and print NaN or fail deep inside.
 */
final class BenchOptions {

    private BenchOptions() {
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
        try {
            range.check(value);
        } catch (SettingException e) {
            throw new ParameterException(spec.commandLine(),
                range.what().equals(option) ? e.getMessage() : option + ": " + e.getMessage());
        }
    }
}
