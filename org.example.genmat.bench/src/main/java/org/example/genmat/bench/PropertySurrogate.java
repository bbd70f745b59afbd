package org.example.genmat.bench;

import java.util.Arrays;
import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.metrics.MagpieFingerprint;

/**
 * A property surrogate for judging property-conditioned generation: k-nearest-neighbour regression
 * (mean of the k nearest training values) on the standardised Magpie composition fingerprint.
 * Deliberately independent of the generative model; its error on held-out data is reported with it.
 */
public final class PropertySurrogate {

    private final double[][] x;
    private final double[] y;
    private final int k;

    public PropertySurrogate(List<Composition> compositions, double[] values, int k) {
        if (compositions.size() != values.length || values.length == 0) {
            throw new IllegalArgumentException("need one value per composition and at least one row");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        this.x = compositions.stream().map(MagpieFingerprint::standardised).toArray(double[][]::new);
        this.y = values.clone();
        this.k = Math.min(k, values.length);
    }

    /** The mean value of the k training compositions nearest to {@code c}. */
    public double predict(Composition c) {
        double[] q = MagpieFingerprint.standardised(c);
        double[] bestD = new double[k];
        double[] bestY = new double[k];
        Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            double d = 0;
            for (int j = 0; j < q.length && d < bestD[k - 1]; j++) {
                double t = x[i][j] - q[j];
                d += t * t;
            }
            if (d < bestD[k - 1]) {
                int p = k - 1;
                while (p > 0 && bestD[p - 1] > d) {
                    bestD[p] = bestD[p - 1];
                    bestY[p] = bestY[p - 1];
                    p--;
                }
                bestD[p] = d;
                bestY[p] = y[i];
            }
        }
        double s = 0;
        for (double v : bestY) {
            s += v;
        }
        return s / k;
    }
}
