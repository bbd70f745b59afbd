package org.example.genmat.core.crystal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Recursive-descent parser for chemical formulas: element symbols, integer or decimal amounts,
 * nested parentheses and brackets with multipliers, and hydrate dots ({@code ·}, {@code *} or
 * {@code .} between units, e.g. {@code CuSO4·5H2O}). Errors name the position in the text.
 *
 * <p>A {@code .} is a decimal point or a hydrate dot. It is a hydrate dot when it is not followed by a digit
 * ({@code MgSO4.H2O}). Followed by a digit, after an amount (or right after a symbol or bracket), it is a hydrate dot
 * with that whole-number multiplier when
 * <ul>
 * <li>the digits after it are followed by a molecule of crystallisation that is the whole unit ({@link #SOLVENTS}:
 *     {@code CaSO4.2H2O}, {@code Na2CO3.10H2O}, {@code KAl(SO4)2.12H2O}, {@code CaCl2.2NH3}) and the unit before it
 *     is a compound of two or more symbols (not {@code Mg2.5H2O}, which the last rule below then notes), or</li>
 * <li>the digits after it are followed by another decimal point: a number has one point, so
 *     {@code CaSO4.0.5H2O} is CaSO4·0.5H2O;</li>
 * </ul>
 * else it is a decimal point ({@code Fe0.5Mn0.5O}, {@code Li0.33CoO2}, {@code Ca0.9995}, {@code Cu1.8S}). A unit's
 * own multiplier is always read with its decimal point ({@code V2O5.1.6H2O}). Some decimal readings could be meant
 * as an adduct written with {@code .}: an amount other than 0 or 1 before the point and, after its digits, a unit of
 * two or more symbols with whole amounts ({@code Al2O3.2SiO2}, {@code Li2.5CoO2}). Such a formula is read with the
 * decimal point and {@link #parse(String, Consumer)} notes both readings; {@code ·} or {@code *} writes the adduct
 * without doubt.
 */
final class FormulaParser {

    /**
     * The molecules of crystallisation that make a {@code .} before a whole number a hydrate dot: water, ammonia,
     * hydrogen peroxide, hydrogen halides, methanol and ethanol, as formulas write them after the dot.
     */
    static final List<String> SOLVENTS = List.of("H2O", "NH3", "H2O2", "HF", "HCl", "CH3OH", "C2H5OH");

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
    /** The index in {@link #text} of a '.' to read as a hydrate dot whatever it is followed by (-1: none). */
    private final int hydrateDotAt;
    private int pos;
    private int depth;
    /** The index in {@link #text} where the unit being read starts (after the last hydrate dot, or 0). */
    private int unitStart;
    /** The first '.' read as a decimal point that could be meant as a hydrate dot (-1: none). */
    private int ambiguousDot = -1;

    private FormulaParser(String given, int hydrateDotAt) {
        this.given = given;
        this.hydrateDotAt = hydrateDotAt;
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
        return parse(formula, note -> { });
    }

    /**
     * Reads a formula; {@code notes} gets, for a {@code .} read as a decimal point that could be meant as a hydrate
     * dot, "formula 'Al2O3.2SiO2': the '.' at position 6 is read as a decimal point (Al:2 O:5.2 Si:1); as a hydrate
     * dot it would be Al:2 O:7 Si:2 (write '·' or '*' for that)".
     *
     * @throws IllegalArgumentException naming the formula and the position of its fault
     */
    static Composition parse(String formula, Consumer<String> notes) {
        if (formula == null || formula.isBlank()) {
            throw new IllegalArgumentException("empty formula");
        }
        FormulaParser p = new FormulaParser(formula, -1);
        Composition read = p.read();
        if (p.ambiguousDot >= 0) {
            try {
                Composition hydrate = new FormulaParser(formula, p.ambiguousDot).read();
                notes.accept("formula '" + shown(formula) + "': the '.' at position " + (p.givenIndex[p.ambiguousDot] + 1)
                    + " is read as a decimal point (" + read.toCellString() + "); as a hydrate dot it would be "
                    + hydrate.toCellString() + " (write '·' or '*' for that)");
            } catch (IllegalArgumentException e) {
                // no formula as a hydrate: the decimal reading is the only one
            }
        }
        return read;
    }

    private Composition read() {
        Map<Element, Double> total = new HashMap<>();
        while (true) {
            unitStart = pos;
            double unitMultiplier = number(1.0, false);
            Map<Element, Double> unit = group();
            if (unit.isEmpty() && (unitStart > 0 || pos < text.length() && isDot(text.charAt(pos)))) {
                // "NaCl2." or ".NaCl" or "NaCl..H2O": a hydrate dot with no unit beside it is junk, not a formula
                throw error(pos >= text.length() ? "nothing after the last '.'" : "a '.' with no unit beside it",
                    unitStart > 0 ? unitStart - 1 : pos);
            }
            unit.forEach((k, v) -> total.merge(k, v * unitMultiplier, Double::sum));
            if (pos < text.length() && isDot(text.charAt(pos))) {
                pos++;
                continue;
            }
            break;
        }
        if (pos != text.length()) {
            throw error("unexpected character '" + new String(Character.toChars(text.codePointAt(pos))) + "'");
        }
        if (total.isEmpty()) {
            throw new IllegalArgumentException("formula '" + given + "' contains no element");
        }
        for (Map.Entry<Element, Double> e : total.entrySet()) {
            if (e.getValue() > MAX_AMOUNT) {
                throw error("the amount of " + e.getKey() + " is " + String.format(java.util.Locale.ROOT, "%.6g",
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
                double m = number(1.0, true);
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
                double m = number(1.0, true);
                result.merge(el, m, Double::sum);
            } else {
                break;
            }
        }
        return result;
    }

    /**
     * An unsigned decimal number at the cursor, or {@code dflt} if there is none.
     *
     * @param amount the amount of the symbol or bracket before it, whose '.' may be a hydrate dot ({@link #hydrateDot});
     *        false for a unit's multiplier, whose '.' before a digit is its decimal point
     */
    private double number(double dflt, boolean amount) {
        int start = pos;
        pos = digitsFrom(pos);
        // a '.' not followed by a digit is a hydrate dot, not a decimal point
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))
            && (amount || pos > start) && !(amount && hydrateDot(start, pos))) {
            pos = digitsFrom(pos + 1);
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

    private int digitsFrom(int i) {
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Whether the '.' at {@code dot}, after the digits from {@code start} (the amount of the symbol or bracket before
     * them) and before a digit, is a hydrate dot: the rule of the class comment. Notes the first decimal point that
     * could be meant as one ({@link #ambiguousDot}).
     */
    private boolean hydrateDot(int start, int dot) {
        if (dot == hydrateDotAt) {
            return true;
        }
        String whole = text.substring(start, dot);
        if (!whole.isEmpty() && whole.chars().allMatch(c -> c == '0')) {
            return false; // Ca0.5: no amount is 0
        }
        if (pointAfterDigits(dot) || solventAfterDigits(dot) && compoundBefore(dot)) {
            return true;
        }
        int unit = digitsFrom(dot + 1);
        int unitEnd = unitEnd(unit);
        // the unit after the digits has whole amounts when it ends the formula or at a hydrate dot, not a decimal point
        boolean wholeAmounts = unitEnd + 1 >= text.length() || text.charAt(unitEnd) != '.'
            || !Character.isDigit(text.charAt(unitEnd + 1)) || multiplierDot(unitEnd);
        if (ambiguousDot < 0 && !whole.equals("1") && wholeAmounts
            && text.substring(unit, unitEnd).chars().filter(Character::isUpperCase).count() >= 2) {
            ambiguousDot = dot; // Li2.5CoO2, Al2O3.2SiO2: 2.5 or 2·5?
        }
        return false;
    }

    /**
     * Whether the '.' at {@code dot}, before a digit, is a hydrate dot by its digits alone: they are followed by another
     * decimal point (a number has one: CaSO4.0.5H2O) or by a molecule of {@link #SOLVENTS} that is the whole unit.
     */
    private boolean multiplierDot(int dot) {
        return pointAfterDigits(dot) || solventAfterDigits(dot);
    }

    /** Whether the digits after the '.' at {@code dot} are followed by another decimal point (CaSO4.0.5H2O). */
    private boolean pointAfterDigits(int dot) {
        int unit = digitsFrom(dot + 1);
        return unit + 1 < text.length() && text.charAt(unit) == '.' && Character.isDigit(text.charAt(unit + 1));
    }

    /** Whether the digits after the '.' at {@code dot} are followed by a molecule of {@link #SOLVENTS}, the whole unit. */
    private boolean solventAfterDigits(int dot) {
        int unit = digitsFrom(dot + 1);
        return SOLVENTS.contains(text.substring(unit, unitEnd(unit)));
    }

    /**
     * Whether the unit before the '.' at {@code dot} has two or more symbols: a compound that a molecule of
     * crystallisation can join. One element with an amount ({@code Mg2.5H2O}) is no certain host: the '.' may as well
     * be its amount's decimal point, and the decimal reading is the one that may be an adduct (the rule of the class
     * comment).
     */
    private boolean compoundBefore(int dot) {
        return text.substring(unitStart, dot).chars().filter(Character::isUpperCase).count() >= 2;
    }

    /** The end of the unit from {@code i}: the next '.', '·', '*' or '•', or the end of the formula. */
    private int unitEnd(int i) {
        while (i < text.length() && !isDot(text.charAt(i))) {
            i++;
        }
        return i;
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
