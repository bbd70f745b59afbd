package org.example.genmat.core.io;

import java.util.Arrays;

import org.example.genmat.core.crystal.Lattice;

/**
 * Fractional positions in periodic bins more than twice {@code reach} Å wide along every plane
 * normal, so every position within {@code reach} (minimum image) of a point lies in its bin or the
 * neighbour on the side of the bin the point is nearer to: 8 bins to look in, not 27. Finding close
 * pairs this way costs time in proportion to the sites, not to their square.
 * Bins are an open-addressing table of int keys with a linked list of ids each (no boxing: a
 * disordered cell has tens of thousands of sites). Not thread-safe: one grid per search.
 */
final class SiteGrid {

    private static final int MAX_BINS = 256;

    private final int[] bins = new int[3];
    private int[] slotKey = new int[64]; // bin key + 1; 0 = empty slot
    private int[] slotHead = new int[64]; // first id in the bin
    private int used;
    private int[] nextId = new int[64]; // per id: the next id in its bin, -1 at the end
    private int[] found = new int[16];

    SiteGrid(Lattice lattice, double reach) {
        for (int axis = 0; axis < 3; axis++) {
            // a distance of reach moves the axis-th coordinate by at most reach / plane spacing (2.5: a margin over 2)
            double n = Math.floor(lattice.planeSpacing(axis) / (2.5 * reach));
            bins[axis] = (int) Math.max(1, Math.min(MAX_BINS, Double.isFinite(n) ? n : 1));
        }
    }

    private int bin(double f, int axis) {
        double w = f - Math.floor(f);
        int b = (int) (w * bins[axis]);
        return b >= bins[axis] ? bins[axis] - 1 : b;
    }

    /** The neighbouring bin on the side of its bin that {@code f} is nearer to (its own bin when there is only one). */
    private int otherBin(double f, int axis) {
        int n = bins[axis];
        if (n == 1) {
            return 0;
        }
        double w = (f - Math.floor(f)) * n;
        int b = bin(f, axis);
        return w - b < 0.5 ? (b + n - 1) % n : (b + 1) % n;
    }

    private static int key(int i, int j, int k) {
        return (i * MAX_BINS + j) * MAX_BINS + k;
    }

    /** The slot of a bin key: where it is, or the empty slot where it would go. */
    private int slot(int key) {
        int mask = slotKey.length - 1;
        int h = (key * 0x9E3779B9) >>> 7 & mask;
        while (slotKey[h] != 0 && slotKey[h] != key + 1) {
            h = (h + 1) & mask;
        }
        return h;
    }

    void add(int id, double x, double y, double z) {
        if (id >= nextId.length) {
            nextId = Arrays.copyOf(nextId, Math.max(id + 1, nextId.length * 2));
        }
        if (2 * (used + 1) > slotKey.length) {
            grow();
        }
        int key = key(bin(x, 0), bin(y, 1), bin(z, 2));
        int h = slot(key);
        if (slotKey[h] == 0) {
            slotKey[h] = key + 1;
            slotHead[h] = -1;
            used++;
        }
        nextId[id] = slotHead[h];
        slotHead[h] = id;
    }

    private void grow() {
        int[] oldKey = slotKey, oldHead = slotHead;
        slotKey = new int[oldKey.length * 2];
        slotHead = new int[oldKey.length * 2];
        for (int i = 0; i < oldKey.length; i++) {
            if (oldKey[i] != 0) {
                int h = slot(oldKey[i] - 1);
                slotKey[h] = oldKey[i];
                slotHead[h] = oldHead[i];
            }
        }
    }

    /**
     * Collects the ids in the bins around the point (each id once, in no particular order) into
     * {@link #found()}; returns how many there are.
     */
    int near(double x, double y, double z) {
        int x0 = bin(x, 0), x1 = otherBin(x, 0);
        int y0 = bin(y, 1), y1 = otherBin(y, 1);
        int z0 = bin(z, 2), z1 = otherBin(z, 2);
        int count = 0;
        for (int di = x1 == x0 ? 1 : 0; di < 2; di++) {
            int i = di == 0 ? x1 : x0;
            for (int dj = y1 == y0 ? 1 : 0; dj < 2; dj++) {
                int j = dj == 0 ? y1 : y0;
                for (int dk = z1 == z0 ? 1 : 0; dk < 2; dk++) {
                    int k = dk == 0 ? z1 : z0;
                    int h = slot(key(i, j, k));
                    if (slotKey[h] == 0) {
                        continue;
                    }
                    for (int id = slotHead[h]; id >= 0; id = nextId[id]) {
                        if (count == found.length) {
                            found = Arrays.copyOf(found, count * 2);
                        }
                        found[count++] = id;
                    }
                }
            }
        }
        return count;
    }

    /** The ids the last {@link #near} found (valid up to its count; reused by the next call). */
    int[] found() {
        return found;
    }
}
