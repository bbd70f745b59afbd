package org.example.genmat.core.crystal;

import java.util.Locale;

/** How a computed quantity reads in a message; here, below io and validity, because the lattice's own messages use it. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * A computed value as a message shows it: at most two decimals from 1 up (146.63, 2.5), three significant digits
     * below 1 (0.00123), whole numbers as such, huge ones in E notation (1.235E+12), NaN and Infinity by name. A double's
     * 17 digits (alpha=146.62528932094574) say nothing more to a reader and keep equal reasons from looking equal.
     */
    public static String forMessage(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e9) {
            return String.format(Locale.ROOT, "%.4G", v).replace("E+0", "E+").replace("E-0", "E-");
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v);
        d = Math.abs(v) >= 1 ? d.setScale(2, java.math.RoundingMode.HALF_EVEN) : d.round(new java.math.MathContext(3));
        return d.stripTrailingZeros().toPlainString();
    }
}
