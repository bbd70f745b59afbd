package org.example.genmat.core.crystal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fixed prototype: named sites, the atoms each site holds in the formula unit, and which sites must
 * hold different elements (Türk et al.'s rule: a candidate repeating an element across sites that must
 * differ is invalid). The one definition of elpasolite and perovskite that featurization, validity,
 * metrics, the command line and the KNIME nodes share.
 */
public final class Prototype {

    /** One named site and how many atoms of it the formula unit has. */
    public record SiteSpec(String name, int multiplicity) {
    }

    /** Elpasolite ABC2D6: sites A, B, C, D, all four elements different. */
    public static final Prototype ELPASOLITE = new Prototype("elpasolite",
        List.of(new SiteSpec("A", 1), new SiteSpec("B", 1), new SiteSpec("C", 2), new SiteSpec("D", 6)), new int[] {0, 1, 2, 3});

    /**
     * Perovskite ABX3 with three X sites (Perov-5 style): the X sites may share an element (ABO3, ABO2N),
     * A and B differ from each other and from the X elements.
     */
    public static final Prototype PEROVSKITE = new Prototype("perovskite",
        List.of(new SiteSpec("A", 1), new SiteSpec("B", 1), new SiteSpec("X1", 1), new SiteSpec("X2", 1), new SiteSpec("X3", 1)),
        new int[] {0, 1, 2, 2, 2});

    private static final List<Prototype> ALL = List.of(ELPASOLITE, PEROVSKITE);

    private final String name;
    private final List<SiteSpec> sites;
    private final int[] distinctGroups;

    private Prototype(String name, List<SiteSpec> sites, int[] distinctGroups) {
        this.name = name;
        this.sites = List.copyOf(sites);
        this.distinctGroups = distinctGroups.clone();
    }

    /** The built-in prototypes. */
    public static List<Prototype> all() {
        return ALL;
    }

    /** The prototype of a name (case-insensitive), with a message listing the known ones otherwise. */
    public static Prototype forName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Prototype p : ALL) {
            if (p.name.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown prototype '" + name
            + "': use elpasolite (sites A, B, C, D = ABC2D6) or perovskite (sites A, B, X1, X2, X3 = ABX3)");
    }

    /** Lower-case name, e.g. {@code elpasolite}; also the name model files and options use. */
    public String name() {
        return name;
    }

    public List<SiteSpec> sites() {
        return sites;
    }

    public List<String> siteNames() {
        return sites.stream().map(SiteSpec::name).toList();
    }

    /** Atoms per site in the formula unit, in site order. */
    public int[] multiplicities() {
        return sites.stream().mapToInt(SiteSpec::multiplicity).toArray();
    }

    /** Sites with the same group number may hold the same element; sites of different groups may not. */
    public int[] distinctGroups() {
        return distinctGroups.clone();
    }

    /** True when sites {@code i} and {@code j} must hold different elements. */
    public boolean mustDiffer(int i, int j) {
        return distinctGroups[i] != distinctGroups[j];
    }

    @Override
    public String toString() {
        return name + sites.stream().map(SiteSpec::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prototype p && p.name.equals(name) && p.sites.equals(sites) && Arrays.equals(p.distinctGroups, distinctGroups);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
