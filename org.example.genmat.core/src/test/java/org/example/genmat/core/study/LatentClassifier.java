package org.example.genmat.core.study;

import java.util.SplittableRandom;

/**
 * A latent property model (Gómez-Bombarelli et al. 2018; "latent space optimisation"): a classifier
 * of one training class in a model's latent space, fitted on the latent means of the training rows,
 * that keeps prior draws in the region where that class's rows were encoded.
 *
 * <p>The classifier is quadratic discriminant analysis with equal class priors: one Gaussian for the
 * latents of the class's rows, one for all other rows, each covariance shrunk towards its diagonal
 * mean ({@code (1 − s)·Σ + s·tr(Σ)/k·I}, so a class of a few dozen rows still gives a proper one), and
 * p(class | z) = N₁(z) / (N₁(z) + N₀(z)). A prior draw z is kept with probability p(class | z)^γ:
 * γ 0 keeps all, larger γ concentrates the draws where the class lies. It reads training labels only.
 */
public final class LatentClassifier {

    private final Gaussian target;
    private final Gaussian rest;
    private final double strength;

    private LatentClassifier(Gaussian target, Gaussian rest, double strength) {
        this.target = target;
        this.rest = rest;
        this.strength = strength;
    }

    /**
     * Fits the classifier.
     *
     * @param latents   latent means of the training rows, all {@code k} wide
     * @param inClass   whether each row belongs to the class
     * @param shrinkage covariance shrinkage s in [0, 1]
     * @param strength  exponent γ ≥ 0 of the keep probability
     */
    public static LatentClassifier fit(float[][] latents, boolean[] inClass, double shrinkage, double strength) {
        if (latents.length != inClass.length) {
            throw new IllegalArgumentException(latents.length + " latent rows but " + inClass.length + " labels");
        }
        if (!(shrinkage >= 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("shrinkage must be in [0, 1], was " + shrinkage);
        }
        if (!(strength >= 0) || !Double.isFinite(strength)) {
            throw new IllegalArgumentException("strength must be a number ≥ 0, was " + strength);
        }
        int inside = 0;
        for (boolean b : inClass) {
            inside += b ? 1 : 0;
        }
        if (inside < 2 || latents.length - inside < 2) {
            throw new IllegalArgumentException("the latent classifier needs at least 2 rows in and 2 outside the class, got "
                + inside + " and " + (latents.length - inside));
        }
        return new LatentClassifier(Gaussian.fit(latents, inClass, true, shrinkage),
            Gaussian.fit(latents, inClass, false, shrinkage), strength);
    }

    /** p(class | z) under equal class priors. */
    public double probability(float[] z) {
        double diff = rest.logDensity(z) - target.logDensity(z);
        return 1 / (1 + Math.exp(Math.min(diff, 700)));
    }

    /** Whether to keep draw {@code z}: with probability p(class | z)^γ, the coin from {@code rng}. */
    public boolean keep(float[] z, SplittableRandom rng) {
        double u = rng.nextDouble();
        return strength == 0 || u < Math.pow(probability(z), strength);
    }

    /** A multivariate normal with its precision matrix and log-normaliser. */
    private record Gaussian(double[] mean, double[][] precision, double logNormaliser) {

        static Gaussian fit(float[][] z, boolean[] in, boolean side, double shrinkage) {
            int k = z[0].length;
            double[] mean = new double[k];
            int n = 0;
            for (int i = 0; i < z.length; i++) {
                if (in[i] == side) {
                    for (int j = 0; j < k; j++) {
                        mean[j] += z[i][j];
                    }
                    n++;
                }
            }
            for (int j = 0; j < k; j++) {
                mean[j] /= n;
            }
            double[][] cov = new double[k][k];
            for (int i = 0; i < z.length; i++) {
                if (in[i] == side) {
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            cov[a][b] += (z[i][a] - mean[a]) * (z[i][b] - mean[b]) / (n - 1);
                        }
                    }
                }
            }
            double trace = 0;
            for (int a = 0; a < k; a++) {
                trace += cov[a][a];
            }
            // a floor keeps a degenerate class (all rows on one latent point) invertible
            double diagonal = Math.max(trace / k, 1e-6);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    cov[a][b] = (1 - shrinkage) * cov[a][b] + (a == b ? shrinkage * diagonal + 1e-9 : 0);
                }
            }
            double[][] lower = cholesky(cov);
            double logDet = 0;
            for (int a = 0; a < k; a++) {
                logDet += 2 * Math.log(lower[a][a]);
            }
            return new Gaussian(mean, inverse(lower), -0.5 * (logDet + k * Math.log(2 * Math.PI)));
        }

        double logDensity(float[] z) {
            int k = mean.length;
            double q = 0;
            for (int a = 0; a < k; a++) {
                double row = 0;
                for (int b = 0; b < k; b++) {
                    row += precision[a][b] * (z[b] - mean[b]);
                }
                q += (z[a] - mean[a]) * row;
            }
            return logNormaliser - 0.5 * q;
        }

        /** L with L·Lᵀ = m (m symmetric positive definite). */
        private static double[][] cholesky(double[][] m) {
            int k = m.length;
            double[][] l = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = m[i][j];
                    for (int p = 0; p < j; p++) {
                        s -= l[i][p] * l[j][p];
                    }
                    if (i == j) {
                        if (!(s > 0)) {
                            throw new IllegalArgumentException("the latent covariance is not positive definite; raise the shrinkage");
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            return l;
        }

        /** m⁻¹ = L⁻ᵀ·L⁻¹ from the Cholesky factor L of m. */
        private static double[][] inverse(double[][] l) {
            int k = l.length;
            double[][] li = new double[k][k];
            for (int c = 0; c < k; c++) {
                // forward substitution of L·x = e_c
                for (int i = 0; i < k; i++) {
                    double s = i == c ? 1 : 0;
                    for (int p = 0; p < i; p++) {
                        s -= l[i][p] * li[p][c];
                    }
                    li[i][c] = s / l[i][i];
                }
            }
            double[][] inv = new double[k][k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double s = 0;
                    for (int p = Math.max(a, b); p < k; p++) {
                        s += li[p][a] * li[p][b];
                    }
                    inv[a][b] = s;
                }
            }
            return inv;
        }
    }
}
