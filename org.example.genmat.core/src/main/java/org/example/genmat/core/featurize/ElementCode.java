package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.example.genmat.core.crystal.Element;

/**
 * The two-number element code of Türk et al. 2022: (period, group), each scaled to (−1, 1) by
 * {@code x' = (2x − 1)/n − 1} with n the number of values, so the n values sit at the centres of n
 * equal bins. Two schemes: {@link #MAIN_GROUP} (periods 1–6, main groups 1–8 as in the paper: the
 * 39 main-group elements H–Bi) and {@link #PERIODIC_TABLE} (periods 1–6, IUPAC groups 1–18, La in
 * group 3, Ce–Lu excluded) for prototypes with transition metals such as Perov-5.
 */
public enum ElementCode {
    MAIN_GROUP(6, 8, true),
    PERIODIC_TABLE(6, 18, false);

    private final int periods;
    private final int groups;
    /** grid[period][group] = atomic number of the element there, 0 where none. */
    private final int[][] grid;
    private final boolean mainGroup;

    ElementCode(int periods, int groups, boolean mainGroup) {
        this.mainGroup = mainGroup;
        this.periods = periods;
        this.groups = groups;
        this.grid = new int[periods + 1][groups + 1];
        for (Element e : Element.all()) {
            int g = groupOf(e, mainGroup);
            if (g > 0 && e.period() >= 1 && e.period() <= periods && (!mainGroup || e.z() <= 83)) {
                grid[e.period()][g] = e.z();
            }
        }
    }

    private static int groupOf(Element e, boolean mainGroup) {
        int g = e.group();
        if (e.z() == 57) {
            g = 3; // lanthanum heads group 3 here; the other lanthanides have no group
        } else if (e.z() >= 58 && e.z() <= 71) {
            return -1;
        }
        if (!mainGroup) {
            return g >= 1 && g <= 18 ? g : -1;
        }
        if (g == 1 || g == 2) {
            return g;
        }
        if (g >= 13 && g <= 18) {
            return g - 10;
        }
        return -1;
    }

    public int periods() {
        return periods;
    }

    public int groups() {
        return groups;
    }

    /** The group number of {@code e} in this scheme (main group 1–8 or IUPAC 1–18), −1 if it has none. */
    public int group(Element e) {
        return contains(e) ? groupOf(e, mainGroup) : -1;
    }

    /** True when {@code e} has a code in this scheme. */
    public boolean contains(Element e) {
        int g = groupOf(e, mainGroup);
        return g > 0 && e.period() <= periods && grid[e.period()][g] == e.z();
    }

    /** The elements of this scheme, by atomic number. */
    public List<Element> elements() {
        List<Element> list = new ArrayList<>();
        for (Element e : Element.all()) {
            if (contains(e)) {
                list.add(e);
            }
        }
        return list;
    }

    /** Scales {@code x} in 1..n to (−1, 1). */
    public static float scale(int x, int n) {
        return (float) ((2.0 * x - 1.0) / n - 1.0);
    }

    /** The nearest value 1..n to a scaled code (clamped; NaN gives 1). */
    public static int unscale(float v, int n) {
        double x = ((v + 1.0) * n + 1.0) / 2.0;
        long r = Math.round(x);
        return (int) Math.max(1, Math.min(n, r));
    }

    /** Writes the scaled (period, group) of {@code e} at {@code out[offset]}, {@code out[offset + 1]}. */
    public void encode(Element e, float[] out, int offset) {
        if (!contains(e)) {
            throw new IllegalArgumentException("element " + e.symbol() + " has no code in the " + jsonName() + " scheme ("
                + (mainGroup ? "main-group elements H-Bi" : "periods 1-6, groups 1-18, no Ce-Lu") + ")");
        }
        out[offset] = scale(e.period(), periods);
        out[offset + 1] = scale(groupOf(e, mainGroup), groups);
    }

    /** Atomic number at the nearest grid point of a scaled code, 0 when that point names no element. */
    public int decodeZ(float period, float group) {
        return grid[unscale(period, periods)][unscale(group, groups)];
    }

    /** A readable description of the grid point nearest to a scaled code. */
    public String describe(float period, float group) {
        return "period " + unscale(period, periods) + ", " + (mainGroup ? "main group " : "group ")
            + unscale(group, groups);
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ElementCode fromJsonName(String s) {
        for (ElementCode c : values()) {
            if (c.jsonName().equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown element code scheme '" + s + "' (known: main-group, periodic-table)");
    }
}
