package org.example.genmat.core.io;

/**
 * Numbers as CIF writes them: {@code 5.4307(2)} (standard uncertainty in brackets, dropped),
 * {@code -.25}, {@code 1.2E-3}, {@code 0.5000}. A fast path handles plain decimals exactly (the
 * mantissa and power of ten are both exact doubles, so one division rounds correctly); anything
 * else goes to {@link Double#parseDouble}.
 */
final class CifNumbers {

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private CifNumbers() {
    }

    /** The number in a CIF value, or NaN when the value is null or not a number. */
    static double parse(String v) {
        if (v == null) {
            return Double.NaN;
        }
        int n = v.length();
        int end = n;
        int paren = v.indexOf('(');
        if (paren >= 0) {
            if (!v.endsWith(")")) {
                return Double.NaN;
            }
            end = paren;
        }
        if (end == 0) {
            return Double.NaN;
        }
        int i = 0;
        boolean neg = false;
        char c = v.charAt(0);
        if (c == '-' || c == '+') {
            neg = c == '-';
            i++;
        }
        long mant = 0;
        int digits = 0, scale = 0;
        boolean dot = false, any = false;
        for (; i < end; i++) {
            c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (mant == 0 && c == '0') {
                    if (dot) {
                        scale++;
                    }
                    continue;
                }
                if (++digits > 15) {
                    return slow(v, end);
                }
                mant = mant * 10 + (c - '0');
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return slow(v, end);
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (scale > 22) {
            return slow(v, end);
        }
        double d = mant / POW10[scale];
        return neg ? -d : d;
    }

    private static double slow(String v, int end) {
        String t = v.substring(0, end);
        // Java would accept "NaN", "Infinity", hex and a trailing 'd'/'f'; CIF does not
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
