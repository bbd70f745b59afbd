package org.example.genmat.core.validity;

import java.util.List;
import java.util.Locale;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Numbers;

/**
 * Structural validity as CDVAE defines it: invalid when a lattice length is not positive or any
 * value is NaN, when the cell volume is below {@code minVolume} (0.1 Å³), or when two different sites
 * are closer than {@code minDistance} (0.5 Å) under periodic boundary conditions. Distances are true
 * minimum-image distances over all lattice translations ({@link Lattice#minimumImageDistance}), so
 * skewed triclinic cells are handled correctly; self-images are not checked. Optionally
 * (on by default) partially occupied sites make a structure invalid, since a disordered file is not
 * a single crystal a generator could have produced.
 */
public final class StructureValidity {

    /** CDVAE's distance cutoff, Å. */
    public static final double DEFAULT_MIN_DISTANCE = 0.5;
    /** CDVAE's volume cutoff, Å³. */
    public static final double DEFAULT_MIN_VOLUME = 0.1;

    private final double minDistance;
    private final double minVolume;
    private final boolean rejectDisorder;

    public StructureValidity(double minDistance, double minVolume, boolean rejectDisorder) {
        if (!(minDistance >= 0) || !(minVolume >= 0)) {
            throw new IllegalArgumentException("cutoffs must be numbers >= 0: distance " + minDistance
                + ", volume " + minVolume);
        }
        this.minDistance = minDistance;
        this.minVolume = minVolume;
        this.rejectDisorder = rejectDisorder;
    }

    public static StructureValidity cdvaeDefault() {
        return new StructureValidity(DEFAULT_MIN_DISTANCE, DEFAULT_MIN_VOLUME, true);
    }

    public double minDistance() {
        return minDistance;
    }

    /** Checks one crystal; the composition part of the result is left valid. */
    public ValidityResult check(Crystal crystal) {
        Lattice lat = crystal.lattice();
        double[] p = lat.parameters();
        for (double v : p) {
            if (Double.isNaN(v)) {
                return invalid(ValidityResult.CHECK_LATTICE, "lattice parameter is NaN");
            }
        }
        if (!(p[0] > 0 && p[1] > 0 && p[2] > 0)) {
            return invalid(ValidityResult.CHECK_LATTICE, "lattice lengths must be positive (a=" + Numbers.forMessage(p[0]) + " b="
                + Numbers.forMessage(p[1]) + " c=" + Numbers.forMessage(p[2]) + " Å)");
        }
        double volume = lat.volume();
        if (!(volume >= minVolume)) {
            return invalid(ValidityResult.CHECK_VOLUME, "volume " + Numbers.forMessage(volume) + " Å³ < " + fmt(minVolume) + " Å³");
        }
        List<Site> sites = crystal.sites();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            for (int k = 0; k < 3; k++) {
                if (!Double.isFinite(s.frac(k))) {
                    return invalid(ValidityResult.CHECK_LATTICE, "site " + (i + 1) + " (" + s.label()
                        + ") has a non-finite coordinate");
                }
            }
        }
        if (rejectDisorder && !crystal.isOrdered()) {
            for (Site s : sites) {
                if (!s.isOrdered()) {
                    return invalid(ValidityResult.CHECK_DISORDER, "site " + s.label() + " is partially occupied "
                        + s.species() + " (disordered structure)");
                }
            }
        }
        if (sites.size() >= 2) {
            double[] pair = crystal.shortestPair();
            if (pair[2] < minDistance) {
                Site a = sites.get((int) pair[0]);
                Site b = sites.get((int) pair[1]);
                return invalid(ValidityResult.CHECK_DISTANCE, String.format(Locale.ROOT, "%s–%s %.2f Å < %s Å",
                    a.majorElement().symbol(), b.majorElement().symbol(), pair[2], fmt(minDistance)));
            }
        }
        return ValidityResult.ok();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static ValidityResult invalid(String check, String reason) {
        return new ValidityResult(true, false, check, reason);
    }
}
