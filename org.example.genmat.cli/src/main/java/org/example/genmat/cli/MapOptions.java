package org.example.genmat.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.example.genmat.core.io.Messages;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one rule of every map-valued option ({@code --steps vae=100,wgan-gp=200} of {@code genmat demo} and
 * {@code genmat bench turk}): each key once. picocli keeps the last value of a key given twice, so
 * {@code --steps vae=100,vae=200} trained for 200 steps without a word. Keys are compared regardless of case, as the
 * commands read them ({@code VAE=100,vae=200} is the family given twice).
 */
final class MapOptions {

    private MapOptions() {
    }

    /**
     * Refuses, before the command runs, a key given twice in any map-valued option of the command line (the command and
     * its sub-commands): a usage error naming the option, the key and its values.
     */
    static void requireEachKeyOnce(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec option : new LinkedHashSet<>(p.matchedOptions())) { // listed once per occurrence
                String twice = Map.class.isAssignableFrom(option.type()) ? keyGivenTwice(option) : null;
                if (twice != null) {
                    throw new ParameterException(p.commandSpec().commandLine(), twice);
                }
            }
        }
    }

    /**
     * Null, or the refusal of the first key given more than once: "--steps: 'vae' is given twice (100 and 200); give each
     * family once", the kind of key ("family") from the option's label ({@code FAMILY=STEPS}).
     */
    static String keyGivenTwice(OptionSpec option) {
        List<String> typed = option.stringValues(); // picocli records a map option's entries as key, value, key, value, ...
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < typed.size(); i += 2) {
            String key = typed.get(i).toLowerCase(Locale.ROOT);
            spelling.putIfAbsent(key, typed.get(i));
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(Messages.value(typed.get(i + 1)));
        }
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<String> v = e.getValue();
            if (v.size() > 1) {
                return option.longestName() + ": '" + Messages.value(spelling.get(e.getKey())) + "' is given "
                    + (v.size() == 2 ? "twice" : v.size() + " times") + " (" + String.join(", ", v.subList(0, v.size() - 1))
                    + " and " + v.get(v.size() - 1) + "); give each " + keyKind(option) + " once";
            }
        }
        return null;
    }

    /** What a key names, from the option's label: {@code FAMILY=STEPS} → "family"; "key" for picocli's own label. */
    private static String keyKind(OptionSpec option) {
        String label = option.paramLabel();
        int eq = label.indexOf('=');
        return eq > 0 && !label.startsWith("<") ? label.substring(0, eq).toLowerCase(Locale.ROOT) : "key";
    }
}
