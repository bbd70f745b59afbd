package org.example.genmat.core.io;

import java.util.Arrays;

/**
 * A crystallographic symmetry operation on fractional coordinates: x' = R·x + t, with an integer
 * rotation part R and translation t. Parses the CIF notation {@code -x+1/2, y, z-1/2},
 * {@code x-y,x,1/2+z}, {@code 0.5+X,...}. Immutable.
 */
public final class SymmetryOperation {

    private final int[] r; // row-major 3x3
    private final double[] t;

    SymmetryOperation(int[] rotation, double[] translation) {
        this.r = rotation.clone();
        this.t = translation.clone();
    }

    /** The identity x, y, z. */
    public static final SymmetryOperation IDENTITY = new SymmetryOperation(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);

    /**
     * Parses an operation such as {@code -x+1/2, y, z}; throws IllegalArgumentException naming the
     * problem when the text is not a valid operation.
     */
    public static SymmetryOperation parse(String text) {
        String[] parts = splitThree(text);
        int[] rot = new int[9];
        double[] tr = new double[3];
        for (int row = 0; row < 3; row++) {
            parseComponent(parts[row], row, rot, tr, text);
        }
        int det = det(rot);
        if (det != 1 && det != -1) {
            throw new IllegalArgumentException("symmetry operation '" + text + "' is not a rotation (determinant " + det + ")");
        }
        return new SymmetryOperation(rot, tr);
    }

    /**
     * Operations parsed before, keyed on their bytes in the file: real files repeat a few thousand
     * operation texts ('x, y, z' above all), and looking them up by bytes spares making, hashing and
     * comparing a string per operation. Direct-mapped: a slot holds the last
     * text that hashed to it, so the cache stays bounded without bookkeeping. Entries are immutable
     * (final fields), so threads may race on a slot and still see whole entries.
     */
    private static final ParsedText[] CACHE = new ParsedText[4096];

    private record ParsedText(byte[] text, SymmetryOperation op) {
    }

