package org.example.genmat.core.crystal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A periodic crystal: lattice plus all sites of the full unit cell (symmetry already expanded),
 * with the space group as given by the source (if any) and a source label such as
 * {@code file.cif#data_block}. Immutable.
 */
public final class Crystal {

    /** Avogadro constant, 1/mol. */
    private static final double AVOGADRO = 6.02214076e23;

    private final Lattice lattice;
    private final List<Site> sites;
    private final String spaceGroupSymbol;
    private final Integer spaceGroupNumber;
    private final String source;

    public Crystal(Lattice lattice, List<Site> sites, String spaceGroupSymbol, Integer spaceGroupNumber, String source) {
        this.lattice = Objects.requireNonNull(lattice, "lattice");
        this.sites = List.copyOf(sites);
        this.spaceGroupSymbol = spaceGroupSymbol == null || spaceGroupSymbol.isBlank() ? null : spaceGroupSymbol;
        this.spaceGroupNumber = spaceGroupNumber;
        this.source = source == null ? "" : source;
    }

    /** A P1 crystal without space group information. */
    public Crystal(Lattice lattice, List<Site> sites, String source) {
        this(lattice, sites, null, null, source);
    }

    public Lattice lattice() {
        return lattice;
    }

    public List<Site> sites() {
        return sites;
    }

    public int numSites() {
        return sites.size();
    }

    public Optional<String> spaceGroupSymbol() {
        return Optional.ofNullable(spaceGroupSymbol);
    }

    public Optional<Integer> spaceGroupNumber() {
        return Optional.ofNullable(spaceGroupNumber);
    }

    public String source() {
        return source;
    }

    /** The same crystal with another source label. */
    public Crystal withSource(String newSource) {
        return new Crystal(lattice, sites, spaceGroupSymbol, spaceGroupNumber, newSource);
    }

    /** Cell contents: the sum of occupancies per element over all sites. */
    public Composition composition() {
        // per element, summed in site order (as a map merge would) but without boxing: cells have thousands of sites
        double[] byZ = new double[Element.MAX_Z + 1];
        for (Site s : sites) {
            for (Map.Entry<Species, Double> e : s.species().entrySet()) {
                byZ[e.getKey().element().z()] += e.getValue();
            }
        }
        Map<Element, Double> m = new HashMap<>();
        for (int z = 1; z < byZ.length; z++) {
            if (byZ[z] != 0) {
                m.put(Element.ofZ(z), byZ[z]);
            }
        }
        return Composition.of(m);
    }

    /** Density in g/cm³. */
    public double density() {
        return composition().weight() / AVOGADRO / (lattice.volume() * 1e-24);
    }

    /** True when every site is fully occupied by one species. */
    public boolean isOrdered() {
        for (Site s : sites) {
            if (!s.isOrdered()) {
                return false;
            }
        }
        return true;
    }

    /** Shortest periodic distance (Å) between sites i and j over all lattice translations. */
    public double distance(int i, int j) {
        return lattice.minimumImageDistance(sites.get(i).frac(), sites.get(j).frac());
    }

    /**
     * Shortest periodic distance (Å) between two different sites; +∞ with fewer than two sites.
     * Self-images are not considered.
     */
    public double shortestDistance() {
        return shortestPair()[2];
    }

    /** {i, j, distance} of the closest pair of different sites; {-1, -1, +∞} with fewer than two sites. */
    public double[] shortestPair() {
        double best = Double.POSITIVE_INFINITY;
        int bi = -1, bj = -1;
        double[][] f = new double[sites.size()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = sites.get(i).frac();
        }
        for (int i = 0; i < f.length; i++) {
            for (int j = i + 1; j < f.length; j++) {
                double d = lattice.minimumImageDistance(f[i], f[j]);
                if (d < best) {
                    best = d;
                    bi = i;
                    bj = j;
                }
            }
        }
        return new double[] {bi, bj, best};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Crystal c && lattice.equals(c.lattice) && sites.equals(c.sites)
            && Objects.equals(spaceGroupSymbol, c.spaceGroupSymbol) && Objects.equals(spaceGroupNumber, c.spaceGroupNumber)
            && source.equals(c.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lattice, sites, spaceGroupSymbol, spaceGroupNumber, source);
    }

    @Override
    public String toString() {
        return "Crystal(" + composition().formula() + ", " + lattice + ", " + sites.size() + " sites, " + source + ")";
    }
}
