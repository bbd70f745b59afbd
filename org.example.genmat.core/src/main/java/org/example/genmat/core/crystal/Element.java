package org.example.genmat.core.crystal;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openscience.cdk.config.Elements;
import org.openscience.cdk.config.Isotopes;

/**
 * A chemical element with the data the engine needs: symbol, atomic number, standard atomic
 * mass, period, group and Pauling electronegativity. Symbols, numbers, periods, groups and
 * electronegativities come from CDK's {@code Elements}, masses from CDK's isotope table
 * (natural abundance weighted); the few elements CDK has no natural mass for get the mass
 * number of their most stable isotope from {@link #STABLE_ISOTOPE_MASS}.
 * Instances are interned: compare with {@code ==} or {@code equals}.
 */
public final class Element implements Comparable<Element> {

    /** Heaviest element in the table (Oganesson). */
    public static final int MAX_Z = 118;

    /** Mass numbers of the longest-lived isotopes for elements without a natural abundance. */
    private static final Map<Integer, Double> STABLE_ISOTOPE_MASS = Map.ofEntries(
        Map.entry(43, 98.0), Map.entry(61, 145.0), Map.entry(84, 209.0), Map.entry(85, 210.0),
        Map.entry(86, 222.0), Map.entry(87, 223.0), Map.entry(88, 226.0), Map.entry(89, 227.0),
        Map.entry(93, 237.0), Map.entry(94, 244.0), Map.entry(95, 243.0), Map.entry(96, 247.0),
        Map.entry(97, 247.0), Map.entry(98, 251.0), Map.entry(99, 252.0), Map.entry(100, 257.0),
        Map.entry(101, 258.0), Map.entry(102, 259.0), Map.entry(103, 266.0));

    private static final Element[] BY_Z = new Element[MAX_Z + 1];
    private static final Map<String, Element> BY_SYMBOL = new HashMap<>();
    private static final Map<String, Element> BY_UPPER_SYMBOL = new HashMap<>();

    static {
        for (int z = 1; z <= MAX_Z; z++) {
            Elements e = Elements.ofNumber(z);
            if (e == Elements.Unknown) {
                continue;
            }
            Element el = new Element(e.symbol(), z, e.period(), e.group(), e.electronegativity());
            BY_Z[z] = el;
            BY_SYMBOL.put(el.symbol, el);
            BY_UPPER_SYMBOL.put(el.symbol.toUpperCase(Locale.ROOT), el);
        }
    }

    /**
     * Atomic masses, loaded on first use: CDK's isotope table takes a third of a second to load,
     * and reading or writing crystals never needs it.
     */
    private static final class Masses {
        static final double[] BY_Z = new double[MAX_Z + 1];

        static {
            Isotopes isotopes;
            try {
                isotopes = Isotopes.getInstance();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("CDK isotope table could not be read", e);
            }
            for (int z = 1; z <= MAX_Z; z++) {
                Elements e = Elements.ofNumber(z);
                if (e == Elements.Unknown) {
                    continue;
                }
                double mass = isotopes.getNaturalMass(z);
                if (!(mass > 0) || Double.isNaN(mass)) {
                    // table first: CDK's getMajorIsotope logs an ERROR line for each element it lacks
                    Double known = STABLE_ISOTOPE_MASS.get(z);
                    if (known != null) {
                        mass = known;
                    } else {
                        org.openscience.cdk.interfaces.IIsotope[] all = isotopes.getIsotopes(e.symbol());
                        Integer massNumber = all == null || all.length == 0 ? null : all[all.length - 1].getMassNumber();
                        mass = massNumber == null ? 2.5 * z : massNumber;
                    }
                }
                BY_Z[z] = mass;
            }
        }
    }

    private final String symbol;
    private final int z;
    private final int period;
    private final int group;
    private final Double electronegativity;

    private Element(String symbol, int z, int period, int group, Double electronegativity) {
        this.symbol = symbol;
        this.z = z;
        this.period = period;
        this.group = group;
        this.electronegativity = electronegativity == null || electronegativity <= 0 ? null : electronegativity;
    }

    /** The element with this exact (case-sensitive) symbol, e.g. {@code "Fe"}. */
    public static Element of(String symbol) {
        Element e = BY_SYMBOL.get(symbol);
        if (e == null) {
            throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
        }
        return e;
    }

    /** The element with this symbol, or empty; case-sensitive. */
    public static Optional<Element> find(String symbol) {
        return Optional.ofNullable(BY_SYMBOL.get(symbol));
    }

    /** The element with this symbol in any letter case ({@code "CA"} is calcium), or empty. */
    public static Optional<Element> findIgnoreCase(String symbol) {
        return Optional.ofNullable(BY_UPPER_SYMBOL.get(symbol.toUpperCase(Locale.ROOT)));
    }

    /** The element with atomic number {@code z} (1..118). */
    public static Element ofZ(int z) {
        if (z < 1 || z > MAX_Z || BY_Z[z] == null) {
            throw new IllegalArgumentException("no element with atomic number " + z);
        }
        return BY_Z[z];
    }

    /** All elements, ordered by atomic number. */
    public static List<Element> all() {
        List<Element> list = new java.util.ArrayList<>();
        for (Element e : BY_Z) {
            if (e != null) {
                list.add(e);
            }
        }
        return Collections.unmodifiableList(list);
    }

    public String symbol() {
        return symbol;
    }

    /** Atomic number. */
    public int z() {
        return z;
    }

    /** Standard atomic weight in g/mol. */
    public double mass() {
        return Masses.BY_Z[z];
    }

    public int period() {
        return period;
    }

    /** IUPAC group 1..18; 0 for lanthanides and actinides, as in CDK. */
    public int group() {
        return group;
    }

    /** Pauling electronegativity, empty where none is tabulated (noble gases, heavy elements). */
    public Optional<Double> electronegativity() {
        return Optional.ofNullable(electronegativity);
    }

    @Override
    public int compareTo(Element o) {
        return Integer.compare(z, o.z);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
