package org.example.genmat.cli;

import java.util.Map;
import java.util.function.Supplier;

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
     * @param <T>     the settings record
     * @param options the option of each setting whose option is not {@code --} + the setting in kebab case
     * @param build   makes the record
     * @return the record
     * @throws IllegalArgumentException the engine's message with the option in front
     */
    static <T> T build(Map<String, String> options, Supplier<T> build) {
        try {
            return build.get();
        } catch (SettingException e) {
            // a setting that needs another: the other's option is what to give
            throw new IllegalArgumentException(option(options, e.setting()) + ": " + e.getMessage()
                + (e.needed() == null ? "" : "; give " + option(options, e.needed())), e);
        }
    }

    /** {@code minDistance} → {@code --min-distance} unless {@code options} names another option. */
    static String option(Map<String, String> options, String setting) {
        String given = options.get(setting);
        return given != null ? given : "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
