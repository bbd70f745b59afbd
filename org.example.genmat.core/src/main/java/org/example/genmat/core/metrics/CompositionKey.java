package org.example.genmat.core.metrics;

import java.util.Map;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;

/**
 * Identity of a composition for uniqueness and novelty: the reduced formula (amounts divided by
 * their gcd; so Na4Cl4 = NaCl, and an elpasolite ABC2D6 is the same under the A↔B swap).
 * Compact form: up to 4 elements with reduced counts ≤ 255 pack into one {@code long}
 * (per element 7 bits Z + 8 bits count, ascending Z); anything larger uses the reduced formula string.
 */
public final class CompositionKey {

    /** Returned by {@link #pack} when the composition does not fit a long. */
    public static final long NO_PACKED_KEY = 0L;

    private CompositionKey() {
    }

    /** The packed key of {@code c}, or {@link #NO_PACKED_KEY}. */
    public static long pack(Composition c) {
        if (c.isEmpty() || c.numElements() > 4 || !c.isInteger()) {
            return NO_PACKED_KEY;
        }
        long g = c.gcdOfAmounts();
        long key = 0;
        for (Map.Entry<Element, Double> e : c.amounts().entrySet()) { // ascending Z
            long n = Math.round(e.getValue()) / g;
            int z = e.getKey().z();
            if (n > 255 || z > 127) {
                return NO_PACKED_KEY;
            }
            key = (key << 15) | ((long) z << 8) | n;
        }
        return key;
    }

    /** Packs up to four (Z, count) pairs given in ascending Z with gcd 1 already applied. */
    public static long packReduced(int[] z, int[] count, int n) {
        long key = 0;
        for (int i = 0; i < n; i++) {
            key = (key << 15) | ((long) z[i] << 8) | count[i];
        }
        return key;
    }

    /** The string key used when {@link #pack} gives none: the reduced formula. */
    public static String stringKey(Composition c) {
        return c.reducedFormula();
    }
}
