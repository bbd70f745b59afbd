package org.example.genmat.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Site;

/**
 * Writes a crystal as a VASP 5 POSCAR: lattice vectors as given (scale 1), a species line, counts,
 * and Direct coordinates grouped by element in order of first appearance. POSCAR has no partial
 * occupancy, so disordered crystals are refused with a clear message.
 */
public final class PoscarWriter {

    private PoscarWriter() {
    }

    /** The crystal as POSCAR text; throws IllegalArgumentException for a disordered crystal. */
    public static String write(Crystal c) {
        Map<Element, List<Site>> groups = new LinkedHashMap<>();
        for (Site s : c.sites()) {
            if (!s.isOrdered()) {
                throw new IllegalArgumentException("POSCAR cannot hold the partially occupied site " + s.label() + " "
                    + s.species() + " of " + c.source());
            }
            groups.computeIfAbsent(s.majorElement(), k -> new ArrayList<>()).add(s);
        }
        StringBuilder sb = new StringBuilder();
        String formula = c.composition().formula();
        sb.append(formula.isEmpty() ? "crystal" : formula).append(" (written by GenMat)\n");
        sb.append("1.0\n");
        for (double[] row : c.lattice().matrix()) {
            sb.append(String.format(Locale.ROOT, "  %.12f  %.12f  %.12f%n", row[0], row[1], row[2]));
        }
        StringBuilder names = new StringBuilder(), counts = new StringBuilder();
        for (Map.Entry<Element, List<Site>> e : groups.entrySet()) {
            names.append("  ").append(e.getKey().symbol());
            counts.append("  ").append(e.getValue().size());
        }
        sb.append(names).append('\n').append(counts).append('\n').append("Direct\n");
        for (List<Site> group : groups.values()) {
            for (Site s : group) {
                sb.append(String.format(Locale.ROOT, "  %.12f  %.12f  %.12f  %s%n", s.frac(0), s.frac(1), s.frac(2),
                    s.majorElement().symbol()));
            }
        }
        return sb.toString().replace("\r\n", "\n");
    }
}
