package org.example.genmat.core.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;

/**
 * Türk et al.'s elpasolite composition space ABC2D6 over the 39 main-group elements H … Bi
 * (periods 1–6, noble gases included): 39·38·37·36 = 1,974,024 ordered site assignments, 987,012
 * compositions since A and B are symmetric. Gives compact keys straight from site indices (no
 * {@link Composition} objects on the hot path), compatible with {@link CompositionKey#pack}.
 */
public final class ElpasoliteSpace {

    /** Atomic numbers of the 39 elements, ascending. */
    public static final int[] Z = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 31, 32, 33,
        34, 35, 36, 37, 38, 49, 50, 51, 52, 53, 54, 55, 56, 81, 82, 83};
    /** Number of elements. */
    public static final int N = Z.length;
    /** Atoms per site: A, B, C2, D6. */
    public static final int[] MULTIPLICITY = {1, 1, 2, 6};

    private ElpasoliteSpace() {
    }

    /** Key of the composition with element indices a, b, c, d on sites A, B, C, D (all different). */
    public static long key(int a, int b, int c, int d) {
        // four (Z, count) pairs sorted by Z; indices are ordered like Z, so sort the indices
        int[] idx = {a, b, c, d};
        int[] cnt = {1, 1, 2, 6};
        for (int i = 1; i < 4; i++) { // insertion sort of 4
            int x = idx[i], y = cnt[i], j = i - 1;
            while (j >= 0 && idx[j] > x) {
                idx[j + 1] = idx[j];
                cnt[j + 1] = cnt[j];
                j--;
            }
            idx[j + 1] = x;
            cnt[j + 1] = y;
        }
        long k = 0;
        for (int i = 0; i < 4; i++) {
            k = (k << 15) | ((long) Z[idx[i]] << 8) | cnt[i];
        }
        return k;
    }

    /** The composition of a site assignment. */
    public static Composition composition(int a, int b, int c, int d) {
        java.util.Map<Element, Integer> m = new java.util.HashMap<>();
        int[] s = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            m.merge(Element.ofZ(Z[s[i]]), MULTIPLICITY[i], Integer::sum);
        }
        return Composition.of(m);
    }

    /** Receives the elements of sites C and D. */
    @FunctionalInterface
    public interface SitesCD {
        void accept(int c, int d);
    }

    /**
     * Visits, in ascending order of c then d, every element pair (c, d) of sites C and D that differs from each
     * other and from a and b: the assignments of the space with A = a, B = b.
     */
    public static void forEachCD(int a, int b, SitesCD visit) {
        for (int c = 0; c < N; c++) {
            if (c == a || c == b) {
                continue;
            }
            for (int d = 0; d < N; d++) {
                if (d != a && d != b && d != c) {
                    visit.accept(c, d);
                }
            }
        }
    }

    /** All compositions as {a, b, c, d} with a < b, in a fixed order: 987,012 × 4 indices, packed. */
    public static int[] enumerate() {
        int[] out = new int[N * (N - 1) / 2 * (N - 2) * (N - 3) * 4];
        int[] k = {0};
        for (int a = 0; a < N; a++) {
            for (int b = a + 1; b < N; b++) {
                int sa = a, sb = b;
                forEachCD(a, b, (c, d) -> {
                    out[k[0]++] = sa;
                    out[k[0]++] = sb;
                    out[k[0]++] = c;
                    out[k[0]++] = d;
                });
            }
        }
        return out;
    }

    /**
     * Synthetic class labels 0..classes−1 for enumerated compositions: deciles of a seeded additive
     * "energy" (per-site element terms plus a C–D interaction). A stand-in for DFT stability classes
     * with the same shape: every class holds a tenth of the space.
     */
    public static byte[] syntheticClasses(int[] compositions, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] site = new double[4][N];
        for (double[] s : site) {
            for (int i = 0; i < N; i++) {
                s[i] = gaussian(r);
            }
        }
        double[][] cd = new double[N][N];
        for (double[] row : cd) {
            for (int i = 0; i < N; i++) {
                row[i] = 0.5 * gaussian(r);
            }
        }
        int n = compositions.length / 4;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            int a = compositions[4 * i], b = compositions[4 * i + 1], c = compositions[4 * i + 2], d = compositions[4 * i + 3];
            e[i] = 0.5 * (site[0][a] + site[1][b] + site[0][b] + site[1][a]) + site[2][c] + site[3][d] + cd[c][d];
        }
        double[] sorted = e.clone();
        Arrays.sort(sorted);
        double[] bounds = new double[classes - 1];
        for (int k = 1; k < classes; k++) {
            bounds[k - 1] = sorted[(int) ((long) n * k / classes)];
        }
        byte[] cls = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = Arrays.binarySearch(bounds, e[i]);
            cls[i] = (byte) (k >= 0 ? k + 1 : -k - 1);
        }
        return cls;
    }

    public static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
