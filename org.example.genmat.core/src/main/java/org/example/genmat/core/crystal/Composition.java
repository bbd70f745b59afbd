package org.example.genmat.core.crystal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An immutable amount of each element (fractional amounts allowed), like pymatgen's Composition.
 * Elements with amount 0 are dropped. Formulas are written in Hill order (C, H, then alphabetical;
 * purely alphabetical when there is no carbon).
 */
public final class Composition {

    /**
     * Relative tolerance of a whole amount: an amount within this fraction of itself from an integer is that integer,
     * in formulas, the composition text, {@link #isInteger}, {@link #reduced} and so in the composition keys of the
     * metrics. Relative because the noise is: cell contents summed from occupancies written to 6 decimals (0.333333
     * on 96 images is 31.999968) are off by about 1e-6 of the amount, however big the cell. Genuine fractions such as
     * Ca0.9995 are 5e-4 off and stay fractions. Capped at {@link #MAX_INTEGER_NOISE}, so that a huge amount such as
     * Fe50000.5 stays a fraction too.
     */
    public static final double INTEGER_TOLERANCE = 1e-5;

    /** The largest distance from an integer that {@link #INTEGER_TOLERANCE} allows, whatever the amount. */
    static final double MAX_INTEGER_NOISE = 1e-3;

    /** Decimals of a fractional amount in formulas and the composition text (Li0.5, Fe0.333333). */
    static final int DECIMALS = 6;

    private final TreeMap<Element, Double> amounts;

    private Composition(TreeMap<Element, Double> amounts) {
        this.amounts = amounts;
    }

