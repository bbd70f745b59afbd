package org.example.genmat.core.io;

import java.nio.charset.StandardCharsets;

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
        // non-Latin-1 characters become '?', which is no more a digit than they were
        return v == null ? Double.NaN : parse(v.getBytes(StandardCharsets.ISO_8859_1), 0, v.length());
    }

    /** The number in the ASCII bytes {@code [from, to)} of a CIF value, or NaN when they are not a number. */
    static double parse(byte[] b, int from, int to) {
        int end = to;
        for (int i = from; i < to; i++) {
            if (b[i] == '(') {
                if (b[to - 1] != ')') {
                    return Double.NaN;
                }
                end = i;
                break;
            }
        }
        if (end == from) {
            return Double.NaN;
        }
        int i = from;
        boolean neg = false;
        byte c = b[from];
        if (c == '-' || c == '+') {
            neg = c == '-';
            i++;
        }
        long mant = 0;
        int digits = 0, scale = 0;
        boolean dot = false, any = false;
        for (; i < end; i++) {
            c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mant == 0 && c == '0') {
                    if (dot) {
                        scale++;
                    }
                    continue;
                }
                if (++digits > 15) {
                    return slow(b, from, end);
                }
                mant = mant * 10 + (c - '0');
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return slow(b, from, end);
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (scale > 22) {
            return slow(b, from, end);
        }
        double d = mant / POW10[scale];
        return neg ? -d : d;
    }

    private static double slow(byte[] b, int from, int end) {
        String t = new String(b, from, end - from, StandardCharsets.ISO_8859_1);
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
