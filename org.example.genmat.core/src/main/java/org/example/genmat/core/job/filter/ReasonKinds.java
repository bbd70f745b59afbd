package org.example.genmat.core.job.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rejection reasons counted by their kind: the reason with its numbers set aside ("lattice angles alpha=…° beta=…°
 * gamma=…° do not form a cell"), so that 242 undecodable lattices are one line of 242, not 242 lines of 1. A kind is
 * shown as its first reason with the numbers that differ within the kind written "…"; a number every reason of the kind
 * shares (a cutoff) stays, and a kind of one reason is that reason.
 */
final class ReasonKinds {

    /**
     * What varies between reasons of one kind: a formula of two or more element symbols with at least one amount
     * (Fe1.1O, Xx1O2: 30 fractional formulas are one kind, not 30), or a number standing on its own (146.6, -5, 1e-3, the
     * 3 of "site 3"), not the digits of a name ('Qq2', C3, smact14): no letter, digit or point right before either, no
     * letter or digit right after.
     */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.])(?:"
        + "(?=[A-Za-z0-9.]*\\d)(?:[A-Z][a-z]?(?:\\d+(?:\\.\\d+)?)?){2,}"
        + "|[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)(?![\\p{L}\\p{N}_])");

    /** Characters of a kind shown; the rest is cut with "…". */
    private static final int SHOWN = 120;

    /** One kind: its first reason, which of its numbers differ within the kind, and its count. */
    private static final class Kind {
        private final String first; // as given (less its row)
        private final String general; // a short distance's elements set aside
        private final List<String> numbers;
        private final boolean[] varies;
        private long count;

        Kind(String first, String general, List<String> numbers) {
            this.first = first;
            this.general = general;
            this.numbers = numbers;
            this.varies = new boolean[numbers.size()];
        }

        void add(List<String> others) {
            count++;
            for (int i = 0; i < varies.length; i++) {
                varies[i] |= !numbers.get(i).equals(others.get(i));
            }
        }

        String text() {
            if (count == 1) {
                return cut(first);
            }
            Matcher m = NUMBER.matcher(general);
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement(varies[i++] ? "…" : m.group()));
            }
            m.appendTail(b);
            return cut(b.toString());
        }

        private static String cut(String s) {
            return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
        }
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    /** Counts one rejected row's reason. */
    void add(String reason) {
        String first = reason == null ? "" : reason.replaceAll("^.*? row \\d+: ", ""); // the row is the row, not the kind
        String general = first.replaceAll("^\\S+–\\S+ ([0-9.]+ Å < )", "distance $1"); // whichever two elements are close
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(general);
        while (m.find()) {
            numbers.add(m.group());
        }
        kinds.computeIfAbsent(NUMBER.matcher(general).replaceAll("#"), k -> new Kind(first, general, numbers)).add(numbers);
    }

    /** The {@code n} most frequent kinds with their counts, most frequent first (first seen first among equals). */
    Map<String, Long> top(int n) {
        Map<String, Long> top = new LinkedHashMap<>();
        kinds.values().stream().sorted(Comparator.comparingLong((Kind k) -> k.count).reversed()).limit(n)
            .forEach(k -> top.merge(k.text(), k.count, Long::sum));
        return top;
    }

    /** How many kinds there are. */
    int size() {
        return kinds.size();
    }
}