    /** A composition from element → amount; amounts must be finite and non-negative. */
    public static Composition of(Map<Element, ? extends Number> amounts) {
        TreeMap<Element, Double> copy = new TreeMap<>();
        for (Map.Entry<Element, ? extends Number> e : amounts.entrySet()) {
            double v = e.getValue().doubleValue();
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("amount of " + e.getKey() + " must be a finite number >= 0, was " + v);
            }
            if (v > 0) {
                copy.merge(Objects.requireNonNull(e.getKey()), v, Double::sum);
            }
        }
        return new Composition(copy);
    }

    /**
     * Parses a formula such as {@code Fe2O3}, {@code Ca(OH)2}, {@code Li0.5CoO2}, {@code CuSO4·5H2O}, {@code CaSO4.2H2O}
     * (a {@code .} is a decimal point or a hydrate dot by the rule of {@link FormulaParser}).
     */
    public static Composition parse(String formula) {
        return FormulaParser.parse(formula);
    }

    /**
     * {@link #parse(String)}, with {@code notes} told of a {@code .} read as a decimal point that could be meant as a
     * hydrate dot ({@code Al2O3.2SiO2}), both readings named; readers of a formula cell put it in the row's warning.
     */
    public static Composition parse(String formula, Consumer<String> notes) {
        return FormulaParser.parse(formula, notes);
    }

    /** Parses the cell-contents form {@code "Na:4 Cl:4"} written by {@link #toCellString()}. */
    public static Composition parseCellString(String text) {
        Map<Element, Double> map = new LinkedHashMap<>();
        for (String part : text.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + part + "' is not of the form El:amount");
            }
            String sym = part.substring(0, colon);
            Element el = Element.find(sym).orElseThrow(() -> new IllegalArgumentException("unknown element symbol '" + sym + "'"));
            double v;
            try {
                v = Double.parseDouble(part.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' has no valid amount");
            }
            // the formula parser's rules: a zero or a huge amount is a broken cell, not a composition
            if (!(v > 0) || v > FormulaParser.MAX_AMOUNT) {
                throw new IllegalArgumentException("'" + part + "': the amount must be above 0 and at most "
                    + (long) FormulaParser.MAX_AMOUNT);
            }
            map.merge(el, v, Double::sum);
        }
        return of(map);
    }

    public boolean isEmpty() {
        return amounts.isEmpty();
    }

    /** Elements present, ordered by atomic number. */
    public Set<Element> elements() {
        return Collections.unmodifiableSet(amounts.keySet());
    }

    /** Element → amount, ordered by atomic number. */
    public Map<Element, Double> amounts() {
        return Collections.unmodifiableMap(amounts);
    }

    public double amount(Element e) {
        return amounts.getOrDefault(e, 0.0);
    }

    public int numElements() {
        return amounts.size();
    }

    /** Total number of atoms (sum of amounts). */
    public double totalAtoms() {
        double s = 0;
        for (double v : amounts.values()) {
            s += v;
        }
        return s;
    }

    /** Atomic fraction of {@code e}. */
    public double fraction(Element e) {
        double t = totalAtoms();
        return t == 0 ? 0 : amount(e) / t;
    }

    /** Formula weight in g/mol. */
    public double weight() {
        double w = 0;
        for (Map.Entry<Element, Double> e : amounts.entrySet()) {
            w += e.getKey().mass() * e.getValue();
        }
        return w;
    }

    /** True when every amount is whole within {@link #INTEGER_TOLERANCE}. */
    public boolean isInteger() {
        for (double v : amounts.values()) {
            if (!isWhole(v)) {
                return false;
            }
        }
        return true;
    }

    /** The one rule for "this amount is an integer" (amounts are >= 0; 0 is whole, a tiny amount is not). */
    static boolean isWhole(double v) {
        return Math.abs(v - Math.rint(v)) <= Math.min(INTEGER_TOLERANCE * v, MAX_INTEGER_NOISE);
    }

    /** The composition divided by the gcd of its amounts (integer compositions only; others unchanged). */
    public Composition reduced() {
        long g = gcdOfAmounts();
        if (g <= 1) {
            return this;
        }
        TreeMap<Element, Double> r = new TreeMap<>();
        for (Map.Entry<Element, Double> e : amounts.entrySet()) {
            r.put(e.getKey(), (double) (Math.round(e.getValue()) / g));
        }
        return new Composition(r);
    }

    /** The gcd of the integer amounts (1 for fractional compositions). */
    public long gcdOfAmounts() {
        if (amounts.isEmpty() || !isInteger()) {
            return 1;
        }
        long g = 0;
        for (double v : amounts.values()) {
            g = gcd(g, Math.round(v));
        }
        return Math.max(g, 1);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    /** Elements in Hill order: C, H, then alphabetical; alphabetical when there is no carbon. */
    public List<Element> hillOrder() {
        List<Element> els = new ArrayList<>(amounts.keySet());
        boolean hasCarbon = amounts.containsKey(Element.of("C"));
        els.sort((x, y) -> {
            if (hasCarbon) {
                int rx = hillRank(x), ry = hillRank(y);
                if (rx != ry) {
                    return Integer.compare(rx, ry);
                }
            }
            return x.symbol().compareTo(y.symbol());
        });
        return els;
    }

    private static int hillRank(Element e) {
        return switch (e.symbol()) {
            case "C" -> 0;
            case "H" -> 1;
            default -> 2;
        };
    }

    /** The formula of these amounts in Hill order, e.g. {@code Cl4Na4}; amounts of 1 are omitted. */
    public String formula() {
        StringBuilder sb = new StringBuilder();
        for (Element e : hillOrder()) {
            sb.append(e.symbol()).append(formatAmount(amounts.get(e), true));
        }
        return sb.toString();
    }

    /** The reduced formula in Hill order, e.g. {@code ClNa} for rock salt, {@code Fe2O3}. */
    public String reducedFormula() {
        return reduced().formula();
    }

    /** Cell contents as {@code El:amount} pairs separated by spaces, in Hill order: {@code Cl:4 Na:4}. */
    public String toCellString() {
        StringBuilder sb = new StringBuilder();
        for (Element e : hillOrder()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.symbol()).append(':').append(formatAmount(amounts.get(e), false));
        }
        return sb.toString();
    }

    /**
     * How an amount is written wherever a formula or count is: whole amounts ({@link #isWhole}) without decimals,
     * others with up to {@link #DECIMALS} (a trace below them with as many significant digits), no trailing zeros; an amount of 1 as "" when {@code omitOne}.
     */
    public static String formatAmount(double v, boolean omitOne) {
        if (isWhole(v)) {
            long n = Math.round(v);
            return omitOne && n == 1 ? "" : Long.toString(n);
        }
        BigDecimal d = new BigDecimal(v).setScale(DECIMALS, java.math.RoundingMode.HALF_EVEN);
        if (d.signum() == 0) {
            // a trace below the decimals (Na0.0000001) keeps its digits: "Na0" would read back as no sodium, and is refused
            d = new BigDecimal(v).round(new java.math.MathContext(DECIMALS, java.math.RoundingMode.HALF_EVEN));
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** Equal when the same elements have amounts equal within {@code tol}. */
    public boolean almostEquals(Composition o, double tol) {
        if (!amounts.keySet().equals(o.amounts.keySet())) {
            return false;
        }
        for (Map.Entry<Element, Double> e : amounts.entrySet()) {
            if (Math.abs(e.getValue() - o.amounts.get(e.getKey())) > tol) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Composition c && amounts.equals(c.amounts);
    }

    @Override
    public int hashCode() {
        return amounts.hashCode();
    }

    @Override
    public String toString() {
        return formula();
    }
}
