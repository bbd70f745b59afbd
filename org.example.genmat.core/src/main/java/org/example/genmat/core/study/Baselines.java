package org.example.genmat.core.study;

import java.util.List;
import java.util.SplittableRandom;

import org.example.genmat.core.metrics.ElpasoliteSpace;

/**
 * The study's two reference generators. {@link #uniform}: every well-formed site assignment equally
 * likely (what a model that learned nothing about stability would do). {@link #prevalence}: each site
 * drawn independently from the element frequencies of the training rows of the target class (A and B
 * pooled, as the A↔B swap augmentation gives the models); draws that repeat an element are malformed.
 */
public final class Baselines {

    private Baselines() {
    }

    /** Uniform over the 1,974,024 well-formed ordered site assignments. */
    public static CompositionSource uniform(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = ElpasoliteSpace.N;
        return sites -> {
            do {
                sites[0] = r.nextInt(n);
                sites[1] = r.nextInt(n);
                sites[2] = r.nextInt(n);
                sites[3] = r.nextInt(n);
            } while (repeats(sites));
            return true;
        };
    }

    /** Independent per-site draws from the element frequencies of {@code rows} (the training rows of the target class). */
    public static CompositionSource prevalence(List<ElpasoliteDft.Row> rows, long seed) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the prevalence baseline needs at least one training row of the target class");
        }
        double[][] w = siteFrequencies(rows);
        double[][] cdf = new double[3][];
        for (int s = 0; s < 3; s++) {
            cdf[s] = cumulative(w[s]);
        }
        SplittableRandom r = new SplittableRandom(seed);
        return sites -> {
            sites[0] = pick(cdf[0], r.nextDouble());
            sites[1] = pick(cdf[0], r.nextDouble());
            sites[2] = pick(cdf[1], r.nextDouble());
            sites[3] = pick(cdf[2], r.nextDouble());
            return !repeats(sites);
        };
    }

    /** Element counts of rows on the pooled A+B site, C and D: [3][39]. */
    public static double[][] siteFrequencies(List<ElpasoliteDft.Row> rows) {
        double[][] w = new double[3][ElpasoliteSpace.N];
        for (ElpasoliteDft.Row row : rows) {
            w[0][row.a()]++;
            w[0][row.b()]++;
            w[1][row.c()]++;
            w[2][row.d()]++;
        }
        return w;
    }

    static boolean repeats(int[] s) {
        return s[0] == s[1] || s[0] == s[2] || s[0] == s[3] || s[1] == s[2] || s[1] == s[3] || s[2] == s[3];
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i] / total;
            c[i] = acc;
        }
        c[w.length - 1] = Double.POSITIVE_INFINITY;
        return c;
    }

    private static int pick(double[] cdf, double u) {
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }
}
