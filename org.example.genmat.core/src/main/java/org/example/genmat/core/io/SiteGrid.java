package org.example.genmat.core.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Lattice;

/**
 * Fractional positions in periodic bins at least {@code reach} Å wide along every plane normal, so
 * every position within {@code reach} (minimum image) of a point lies in one of the 27 bins around
 * it. Finding close pairs this way costs time in proportion to the sites, not to their square.
 */
final class SiteGrid {

    private static final int MAX_BINS = 256;

    private final int[] bins = new int[3];
    private final Map<Long, List<Integer>> cells = new HashMap<>();

    SiteGrid(Lattice lattice, double reach) {
        for (int axis = 0; axis < 3; axis++) {
            // a distance of reach moves the axis-th coordinate by at most reach / plane spacing
            double n = Math.floor(lattice.planeSpacing(axis) / reach);
            bins[axis] = (int) Math.max(1, Math.min(MAX_BINS, Double.isFinite(n) ? n : 1));
        }
    }

    private int bin(double f, int axis) {
        double w = f - Math.floor(f);
        int b = (int) (w * bins[axis]);
        return b >= bins[axis] ? bins[axis] - 1 : b;
    }

    private long key(int i, int j, int k) {
        return ((long) i * MAX_BINS + j) * MAX_BINS + k;
    }

    void add(int id, double[] frac) {
        cells.computeIfAbsent(key(bin(frac[0], 0), bin(frac[1], 1), bin(frac[2], 2)), k -> new ArrayList<>(2)).add(id);
    }

    /** Adds to {@code out} the ids in the bins around {@code frac} (each id once). */
    void near(double[] frac, List<Integer> out) {
        int[] c = {bin(frac[0], 0), bin(frac[1], 1), bin(frac[2], 2)};
        int[][] range = new int[3][];
        for (int a = 0; a < 3; a++) {
            int n = bins[a];
            range[a] = n == 1 ? new int[] {0} : n == 2 ? new int[] {0, 1}
                : new int[] {(c[a] + n - 1) % n, c[a], (c[a] + 1) % n};
        }
        for (int i : range[0]) {
            for (int j : range[1]) {
                for (int k : range[2]) {
                    List<Integer> ids = cells.get(key(i, j, k));
                    if (ids != null) {
                        out.addAll(ids);
                    }
                }
            }
        }
    }
}
