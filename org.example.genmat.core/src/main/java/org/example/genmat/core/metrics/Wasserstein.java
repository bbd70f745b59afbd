package org.example.genmat.core.metrics;

import java.util.Arrays;

/**
 * 1-D earth mover's (Wasserstein-1) distance between two empirical distributions,
 * ∫ |F_u(x) − F_v(x)| dx with F the empirical CDFs (as scipy's {@code wasserstein_distance}).
 */
public final class Wasserstein {

    private Wasserstein() {
    }

    public static double distance(double[] u, double[] v) {
        if (u.length == 0 || v.length == 0) {
            return Double.NaN;
        }
        double[] a = u.clone(), b = v.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0, j = 0;
        double prev = Math.min(a[0], b[0]);
        double area = 0;
        while (i < a.length || j < b.length) {
            double x = j >= b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            area += Math.abs((double) i / a.length - (double) j / b.length) * (x - prev);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            prev = x;
        }
        return area;
    }
}
