package org.example.genmat.core.metrics;

/**
 * Fréchet distance between Gaussian fits of two sets of vectors (as in FID):
 * |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½), covariances with n − 1 in the denominator.
 * The matrix square roots come from symmetric eigen-decompositions (cyclic Jacobi), which keeps the
 * result real and stable for singular covariances.
 */
public final class Frechet {

    private Frechet() {
    }

    /** Distance between the Gaussian fits of {@code x} ({@code n × dim} row-major) and {@code y}. */
    public static double distance(double[] x, double[] y, int dim) {
        double[] mx = mean(x, dim), my = mean(y, dim);
        double[][] cx = covariance(x, dim, mx), cy = covariance(y, dim, my);
        double d2 = 0;
        for (int i = 0; i < dim; i++) {
            d2 += (mx[i] - my[i]) * (mx[i] - my[i]);
        }
        double tr = 0;
        for (int i = 0; i < dim; i++) {
            tr += cx[i][i] + cy[i][i];
        }
        double[][] s = sqrtPsd(cx);
        double[][] m = multiply(multiply(s, cy), s);
        symmetrise(m);
        double trSqrt = 0;
        for (double l : eigenvalues(m)) {
            trSqrt += Math.sqrt(Math.max(0, l));
        }
        return Math.max(0, d2 + tr - 2 * trSqrt);
    }

    static double[] mean(double[] x, int dim) {
        int n = x.length / dim;
        double[] m = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < dim; k++) {
                m[k] += x[r * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            m[k] /= n;
        }
        return m;
    }

    static double[][] covariance(double[] x, int dim, double[] mean) {
        int n = x.length / dim;
        double[][] c = new double[dim][dim];
        double[] d = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < dim; k++) {
                d[k] = x[r * dim + k] - mean[k];
            }
            for (int i = 0; i < dim; i++) {
                if (d[i] == 0) {
                    continue;
                }
                for (int j = i; j < dim; j++) {
                    c[i][j] += d[i] * d[j];
                }
            }
        }
        double den = Math.max(1, n - 1);
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                c[i][j] /= den;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    static double[][] sqrtPsd(double[][] a) {
        int n = a.length;
        double[][] v = new double[n][n];
        double[] l = jacobi(copy(a), v);
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += v[i][k] * Math.sqrt(Math.max(0, l[k])) * v[j][k];
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    static double[] eigenvalues(double[][] a) {
        return jacobi(copy(a), null);
    }

    /** Cyclic Jacobi on symmetric {@code a} (destroyed); eigenvectors into the columns of {@code v} if given. */
    static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        if (v != null) {
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(v[i], 0);
                v[i][i] = 1;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300) || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    if (v != null) {
                        for (int k = 0; k < n; k++) {
                            double vkp = v[k][p], vkq = v[k][q];
                            v[k][p] = c * vkp - s * vkq;
                            v[k][q] = s * vkp + c * vkq;
                        }
                    }
                }
            }
        }
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = a[i][i];
        }
        return l;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    r[i][j] += aik * b[k][j];
                }
            }
        }
        return r;
    }

    private static void symmetrise(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double s = (m[i][j] + m[j][i]) / 2;
                m[i][j] = s;
                m[j][i] = s;
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }
}
