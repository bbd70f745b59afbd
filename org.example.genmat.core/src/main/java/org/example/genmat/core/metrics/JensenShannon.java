package org.example.genmat.core.metrics;

/**
 * Jensen–Shannon distance of Türk et al.: per site, with p and q the element probabilities
 * (normalised counts) of generated and reference samples and m = (p + q)/2,
 * JSD = Σ ½ p log₂(p/m) + ½ q log₂(q/m) with 0·log 0 = 0; the site distance is √JSD
 * (0 identical, 1 disjoint) and the reported value is the mean of the site distances.
 */
public final class JensenShannon {

    private JensenShannon() {
    }

    /** JS divergence (base 2) of two count or probability vectors of equal length. */
    public static double divergence(double[] pCounts, double[] qCounts) {
        double[] terms = terms(pCounts, qCounts);
        double jsd = 0;
        for (double t : terms) {
            jsd += t;
        }
        return Math.max(0, Math.min(1, jsd));
    }

    /**
     * The divergence's term of each element, ½ p log₂(p/m) + ½ q log₂(q/m): which elements a distance is
     * made of. All NaN when either vector sums to zero.
     */
    public static double[] terms(double[] pCounts, double[] qCounts) {
        if (pCounts.length != qCounts.length) {
            throw new IllegalArgumentException("distributions differ in length");
        }
        double sp = 0, sq = 0;
        for (int i = 0; i < pCounts.length; i++) {
            sp += pCounts[i];
            sq += qCounts[i];
        }
        double[] terms = new double[pCounts.length];
        if (!(sp > 0) || !(sq > 0)) {
            java.util.Arrays.fill(terms, Double.NaN);
            return terms;
        }
        for (int i = 0; i < pCounts.length; i++) {
            double p = pCounts[i] / sp, q = qCounts[i] / sq, m = (p + q) / 2;
            if (p > 0) {
                terms[i] += 0.5 * p * log2(p / m);
            }
            if (q > 0) {
                terms[i] += 0.5 * q * log2(q / m);
            }
        }
        return terms;
    }

    /** √JSD of one site. */
    public static double distance(double[] pCounts, double[] qCounts) {
        return Math.sqrt(divergence(pCounts, qCounts));
    }

    /** Mean over sites of √JSD; sites given as [site][element] counts. */
    public static double meanSiteDistance(double[][] p, double[][] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += distance(p[i], q[i]);
        }
        return s / p.length;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
