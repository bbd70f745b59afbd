package org.example.genmat.core.crystal;

import java.util.HashMap;
import java.util.Map;

/**
 * Recursive-descent parser for chemical formulas: element symbols, integer or decimal amounts,
 * nested parentheses and brackets with multipliers, and hydrate dots ({@code ·}, {@code *} or
 * {@code .} between units, e.g. {@code CuSO4·5H2O}). Errors name the position in the text.
 */
final class FormulaParser {

    /** Deepest nesting of parentheses read (real formulas nest two or three deep). */
    static final int MAX_DEPTH = 64;

    /**
     * Largest amount of one element a formula may give (after multipliers): a million atoms per formula unit is far
     * beyond any crystal's cell, and amounts stay exact in a double and in the {@code El:N} composition text (a
     * 20-digit count would otherwise be clamped to 2^63 without a word).
     */
    static final double MAX_AMOUNT = 1_000_000;

    /** The formula without its white space, which the parser reads. */
    private final String text;
    /** The formula as given, which messages echo ("na cl", not "nacl"). */
    private final String given;
    /** For each index of {@link #text} (and its end), the index in {@link #given}: positions count in the given text. */
    private final int[] givenIndex;
    private int pos;
    private int depth;

    private FormulaParser(String given) {
        this.given = given;
        StringBuilder t = new StringBuilder();
        givenIndex = new int[given.length() + 1];
        for (int i = 0; i < given.length(); i++) {
            if (!Character.isWhitespace(given.charAt(i))) {
                givenIndex[t.length()] = i;
                t.append(given.charAt(i));
            }
        }
        givenIndex[t.length()] = given.length();
        this.text = t.toString();
    }

    static Composition parse(String formula) {
        if (formula == null || formula.isBlank()) {
            throw new IllegalArgumentException("empty formula");
        }
        FormulaParser p = new FormulaParser(formula);
        Map<Element, Double> total = new HashMap<>();
        while (true) {
            int unitStart = p.pos;
            double unitMultiplier = p.number(1.0);
            Map<Element, Double> unit = p.group();
            if (unit.isEmpty() && (unitStart > 0 || p.pos < p.text.length() && isDot(p.text.charAt(p.pos)))) {
                // "NaCl2." or ".NaCl" or "NaCl..H2O": a hydrate dot with no unit beside it is junk, not a formula
                throw p.error(p.pos >= p.text.length() ? "nothing after the last '.'" : "a '.' with no unit beside it",
                    unitStart > 0 ? unitStart - 1 : p.pos);
            }
            unit.forEach((k, v) -> total.merge(k, v * unitMultiplier, Double::sum));
            if (p.pos < p.text.length() && isDot(p.text.charAt(p.pos))) {
                p.pos++;
                continue;
            }
            break;
        }
        if (p.pos != p.text.length()) {
            throw p.error("unexpected character '" + new String(Character.toChars(p.text.codePointAt(p.pos))) + "'");
        }
        if (total.isEmpty()) {
            throw new IllegalArgumentException("formula '" + formula + "' contains no element");
        }
        for (Map.Entry<Element, Double> e : total.entrySet()) {
            if (e.getValue() > MAX_AMOUNT) {
                throw p.error("the amount of " + e.getKey() + " is " + String.format(java.util.Locale.ROOT, "%.6g",
                    e.getValue()) + ", more than " + (long) MAX_AMOUNT + " per formula unit", 0);
            }
        }
        return Composition.of(total);
    }

    private static boolean isDot(char c) {
        return c == '·' || c == '*' || c == '•' || (c == '.');
    }

    private Map<Element, Double> group() {
        Map<Element, Double> result = new HashMap<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '(' || c == '[' || c == '{') {
                char close = c == '(' ? ')' : c == '[' ? ']' : '}';
                if (++depth > MAX_DEPTH) {
                    throw error("brackets nested more than " + MAX_DEPTH + " deep");
                }
                pos++;
                Map<Element, Double> inner = group();
                depth--;
                if (pos >= text.length() || text.charAt(pos) != close) {
                    throw error("missing '" + close + "'");
                }
                pos++;
                double m = number(1.0);
                inner.forEach((k, v) -> result.merge(k, v * m, Double::sum));
            } else if (Character.isUpperCase(c)) {
                int start = pos++;
                while (pos < text.length() && Character.isLowerCase(text.charAt(pos))) {
                    pos++;
                }
                int end = pos;
                String sym = text.substring(start, pos);
                Element el = Element.find(sym).orElse(null);
                // "Co" vs "CO": try the longest known symbol, then back off one letter at a time
                while (el == null && pos - start > 1) {
                    pos--;
                    sym = text.substring(start, pos);
                    el = Element.find(sym).orElse(null);
                }
                if (el == null) {
                    // name the whole symbol read ("Xx" in "Xx2"), not the one letter left after backing off
                    throw error("unknown element symbol '" + text.substring(start, end) + "'", start);
                }
                double m = number(1.0);
                result.merge(el, m, Double::sum);
            } else {
                break;
            }
        }
        return result;
    }

    /** An unsigned decimal number at the cursor, or {@code dflt} if there is none. */
    private double number(double dflt) {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            // a '.' not followed by a digit is a hydrate dot, not a decimal point
            if (text.charAt(pos) == '.' && (pos + 1 >= text.length() || !Character.isDigit(text.charAt(pos + 1)))) {
                break;
            }
            pos++;
        }
        if (start == pos) {
            return dflt;
        }
        try {
            double v = Double.parseDouble(text.substring(start, pos));
            if (!Double.isFinite(v) || v > MAX_AMOUNT) {
                throw error("amount " + shown(text.substring(start, pos)) + " too large (at most " + (long) MAX_AMOUNT
                    + ")", start);
            }
            if (v == 0) {
                // "Na0Cl" is no sodium chloride: a zero dropped silently would read as Cl
                throw error("amount 0 (leave out an element that is not there)", start);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("bad number '" + text.substring(start, pos) + "'", start);
        }
    }

    private IllegalArgumentException error(String msg) {
        return error(msg, pos);
    }

    private IllegalArgumentException error(String msg, int at) {
        return new IllegalArgumentException("formula '" + shown(given) + "': " + msg + " at position " + (givenIndex[at] + 1));
    }

    private static String shown(String s) {
        return s.length() <= 60 ? s : s.substring(0, Character.isHighSurrogate(s.charAt(59)) ? 59 : 60)
            + "... (" + s.length() + " chars)";
    }
}
