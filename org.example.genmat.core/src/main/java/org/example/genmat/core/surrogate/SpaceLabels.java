package org.example.genmat.core.surrogate;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.example.genmat.core.metrics.ElpasoliteSpace;

/**
 * Predicted formation energy and stability class of every site assignment (a, b, c, d) of
 * {@link ElpasoliteSpace}, in a dense 39⁴ table (NaN where an element repeats). Symmetric in A↔B.
 *
 * <p>Labelling uses the kernel's factorisation over sites ({@link SiteKernel}): with M[(a,b), j] =
 * T[a][Aⱼ] T[b][Bⱼ] (1521 × N) and W[j, (c,d)] = αⱼ T[c][Cⱼ] T[d][Dⱼ] (N × 1521), F = M·W holds
 * Σⱼ αⱼ T[a][Aⱼ] T[b][Bⱼ] T[c][Cⱼ] T[d][Dⱼ] for all (a, b, c, d), and the swapped term of the kernel is
 * F at (b, a): f(a, b, c, d) = ȳ + ½ (F[(a,b),(c,d)] + F[(b,a),(c,d)]). One multi-threaded product of
 * about 2·1521²·N flops (EJML) instead of 1.97 million × N kernel evaluations.
 */
public final class SpaceLabels {

    private static final int N = ElpasoliteSpace.N;
    private final float[] energy;

    SpaceLabels(float[] energy) {
        if (energy.length != N * N * N * N) {
            throw new IllegalArgumentException("a label table has " + N * N * N * N + " entries, got " + energy.length);
        }
        this.energy = energy;
    }

    /** Labels the whole space with {@code model}. */
    public static SpaceLabels label(KernelRidge model) {
        int pairs = N * N;
        int rows = model.rows();
        double[][] t = SiteKernel.table(model.sigma());
        int[][] x = model.sites();
        DMatrixRMaj m = new DMatrixRMaj(pairs, rows);
        DMatrixRMaj w = new DMatrixRMaj(rows, pairs);
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                int row = (a * N + b) * rows;
                for (int j = 0; j < rows; j++) {
                    m.data[row + j] = t[a][x[j][0]] * t[b][x[j][1]];
                }
            }
        }
        for (int j = 0; j < rows; j++) {
            double alpha = model.alphaAt(j);
            int row = j * pairs;
            for (int c = 0; c < N; c++) {
                double tc = alpha * t[c][x[j][2]];
                for (int d = 0; d < N; d++) {
                    w.data[row + c * N + d] = tc * t[d][x[j][3]];
                }
            }
        }
        DMatrixRMaj f = new DMatrixRMaj(pairs, pairs);
        CommonOps_MT_DDRM.mult(m, w, f);
        float[] e = new float[N * N * N * N];
        java.util.Arrays.fill(e, Float.NaN);
        double offset = model.offset();
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                if (a == b) {
                    continue;
                }
                int sa = a, sb = b, ab = (a * N + b) * pairs, ba = (b * N + a) * pairs;
                ElpasoliteSpace.forEachCD(a, b, (c, d) -> {
                    int cd = c * N + d;
                    e[dense(sa, sb, c, d)] = (float) (offset + 0.5 * (f.data[ab + cd] + f.data[ba + cd]));
                });
            }
        }
        return new SpaceLabels(e);
    }

    /** Index of (a, b, c, d) in the dense table. */
    public static int dense(int a, int b, int c, int d) {
        return ((a * N + b) * N + c) * N + d;
    }

    /** Predicted formation energy of (a, b, c, d), eV/atom; NaN when an element repeats. */
    public double energy(int a, int b, int c, int d) {
        return energy[dense(a, b, c, d)];
    }

    /** Stability class 1..10 of (a, b, c, d); 0 when an element repeats. */
    public int classOf(int a, int b, int c, int d) {
        float v = energy[dense(a, b, c, d)];
        return Float.isNaN(v) ? 0 : StabilityClasses.of(v);
    }

    /** Number of compositions (A↔B swap pairs counted once) in each class, index 1..10 (index 0 unused). */
    public long[] classSizes() {
        long[] sizes = new long[StabilityClasses.COUNT + 1];
        int[] all = ElpasoliteSpace.enumerate();
        for (int i = 0; i < all.length; i += 4) {
            sizes[classOf(all[i], all[i + 1], all[i + 2], all[i + 3])]++;
        }
        return sizes;
    }

    /** The dense table (shared; do not modify). */
    float[] table() {
        return energy;
    }
}
