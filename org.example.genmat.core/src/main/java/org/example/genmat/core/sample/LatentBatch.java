package org.example.genmat.core.sample;

import java.util.SplittableRandom;

import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.model.GenerativeModel;

/**
 * The inputs of one sampling batch: latent vectors, condition vectors (null when unconditional) and
 * the condition label of each row. Batch {@code b} of a seed is a pure function of (seed, b, model
 * conditioning, condition, temperature, rows): a counter-based stream, so any machine can make any
 * batch without the ones before it.
 */
public record LatentBatch(long index, float[][] z, float[][] condition, String[] labels) {

    public int rows() {
        return z.length;
    }

    /** The random generator of batch {@code b} of {@code seed}: SplitMix64-mixed (seed, b). */
    public static SplittableRandom random(long seed, long b) {
        return new SplittableRandom(mix64(mix64(seed ^ 0x6A09E667F3BCC909L) + b * 0x9E3779B97F4A7C15L));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Makes batch {@code b} with {@code rows} rows: z ~ N(0, T²·I); with a class model and no
     * condition, each row's class is drawn from the training class frequencies; with a property
     * model and no condition, the training mean is used.
     */
    public static LatentBatch make(GenerativeModel model, String condition, double temperature, long seed, long b, int rows) {
        SplittableRandom rng = random(seed, b);
        int latent = model.latentSize();
        float[][] z = new float[rows][latent];
        for (float[] row : z) {
            for (int j = 0; j < latent; j++) {
                row[j] = (float) (temperature * rng.nextGaussian());
            }
        }
        Conditioning c = model.conditioning();
        String[] labels = new String[rows];
        if (c.kind() == Conditioning.Kind.NONE) {
            c.encode(condition); // refuses a condition for an unconditional model
            return new LatentBatch(b, z, null, labels);
        }
        float[][] cond = new float[rows][];
        boolean given = condition != null && !condition.isBlank();
        if (given || c.kind() == Conditioning.Kind.PROPERTY) {
            String label = given ? condition.trim() : Double.toString(c.mean());
            float[] v = c.encode(label);
            for (int i = 0; i < rows; i++) {
                cond[i] = v;
                labels[i] = label;
            }
        } else {
            long total = 0;
            for (int k : c.classCounts()) {
                total += k;
            }
            int nc = c.classes().size();
            for (int i = 0; i < rows; i++) {
                int k;
                if (total <= 0) {
                    k = rng.nextInt(nc);
                } else {
                    long r = rng.nextLong(total);
                    k = 0;
                    while (r >= c.classCounts().get(k)) {
                        r -= c.classCounts().get(k);
                        k++;
                    }
                }
                labels[i] = c.classes().get(k);
                cond[i] = new float[nc];
                cond[i][k] = 1f;
            }
        }
        return new LatentBatch(b, z, cond, labels);
    }
}
