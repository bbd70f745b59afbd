package org.example.genmat.core.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.featurize.Featurizer;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.inference.NetworkRunner;

/**
 * Draws candidates from a model: latent vectors from the prior (scaled by the temperature), decoded
 * by the network in batches through {@link NetworkRunner} and by the featurizer into candidates.
 *
 * <p>The stream of a seed is cut into batches of {@link #BATCH} rows; batch b's latent vectors
 * depend only on (seed, b) ({@link LatentBatch#random}). Shard k of K takes the batches with
 * b ≡ k (mod K), so the shards of a seed are disjoint, each reproducible alone, and together give
 * exactly the unsharded stream. Streams are lazy: only one batch is held at a time.
 */
public final class Sampler {

    /** Rows per batch; part of the definition of a seed's stream, so never change it casually. */
    public static final int BATCH = 4096;

    private Sampler() {
    }

    /** Number of batches of a stream of {@code n} samples. */
    /** Most samples one stream draws (10^15: years of decoding; larger counts would overflow the batch arithmetic). */
    public static final long MAX_SAMPLES = 1_000_000_000_000_000L;

    public static long batches(long n) {
        return (n + BATCH - 1) / BATCH;
    }

    /** Rows of batch {@code b} of a stream of {@code n} samples. */
    public static int batchRows(long n, long b) {
        return (int) Math.min(BATCH, n - b * BATCH);
    }

    /**
     * Shard {@code shard} of {@code shards} of the stream of {@code n} samples of {@code seed}. The
     * stream owns a {@link NetworkRunner}; close the stream (try-with-resources) to free it.
     *
     * @param condition   class label or property value; null draws classes from the training
     *                    frequencies (property models: the training mean)
     * @param temperature standard deviation of the latent prior (1 = the prior itself)
     */
    public static Stream<Candidate> sample(GenerativeModel model, long n, String condition, double temperature, long seed,
                                           int shard, int shards) {
        check(model, n, condition, temperature, shard, shards);
        NetworkRunner runner = new NetworkRunner(model.network());
        return sample(model, runner, n, condition, temperature, seed, shard, shards).onClose(runner::close);
    }

    /** As {@link #sample(GenerativeModel, long, String, double, long, int, int)} with a runner the caller owns. */
    public static Stream<Candidate> sample(GenerativeModel model, NetworkRunner runner, long n, String condition,
                                           double temperature, long seed, int shard, int shards) {
        check(model, n, condition, temperature, shard, shards);
        Featurizer f = model.featurizer();
        Spliterator<Candidate> split = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            long b = shard;
            Candidate[] buffer = new Candidate[0];
            int pos;

            @Override
            public boolean tryAdvance(Consumer<? super Candidate> action) {
                while (pos >= buffer.length) {
                    if (b >= batches(n)) {
                        return false;
                    }
                    buffer = decodeBatch(model, f, runner, LatentBatch.make(model, condition, temperature, seed, b, batchRows(n, b)));
                    pos = 0;
                    b += shards;
                }
                action.accept(buffer[pos]);
                buffer[pos++] = null;
                return true;
            }
        };
        return StreamSupport.stream(split, false);
    }

    private static void check(GenerativeModel model, long n, String condition, double temperature, int shard, int shards) {
        if (n < 0 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException("number of samples must be from 0 to " + MAX_SAMPLES + " (10^15), was " + n);
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard must be k/K with 0 ≤ k < K, was " + shard + "/" + shards);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
        }
        Conditioning c = model.conditioning();
        if (c.kind() == Conditioning.Kind.NONE || (condition != null && !condition.isBlank())) {
            c.encode(condition); // clear message for an unknown class or a condition the model does not take
        }
    }

    /** Decodes one batch into candidates carrying their latent vector and condition. */
    public static Candidate[] decodeBatch(GenerativeModel model, Featurizer f, NetworkRunner runner, LatentBatch batch) {
        float[][] out = runner.decode(batch.z(), batch.condition());
        Candidate[] c = new Candidate[out.length];
        for (int i = 0; i < out.length; i++) {
            c[i] = f.decode(out[i]).withOrigin(batch.z()[i], batch.labels()[i]);
        }
        return c;
    }

    /**
     * Latent means of records under the encoder (VAE, VAE-GAN). {@code conditions} gives each row's
     * class label or property value for a conditional model (null for an unconditional one).
     *
     * @throws IllegalArgumentException naming the first row that cannot be encoded
     */
    public static float[][] encode(GenerativeModel model, List<CrystalRecord> rows, List<String> conditions) {
        if (!model.hasEncoder()) {
            throw new IllegalArgumentException("a " + model.family() + " model has no encoder; encoding needs a VAE or VAE-GAN");
        }
        if (rows.isEmpty()) {
            return new float[0][];
        }
        Conditioning c = model.conditioning();
        float[][] x = new float[rows.size()][];
        float[][] cond = c.dimension() == 0 ? null : new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            CrystalRecord r = rows.get(i);
            try {
                x[i] = model.featurizer().encode(r);
                if (cond != null) {
                    cond[i] = c.encode(conditions == null ? null : conditions.get(i));
                } else if (conditions != null && conditions.get(i) != null && !conditions.get(i).isBlank()) {
                    c.encode(conditions.get(i));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + (i + 1) + (r.source().isEmpty() ? "" : " (" + r.source() + ")") + ": " + e.getMessage(), e);
            }
        }
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            List<float[]> out = new ArrayList<>(rows.size());
            for (int from = 0; from < x.length; from += BATCH) {
                int to = Math.min(x.length, from + BATCH);
                float[][] xs = java.util.Arrays.copyOfRange(x, from, to);
                float[][] cs = cond == null ? null : java.util.Arrays.copyOfRange(cond, from, to);
                out.addAll(List.of(runner.encodeMean(xs, cs)));
            }
            return out.toArray(new float[0][]);
        }
    }

    /** Latent means of records under an unconditional model's encoder. */
    public static float[][] encode(GenerativeModel model, List<CrystalRecord> rows) {
        return encode(model, rows, null);
    }

    /** {@link #interpolate(GenerativeModel, CrystalRecord, CrystalRecord, int, String)} for an unconditional model. */
    public static List<Candidate> interpolate(GenerativeModel model, CrystalRecord a, CrystalRecord b, int steps) {
        return interpolate(model, a, b, steps, null);
    }

    /**
     * {@code steps} candidates decoded along the straight line between the latent means of two
     * records (both ends included), under one condition.
     */
    public static List<Candidate> interpolate(GenerativeModel model, CrystalRecord a, CrystalRecord b, int steps, String condition) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps, was " + steps);
        }
        float[][] ends = encode(model, List.of(a, b), model.conditioning().dimension() == 0 ? null : java.util.Arrays.asList(condition, condition));
        int latent = model.latentSize();
        float[][] z = new float[steps][latent];
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            for (int j = 0; j < latent; j++) {
                z[s][j] = (float) ((1 - t) * ends[0][j] + t * ends[1][j]);
            }
        }
        float[][] cond = null;
        String[] labels = new String[steps];
        if (model.conditioning().dimension() > 0) {
            float[] v = model.conditioning().encode(condition);
            cond = new float[steps][];
            java.util.Arrays.fill(cond, v);
            java.util.Arrays.fill(labels, condition);
        }
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            return List.of(decodeBatch(model, model.featurizer(), runner, new LatentBatch(0, z, cond, labels)));
        }
    }
}
