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

    private final String text;
    private int pos;
    private int depth;

    private FormulaParser(String text) {
        this.text = text;
    }

    static Composition parse(String formula) {
        if (formula == null || formula.isBlank()) {
            throw new IllegalArgumentException("empty formula");
        }
        FormulaParser p = new FormulaParser(formula.replaceAll("\\s+", ""));
        Map<Element, Double> total = new HashMap<>();
        while (true) {
            double unitMultiplier = p.number(1.0);
            Map<Element, Double> unit = p.group();
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
                String sym = text.substring(start, pos);
                Element el = Element.find(sym).orElse(null);
                // "Co" vs "CO": try the longest known symbol, then back off one letter at a time
                while (el == null && pos - start > 1) {
                    pos--;
                    sym = text.substring(start, pos);
                    el = Element.find(sym).orElse(null);
                }
                if (el == null) {
                    throw error("unknown element symbol '" + text.substring(start, Math.max(pos, start + 1)) + "'", start);
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
            if (!Double.isFinite(v)) {
                throw error("amount out of range", start);
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
        String shown = text.length() <= 60 ? text : text.substring(0, Character.isHighSurrogate(text.charAt(59)) ? 59 : 60)
            + "... (" + text.length() + " chars)";
        return new IllegalArgumentException("formula '" + shown + "': " + msg + " at position " + (at + 1));
    }
}
