package org.example.genmat.core.surrogate;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Kernel ridge regression with {@link SiteKernel}: α = (K + λI)⁻¹ (y − ȳ), f(x) = ȳ + Σⱼ αⱼ k(x, xⱼ).
 * The solve is EJML's Cholesky decomposition (K + λI is symmetric positive definite for λ &gt; 0).
 * Immutable.
 */
public final class KernelRidge {

    private final int[][] sites;
    private final double[] alpha;
    private final double offset;
    private final double sigma;
    private final double lambda;
    private final double[][] table;

    private KernelRidge(int[][] sites, double[] alpha, double offset, double sigma, double lambda) {
        this.sites = sites;
        this.alpha = alpha;
        this.offset = offset;
        this.sigma = sigma;
        this.lambda = lambda;
        this.table = SiteKernel.table(sigma);
    }

    /**
     * Fits the model.
     *
     * @param sites  per row the element indices {a, b, c, d}
     * @param y      per row the target
     * @throws IllegalArgumentException for empty or mismatched input, λ ≤ 0, or a failed decomposition
     */
    public static KernelRidge fit(int[][] sites, double[] y, double sigma, double lambda) {
        if (sites.length == 0 || sites.length != y.length) {
            throw new IllegalArgumentException("kernel ridge regression needs as many targets as rows (" + sites.length + " rows, "
                + y.length + " targets)");
        }
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("regularisation λ must be a positive number, was " + lambda);
        }
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        DMatrixRMaj k = gram(SiteKernel.table(sigma), sites);
        return new KernelRidge(sites.clone(), solve(k, y, mean, lambda, true), mean, sigma, lambda);
    }

    /** The Gram matrix K[i][j] = k(xᵢ, xⱼ). */
    static DMatrixRMaj gram(double[][] t, int[][] sites) {
        int n = sites.length;
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        double[] d = k.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = SiteKernel.value(t, sites[i], sites[j]);
                d[i * n + j] = v;
                d[j * n + i] = v;
            }
        }
        return k;
    }

    /** α for (K + λI) α = y − mean; K is overwritten. {@code parallel}: EJML's multi-threaded block Cholesky. */
    static double[] solve(DMatrixRMaj k, double[] y, double mean, double lambda, boolean parallel) {
        int n = k.numRows;
        for (int i = 0; i < n; i++) {
            k.data[i * n + i] += lambda;
        }
        LinearSolverDense<DMatrixRMaj> chol = parallel ? LinearSolverFactory_MT_DDRM.symmPosDef(n) : LinearSolverFactory_DDRM.symmPosDef(n);
        if (!chol.setA(k)) {
            throw new IllegalArgumentException("the kernel matrix with λ = " + lambda + " is not positive definite; use a larger λ");
        }
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            b.data[i] = y[i] - mean;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        chol.solve(b, x);
        for (double v : x.data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the kernel ridge solve with λ = " + lambda + " gave non-finite weights; use a larger λ");
            }
        }
        return x.data;
    }

    /** The prediction for one site assignment {a, b, c, d}. */
    public double predict(int[] x) {
        double s = offset;
        for (int j = 0; j < sites.length; j++) {
            s += alpha[j] * SiteKernel.value(table, x, sites[j]);
        }
        return s;
    }

    /** Predictions for several site assignments. */
    public double[] predict(int[][] xs) {
        double[] out = new double[xs.length];
        java.util.stream.IntStream.range(0, xs.length).parallel().forEach(i -> out[i] = predict(xs[i]));
        return out;
    }

    /** Training rows' element indices (do not modify). */
    int[][] sites() {
        return sites;
    }

    /** The weights αⱼ (a copy). */
    public double[] alpha() {
        return alpha.clone();
    }

    double alphaAt(int j) {
        return alpha[j];
    }

    /** ȳ, added to every prediction. */
    public double offset() {
        return offset;
    }

    public double sigma() {
        return sigma;
    }

    public double lambda() {
        return lambda;
    }

    public int rows() {
        return sites.length;
    }
}
