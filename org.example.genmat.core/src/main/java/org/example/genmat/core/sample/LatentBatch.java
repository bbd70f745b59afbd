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
        int latent = model.latentSize();
        int cd = model.conditioning().dimension();
        float[] zf = new float[rows * latent];
        float[] cf = cd == 0 ? null : new float[rows * cd];
        String[] labels = new String[rows];
        fill(model, condition, temperature, seed, b, rows, zf, cf, labels);
        float[][] z = new float[rows][];
        float[][] cond = cd == 0 ? null : new float[rows][];
        for (int i = 0; i < rows; i++) {
            z[i] = java.util.Arrays.copyOfRange(zf, i * latent, (i + 1) * latent);
            if (cond != null) {
                cond[i] = java.util.Arrays.copyOfRange(cf, i * cd, (i + 1) * cd);
            }
        }
        return new LatentBatch(b, z, cond, labels);
    }

    /**
     * Writes batch {@code b} row-major into {@code z} ({@code rows × latent}) and {@code cond}
     * ({@code rows × conditionDimension}, null when unconditional); {@code labels} may be null.
     * The same values as {@link #make}, without per-row arrays (for high-throughput sampling).
     */
    public static void fill(GenerativeModel model, String condition, double temperature, long seed, long b, int rows,
                            float[] z, float[] cond, String[] labels) {
        SplittableRandom rng = random(seed, b);
        int latent = model.latentSize();
        for (int i = 0, n = rows * latent; i < n; i++) {
            z[i] = (float) (temperature * rng.nextGaussian());
        }
        Conditioning c = model.conditioning();
        if (c.kind() == Conditioning.Kind.NONE) {
            c.encode(condition); // refuses a condition for an unconditional model
            return;
        }
        int cd = c.dimension();
        java.util.Arrays.fill(cond, 0, rows * cd, 0f);
        boolean given = condition != null && !condition.isBlank();
        if (given || c.kind() == Conditioning.Kind.PROPERTY) {
            String label = given ? condition.trim() : Double.toString(c.mean());
            float[] v = c.encode(label);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(v, 0, cond, i * cd, cd);
                if (labels != null) {
                    labels[i] = label;
                }
            }
            return;
        }
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
            cond[i * cd + k] = 1f;
            if (labels != null) {
                labels[i] = c.classes().get(k);
            }
        }
    }
}
