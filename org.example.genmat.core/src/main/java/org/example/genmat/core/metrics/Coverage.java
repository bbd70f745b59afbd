package org.example.genmat.core.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Nearest-neighbour distances between two sets of fingerprints (Euclidean), as needed for CDVAE's
 * COV-R (fraction of reference rows whose nearest generated row is within the cutoff) and COV-P
 * (fraction of generated rows whose nearest reference row is within it). Fingerprints are packed
 * row-major in one {@code double[]} each; the distance matrix is never stored: blocks of generated
 * rows run in parallel, each keeps its own column minima, merged at the end.
 */
public final class Coverage {

    private static final int BLOCK = 64;

    /** Minimum distances: {@code toReference[i]} for generated row i, {@code toGenerated[j]} for reference row j. */
    public record NearestDistances(double[] toReference, double[] toGenerated) {

        /** Fraction of {@code values} ≤ cutoff, over {@code denominator}. */
        public static double fractionWithin(double[] values, double cutoff, long denominator) {
            long k = 0;
            for (double v : values) {
                if (v <= cutoff) {
                    k++;
                }
            }
            return denominator == 0 ? Double.NaN : (double) k / denominator;
        }
    }

    private Coverage() {
    }

    /**
     * @param gen  generated fingerprints, {@code nGen × dim} row-major
     * @param ref  reference fingerprints, {@code nRef × dim} row-major
     */
    public static NearestDistances nearest(double[] gen, double[] ref, int dim) {
        return nearest(gen, ref, dim, () -> false);
    }

    /** As {@link #nearest(double[], double[], int)}, polling {@code cancelled} once per block of rows. */
    public static NearestDistances nearest(double[] gen, double[] ref, int dim, java.util.function.BooleanSupplier cancelled) {
        int nGen = gen.length / dim, nRef = ref.length / dim;
        double[] rowMin = new double[nGen];
        int blocks = (nGen + BLOCK - 1) / BLOCK;
        double[] colMin = IntStream.range(0, blocks).parallel().mapToObj(b -> {
            double[] local = new double[nRef];
            Arrays.fill(local, Double.POSITIVE_INFINITY);
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("coverage cancelled");
            }
            int i0 = b * BLOCK, i1 = Math.min(nGen, i0 + BLOCK);
            for (int i = i0; i < i1; i++) {
                rowMin[i] = Double.POSITIVE_INFINITY;
            }
            // reference rows outer within a block: each reference row is loaded once per block and
            // compared with four generated rows at a time (register reuse of the reference values)
            for (int j = 0; j < nRef; j++) {
                int oj = j * dim;
                double cm = local[j];
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    int o0 = i * dim, o1 = o0 + dim, o2 = o1 + dim, o3 = o2 + dim;
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    for (int k = 0; k < dim; k++) {
                        double r = ref[oj + k];
                        double d0 = gen[o0 + k] - r, d1 = gen[o1 + k] - r, d2 = gen[o2 + k] - r, d3 = gen[o3 + k] - r;
                        s0 += d0 * d0;
                        s1 += d1 * d1;
                        s2 += d2 * d2;
                        s3 += d3 * d3;
                    }
                    rowMin[i] = Math.min(rowMin[i], s0);
                    rowMin[i + 1] = Math.min(rowMin[i + 1], s1);
                    rowMin[i + 2] = Math.min(rowMin[i + 2], s2);
                    rowMin[i + 3] = Math.min(rowMin[i + 3], s3);
                    cm = Math.min(cm, Math.min(Math.min(s0, s1), Math.min(s2, s3)));
                }
                for (; i < i1; i++) {
                    double d2 = squaredDistance(gen, i * dim, ref, oj, dim);
                    if (d2 < rowMin[i]) {
                        rowMin[i] = d2;
                    }
                    if (d2 < cm) {
                        cm = d2;
                    }
                }
                local[j] = cm;
            }
            return local;
        }).reduce((x, y) -> {
            for (int j = 0; j < x.length; j++) {
                x[j] = Math.min(x[j], y[j]);
            }
            return x;
        }).orElseGet(() -> {
            double[] none = new double[nRef];
            Arrays.fill(none, Double.POSITIVE_INFINITY);
            return none;
        });
        for (int i = 0; i < nGen; i++) {
            rowMin[i] = Math.sqrt(rowMin[i]);
        }
        for (int j = 0; j < nRef; j++) {
            colMin[j] = Math.sqrt(colMin[j]);
        }
        return new NearestDistances(rowMin, colMin);
    }

    static double squaredDistance(double[] a, int oa, double[] b, int ob, int dim) {
        // four accumulators let the JIT pipeline the loop
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < dim; k += 4) {
            double d0 = a[oa + k] - b[ob + k];
            double d1 = a[oa + k + 1] - b[ob + k + 1];
            double d2 = a[oa + k + 2] - b[ob + k + 2];
            double d3 = a[oa + k + 3] - b[ob + k + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; k < dim; k++) {
            double d = a[oa + k] - b[ob + k];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Mean Euclidean distance over all unordered pairs of rows (diversity); NaN with fewer than 2 rows. */
    public static double meanPairwiseDistance(double[] x, int dim) {
        return meanPairwiseDistance(x, dim, () -> false);
    }

    /** As {@link #meanPairwiseDistance(double[], int)}, polling {@code cancelled} once per row. */
    public static double meanPairwiseDistance(double[] x, int dim, java.util.function.BooleanSupplier cancelled) {
        int n = x.length / dim;
        if (n < 2) {
            return Double.NaN;
        }
        double total = IntStream.range(0, n).parallel().mapToDouble(i -> {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("diversity cancelled");
            }
            double s = 0;
            for (int j = i + 1; j < n; j++) {
                s += Math.sqrt(squaredDistance(x, i * dim, x, j * dim, dim));
            }
            return s;
        }).sum();
        return total / ((double) n * (n - 1) / 2);
    }
}
