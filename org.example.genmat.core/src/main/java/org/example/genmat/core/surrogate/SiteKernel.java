package org.example.genmat.core.surrogate;

import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.featurize.ElementCode;
import org.example.genmat.core.metrics.ElpasoliteSpace;

/**
 * The Laplacian kernel exp(−‖x − x′‖₁ / σ) on the eight numbers (period, group) of the sites A, B, C, D,
 * averaged over the A↔B swap of one argument. The L1 norm is a sum over sites, so the kernel is a
 * product of one 39×39 table per site: k(x, x′) = ½ (T[a][a′] T[b][b′] + T[b][a′] T[a][b′]) · T[c][c′] · T[d][d′]
 * with T[e][e′] = exp(−(|Δperiod| + |Δgroup|) / σ). Elements are {@link ElpasoliteSpace} indices.
 */
public final class SiteKernel {

    private static final int[] PERIOD = new int[ElpasoliteSpace.N];
    private static final int[] GROUP = new int[ElpasoliteSpace.N];

    static {
        for (int i = 0; i < ElpasoliteSpace.N; i++) {
            Element e = Element.ofZ(ElpasoliteSpace.Z[i]);
            PERIOD[i] = e.period();
            GROUP[i] = ElementCode.MAIN_GROUP.group(e);
        }
    }

    private SiteKernel() {
    }

    /** Period of element index i. */
    public static int period(int i) {
        return PERIOD[i];
    }

    /** Main group 1..8 of element index i. */
    public static int group(int i) {
        return GROUP[i];
    }

    /** The per-site table T[e][e′] for width σ. */
    public static double[][] table(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("kernel width must be a positive number, was " + sigma);
        }
        int n = ElpasoliteSpace.N;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[i][j] = Math.exp(-(Math.abs(PERIOD[i] - PERIOD[j]) + Math.abs(GROUP[i] - GROUP[j])) / sigma);
            }
        }
        return t;
    }

    /** The symmetric kernel of two site assignments {a, b, c, d}. */
    public static double value(double[][] t, int[] x, int[] y) {
        return 0.5 * (t[x[0]][y[0]] * t[x[1]][y[1]] + t[x[1]][y[0]] * t[x[0]][y[1]]) * t[x[2]][y[2]] * t[x[3]][y[3]];
    }
}
