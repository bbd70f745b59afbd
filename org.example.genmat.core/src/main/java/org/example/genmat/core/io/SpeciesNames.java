package org.example.genmat.core.io;

import java.util.Optional;

import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Species;

/**
 * Turns CIF/POSCAR atom names into species: type symbols such as {@code Fe}, {@code Fe3+},
 * {@code O2-}, {@code Fe+3}, {@code CL}, and site labels such as {@code Fe1}, {@code CA},
 * {@code O2a}, {@code OW}, {@code WatOW} (water oxygen). A charge is read only when a sign is present, so the {@code 2} of label
 * {@code O2} stays a label number. Deuterium and tritium ({@code D}, {@code T}) count as hydrogen.
 */
final class SpeciesNames {

    private SpeciesNames() {
    }

    private static final int CACHE_LIMIT = 8192;
    private static final java.util.concurrent.ConcurrentHashMap<String, Optional<Species>> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** The species named, or empty when no element can be recognised (remembers the names files repeat). */
    static Optional<Species> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<Species> known = CACHE.get(name);
        if (known == null) {
            known = parseUncached(name);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.put(name, known);
            }
        }
        return known;
    }

    private static Optional<Species> parseUncached(String name) {
        String s = name.trim();
        int n = s.length();
        if (n == 0 || !Character.isLetter(s.charAt(0))) {
            return Optional.empty();
        }
        if (n >= 3 && s.regionMatches(true, 0, "Wat", 0, 3)) {
            return Optional.of(Species.of(Element.of("O"))); // "Wat", "WatOW": water oxygen (AMCSD), not tungsten
        }
        Element el = null;
        int used = 0;
        if (n >= 2 && Character.isLetter(s.charAt(1))) {
            el = lookup(s.substring(0, 2));
            used = 2;
        }
        if (el == null) {
            el = lookup(s.substring(0, 1));
            used = 1;
        }
        if (el == null) {
            return Optional.empty();
        }
        return Optional.of(new Species(el, charge(s.substring(used))));
    }

    private static Element lookup(String sym) {
        String cap = Character.toUpperCase(sym.charAt(0)) + sym.substring(1).toLowerCase(java.util.Locale.ROOT);
        if (cap.equals("D") || cap.equals("T")) {
            return Element.of("H");
        }
        return Element.find(cap).orElse(null);
    }

    /** The charge written after the element ("3+", "+3", "-", "2-"), or null when there is none. */
    static Double charge(String rest) {
        int n = rest.length();
        if (n == 0) {
            return null;
        }
        char first = rest.charAt(0), last = rest.charAt(n - 1);
        String digits;
        int sign;
        if (last == '+' || last == '-') {
            digits = rest.substring(0, n - 1);
            sign = last == '-' ? -1 : 1;
        } else if (first == '+' || first == '-') {
            digits = rest.substring(1);
            sign = first == '-' ? -1 : 1;
        } else {
            return null;
        }
        if (digits.isEmpty()) {
            return (double) sign;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!(Character.isDigit(c) || c == '.')) {
                return null;
            }
        }
        try {
            return sign * Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
