package org.example.genmat.core.crystal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A site: one or more species with their occupancies at fractional coordinates, plus the label
 * from the source file (e.g. {@code Fe1}). Immutable.
 */
public final class Site {

    private final Map<Species, Double> species;
    private final double[] frac;
    private final String label;

    public Site(Map<Species, Double> species, double[] frac, String label) {
        if (species.isEmpty()) {
            throw new IllegalArgumentException("a site needs at least one species");
        }
        if (frac.length != 3) {
            throw new IllegalArgumentException("fractional coordinates need 3 values");
        }
        this.species = checkedCopy(species);
        this.frac = frac.clone();
        this.label = label == null ? "" : label;
    }

    /** A site sharing {@code species}, already checked and immutable (symmetry images of one site share it). */
    private Site(Site prototype, double[] frac) {
        if (frac.length != 3) {
            throw new IllegalArgumentException("fractional coordinates need 3 values");
        }
        this.species = prototype.species;
        this.frac = frac.clone();
        this.label = prototype.label;
    }

    private static Map<Species, Double> checkedCopy(Map<Species, Double> species) {
        species.forEach((k, v) -> {
            if (!Double.isFinite(v) || v <= 0) {
                throw new IllegalArgumentException("occupancy of " + k + " must be > 0, was " + v);
            }
        });
        if (species.size() == 1) {
            // most sites hold one species: an immutable one-entry map is a fifth of a LinkedHashMap's size
            Map.Entry<Species, Double> e = species.entrySet().iterator().next();
            return Map.of(Objects.requireNonNull(e.getKey()), e.getValue());
        }
        LinkedHashMap<Species, Double> copy = new LinkedHashMap<>();
        species.forEach((k, v) -> copy.merge(Objects.requireNonNull(k), v, Double::sum));
        return Collections.unmodifiableMap(copy);
    }

    /** A fully occupied site of one element. */
    public static Site of(Element e, double x, double y, double z) {
        return new Site(Map.of(Species.of(e), 1.0), new double[] {x, y, z}, e.symbol());
    }

    /** Species → occupancy, in the order given. */
    public Map<Species, Double> species() {
        return species;
    }

    /** Fractional coordinates (a copy). */
    public double[] frac() {
        return frac.clone();
    }

    public double frac(int axis) {
        return frac[axis];
    }

    public String label() {
        return label;
    }

    /** True when one species fills the site completely. */
    public boolean isOrdered() {
        return species.size() == 1 && Math.abs(species.values().iterator().next() - 1.0) < 1e-6;
    }

    /** Total occupancy (may be below 1 for vacancies). */
    public double totalOccupancy() {
        double s = 0;
        for (double v : species.values()) {
            s += v;
        }
        return s;
    }

    /** The element with the largest occupancy. */
    public Element majorElement() {
        return species.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey().element();
    }

    /** A copy at other fractional coordinates (sharing the species map, which is immutable). */
    public Site withFrac(double[] newFrac) {
        return new Site(this, newFrac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Site s && species.equals(s.species) && java.util.Arrays.equals(frac, s.frac) && label.equals(s.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(species, java.util.Arrays.hashCode(frac), label);
    }

    @Override
    public String toString() {
        return label + species + java.util.Arrays.toString(frac);
    }
}
