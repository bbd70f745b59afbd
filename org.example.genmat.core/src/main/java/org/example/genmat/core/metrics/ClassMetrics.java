package org.example.genmat.core.metrics;

/**
 * Türk et al.'s class metrics for generation conditioned on target class c, accumulated in a stream
 * of valid samples: precision(right) = N_gen in c / N_gen (repetitions included),
 * precision(neighbouring) = (N in c−1 + N in c+1) / N_gen, coverage(right) = unique generated in c /
 * |c| in the reference population, coverage(neighbouring) = (unique in c−1 + unique in c+1) /
 * (|c−1| + |c+1|). Classes are small non-negative integers; a sample's class is its composition's
 * class in the reference population (none when it is not there).
 */
public final class ClassMetrics {

    private final int target;
    private final long[] referenceSize;
    private final long[] generated;
    private final long[] uniqueGenerated;
    private long total;

    /** @param referenceSizePerClass |class k| in the reference population, index k */
    public ClassMetrics(int targetClass, long[] referenceSizePerClass) {
        this.target = targetClass;
        this.referenceSize = referenceSizePerClass.clone();
        this.generated = new long[referenceSize.length];
        this.uniqueGenerated = new long[referenceSize.length];
    }

    /** One valid generated sample: its class (−1 when outside the reference) and whether it is new. */
    public void add(int cls, boolean firstTime) {
        total++;
        if (cls >= 0 && cls < generated.length) {
            generated[cls]++;
            if (firstTime) {
                uniqueGenerated[cls]++;
            }
        }
    }

    private long at(long[] a, int k) {
        return k >= 0 && k < a.length ? a[k] : 0;
    }

    public long total() {
        return total;
    }

    public double precisionRight() {
        return total == 0 ? Double.NaN : (double) at(generated, target) / total;
    }

    public double precisionNeighbouring() {
        return total == 0 ? Double.NaN : (double) (at(generated, target - 1) + at(generated, target + 1)) / total;
    }

    public double coverageRight() {
        long den = at(referenceSize, target);
        return den == 0 ? Double.NaN : (double) at(uniqueGenerated, target) / den;
    }

    public double coverageNeighbouring() {
        long den = at(referenceSize, target - 1) + at(referenceSize, target + 1);
        return den == 0 ? Double.NaN
            : (double) (at(uniqueGenerated, target - 1) + at(uniqueGenerated, target + 1)) / den;
    }

    public long referenceSize(int k) {
        return at(referenceSize, k);
    }

    public long uniqueGenerated(int k) {
        return at(uniqueGenerated, k);
    }
}