    /**
     * Like {@link #parse}, for the operation written in {@code bytes[from, to)} of a file, decoded
     * with {@code text} when it was not seen before.
     */
    static SymmetryOperation parseCached(byte[] bytes, int from, int to, CifText text) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        int slot = (h ^ (h >>> 12)) & (CACHE.length - 1);
        ParsedText e = CACHE[slot];
        if (e != null && Arrays.equals(e.text, 0, e.text.length, bytes, from, to)) {
            return e.op;
        }
        SymmetryOperation op = parse(text.decode(from, to));
        CACHE[slot] = new ParsedText(Arrays.copyOfRange(bytes, from, to), op);
        return op;
    }

    private static String[] splitThree(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing symmetry operation");
        }
        String[] parts = text.split(",");
        if (parts.length != 3) {
            // some writers separate with spaces only: "x y z"
            String[] sp = text.trim().split("\\s+");
            if (sp.length == 3) {
                return sp;
            }
            throw new IllegalArgumentException("symmetry operation '" + text + "' does not have 3 components");
        }
        return parts;
    }

    private static void parseComponent(String c, int row, int[] rot, double[] tr, String whole) {
        int i = 0, n = c.length();
        boolean anyTerm = false;
        while (i < n) {
            char ch = c.charAt(i);
            if (ch == ' ' || ch == '\t') {
                i++;
                continue;
            }
            int sign = 1;
            if (ch == '+' || ch == '-') {
                sign = ch == '-' ? -1 : 1;
                i++;
                while (i < n && c.charAt(i) == ' ') {
                    i++;
                }
                if (i >= n) {
                    throw bad(whole, "ends with a sign");
                }
                ch = c.charAt(i);
            }
            int axis = axisOf(ch);
            if (axis >= 0) {
                rot[row * 3 + axis] += sign;
                i++;
                anyTerm = true;
                continue;
            }
            // a number: integer, decimal or fraction, possibly followed by '*x' (e.g. "2*x" is rare but valid)
            int start = i;
            while (i < n && (Character.isDigit(c.charAt(i)) || c.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw bad(whole, "unexpected character '" + ch + "'");
            }
            double num = Double.parseDouble(c.substring(start, i));
            while (i < n && c.charAt(i) == ' ') {
                i++;
            }
            if (i < n && c.charAt(i) == '/') {
                i++;
                while (i < n && c.charAt(i) == ' ') {
                    i++;
                }
                int ds = i;
                while (i < n && (Character.isDigit(c.charAt(i)) || c.charAt(i) == '.')) {
                    i++;
                }
                if (ds == i) {
                    throw bad(whole, "fraction without denominator");
                }
                double den = Double.parseDouble(c.substring(ds, i));
                if (den == 0) {
                    throw bad(whole, "division by zero");
                }
                num /= den;
            }
            while (i < n && c.charAt(i) == ' ') {
                i++;
            }
            if (i < n && c.charAt(i) == '*') {
                i++;
                while (i < n && c.charAt(i) == ' ') {
                    i++;
                }
                int ax = i < n ? axisOf(c.charAt(i)) : -1;
                if (ax < 0 || num != Math.rint(num)) {
                    throw bad(whole, "bad coefficient");
                }
                rot[row * 3 + ax] += sign * (int) num;
                i++;
            } else if (i < n && axisOf(c.charAt(i)) >= 0) {
                // "2x"
                if (num != Math.rint(num)) {
                    throw bad(whole, "bad coefficient");
                }
                rot[row * 3 + axisOf(c.charAt(i))] += sign * (int) num;
                i++;
            } else {
                tr[row] += sign * num;
            }
            anyTerm = true;
        }
        if (!anyTerm) {
            throw bad(whole, "has an empty component");
        }
    }

    private static int axisOf(char ch) {
        return switch (ch) {
            case 'x', 'X' -> 0;
            case 'y', 'Y' -> 1;
            case 'z', 'Z' -> 2;
            default -> -1;
        };
    }

    private static IllegalArgumentException bad(String whole, String why) {
        return new IllegalArgumentException("symmetry operation '" + whole.trim() + "' " + why);
    }

    private static int det(int[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Applies the operation to fractional coordinates (no wrapping). */
    public double[] apply(double[] f) {
        return new double[] {
            r[0] * f[0] + r[1] * f[1] + r[2] * f[2] + t[0],
            r[3] * f[0] + r[4] * f[1] + r[5] * f[2] + t[1],
            r[6] * f[0] + r[7] * f[1] + r[8] * f[2] + t[2]};
    }

    /** Applies the operation and writes the result wrapped into [0, 1) into {@code out}. */
    /**
     * Math.floor for |v| < 2^63 by a cast: the C1 compiler that reading runs under has no floor
     * intrinsic, and this is the innermost loop of symmetry expansion.
     */
    static double floor(double v) {
        double d = (long) v;
        return d > v ? d - 1 : d;
    }

    void applyWrapped(double[] f, double[] out) {
        for (int i = 0; i < 3; i++) {
            double v = r[3 * i] * f[0] + r[3 * i + 1] * f[1] + r[3 * i + 2] * f[2] + t[i];
            v -= floor(v);
            if (v >= 1 - 1e-12) { // 0.9999999999999 and 1.0 are the origin
                v = 0;
            }
            out[i] = v;
        }
    }

    /** The rotation part, row-major (a copy). */
    public int[] rotation() {
        return r.clone();
    }

    /** The translation part (a copy). */
    public double[] translation() {
        return t.clone();
    }

    /** this ∘ other: first other, then this. */
    public SymmetryOperation compose(SymmetryOperation o) {
        int[] m = new int[9];
        double[] tt = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = r[3 * i] * o.r[j] + r[3 * i + 1] * o.r[3 + j] + r[3 * i + 2] * o.r[6 + j];
            }
            tt[i] = r[3 * i] * o.t[0] + r[3 * i + 1] * o.t[1] + r[3 * i + 2] * o.t[2] + t[i];
        }
        return new SymmetryOperation(m, tt);
    }

    /** The same operation with its translation reduced into [0, 1). */
    public SymmetryOperation normalised() {
        double[] tt = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = t[i] - Math.floor(t[i]);
            tt[i] = Math.abs(v - 1) < 1e-9 || Math.abs(v) < 1e-9 ? 0 : v;
        }
        return new SymmetryOperation(r, tt);
    }

    /** True when rotations are equal and translations agree modulo lattice translations. */
    public boolean sameModuloLattice(SymmetryOperation o) {
        if (!Arrays.equals(r, o.r)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            double d = t[i] - o.t[i];
            if (Math.abs(d - Math.rint(d)) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetryOperation s && Arrays.equals(r, s.r) && Arrays.equals(t, s.t);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
    }

    /** The operation in CIF notation, e.g. {@code -x+1/2,y,z}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int len = sb.length();
            for (int j = 0; j < 3; j++) {
                int c = r[3 * i + j];
                if (c == 0) {
                    continue;
                }
                if (c < 0) {
                    sb.append('-');
                } else if (sb.length() > len) {
                    sb.append('+');
                }
                if (Math.abs(c) != 1) {
                    sb.append(Math.abs(c)).append('*');
                }
                sb.append("xyz".charAt(j));
            }
            if (t[i] != 0) {
                sb.append(t[i] < 0 ? '-' : (sb.length() > len ? "+" : "")).append(fraction(Math.abs(t[i])));
            }
        }
        return sb.toString();
    }

    private static String fraction(double v) {
        for (int den : new int[] {1, 2, 3, 4, 6, 8, 12}) {
            double num = v * den;
            if (Math.abs(num - Math.rint(num)) < 1e-6) {
                long k = Math.round(num);
                return den == 1 ? Long.toString(k) : k + "/" + den;
            }
        }
        return Double.toString(v);
    }
}
