package org.example.genmat.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

/**
 * Builds a job's settings record from a command's options: a {@link SettingException} of the engine's check becomes
 * a usage error naming the option ({@code --latent: the latent size must be from 1 to 8192, was 0}), and the option to
 * give as well when the setting needs another ({@code --target-class: ...; give --class-column}).
 */
final class SettingOptions {

    private SettingOptions() {
    }

    /**
     * A command (or mixin) whose options give engine settings that have a {@link NumberRange}: a value picocli cannot
     * read as a number is refused with the range the setting takes, not with the range of the option's Java type.
     */
    interface Ranged {
        /** @return option name ({@code --n}) → the range of the setting it gives */
        Map<String, NumberRange> optionRanges();
    }

    /**
     * @param <T>     the settings record
     * @param options the option of each setting whose option is not {@code --} + the setting in kebab case
     * @param build   makes the record
     * @return the record
     * @throws UsageException the engine's message with the option in front (exit status 2, as any bad command line)
     */
    static <T> T build(Map<String, String> options, Supplier<T> build) {
        try {
            return build.get();
        } catch (SettingException e) {
            // a setting that needs another: the other's option is what to give
            throw new UsageException(option(options, e.setting()) + ": " + e.getMessage()
                + (e.needed() == null ? "" : "; give " + option(options, e.needed())), e);
        }
    }

    /**
     * Reads option values with an engine parser whose every IllegalArgumentException is about the values it is given
     * ({@code TurkStudy.plans} of --families and --steps): its message, which names the option, as a usage error.
     */
    static <T> T parse(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw e instanceof UsageException ? e : new UsageException(e.getMessage(), e);
        }
    }

    /**
     * Reads one option's value with an engine parser of names ({@code Prototype.forName}, {@code Cutoffs.forName}): its
     * IllegalArgumentException, with the option in front, as a usage error.
     */
    static <T> T parse(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage(), e);
        }
    }

    /** {@code minDistance} → {@code --min-distance} unless {@code options} names another option. */
    static String option(Map<String, String> options, String setting) {
        String given = options.get(setting);
        return given != null ? given : "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The ranges of a command's options ({@link Ranged}): each range under the option of its setting; where two settings
     * share an option the first range given is that option's.
     */
    static Map<String, NumberRange> ranges(Map<String, String> options, NumberRange... ranges) {
        Map<String, NumberRange> byOption = new LinkedHashMap<>();
        for (NumberRange r : ranges) {
            byOption.putIfAbsent(option(options, r.setting()), r);
        }
        return Collections.unmodifiableMap(byOption);
    }
}
