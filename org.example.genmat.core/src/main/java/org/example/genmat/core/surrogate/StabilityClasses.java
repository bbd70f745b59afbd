package org.example.genmat.core.surrogate;

/**
 * Türk et al.'s ten equal-width stability classes of formation energy: 0.81 eV/atom wide starting at
 * −3.07 eV/atom; class 1 is the most stable. Energies below the first bound count as class 1 and
 * above the last as class 10, so every prediction has a class.
 */
public final class StabilityClasses {

    /** Lower bound of class 1, eV/atom. */
    public static final double LOWEST = -3.07;
    /** Width of a class, eV/atom. */
    public static final double WIDTH = 0.81;
    /** Number of classes. */
    public static final int COUNT = 10;

    private StabilityClasses() {
    }

    /** The class 1..{@value #COUNT} of a formation energy. */
    public static int of(double energy) {
        if (Double.isNaN(energy)) {
            throw new IllegalArgumentException("a formation energy of NaN has no stability class");
        }
        double k = Math.floor((energy - LOWEST) / WIDTH) + 1;
        return (int) Math.max(1, Math.min(COUNT, k));
    }

    /** Lower bound of class k, eV/atom. */
    public static double lowerBound(int k) {
        return LOWEST + (k - 1) * WIDTH;
    }

    /** Upper bound of class k, eV/atom. */
    public static double upperBound(int k) {
        return LOWEST + k * WIDTH;
    }

    /** The formation energies of class k in words, e.g. "below -2.26 eV/atom" for class 1. */
    public static String range(int k) {
        if (k <= 1) {
            return String.format(java.util.Locale.ROOT, "below %.2f eV/atom", upperBound(1));
        }
        if (k >= COUNT) {
            return String.format(java.util.Locale.ROOT, "%.2f eV/atom or more", lowerBound(COUNT));
        }
        return String.format(java.util.Locale.ROOT, "from %.2f to %.2f eV/atom", lowerBound(k), upperBound(k));
    }
}
