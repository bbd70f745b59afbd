package org.example.genmat.core.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.featurize.FeatureLayout;
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

    /** Most samples one stream draws (10^15: years of decoding; larger counts would overflow the batch arithmetic). */
    public static final long MAX_SAMPLES = 1_000_000_000_000_000L;

    /** Number of batches of a stream of {@code n} samples. */
    public static long batches(long n) {
        return (n + BATCH - 1) / BATCH;
    }

    /** Rows of batch {@code b} of a stream of {@code n} samples. */
    public static int batchRows(long n, long b) {
        return (int) Math.min(BATCH, n - b * BATCH);
    }

    /** Rows of shard {@code shard} of {@code shards} of a stream of {@code n} samples: its batches b ≡ shard (mod shards). */
    public static long shardRows(long n, int shard, int shards) {
        long rows = 0;
        for (long b = shard; b < batches(n); b += shards) {
            rows += batchRows(n, b);
        }
        return rows;
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
        return sample(model, n, condition, temperature, Decoding.MEAN, seed, shard, shards);
    }

    /**
     * How a latent batch is turned into output vectors beyond the decoder's mean output.
     *
     * @param outputNoise  standard deviation of Gaussian noise added to every continuous output value: a
     *                     draw from the decoder's Gaussian observation model instead of its mean (0 = the
     *                     mean, as Türk et al.). A VAE trained on Σ(x − x̂)² + β·KL is the evidence bound of
     *                     a decoder with variance β/2, so {@link #likelihoodSd} is its own noise.
     * @param guidance     conditioning strength w (classifier-free guidance): the output becomes
     *                     dec(z, c) + w·(dec(z, c) − dec(z, c̄)), c̄ the mean condition of class-balanced
     *                     training (every class 1/K); 0 = plain conditional decoding. Class models only.
     * @param siteNoise    output noise of single sites, replacing {@code outputNoise} there: site name (the part
     *                     of a feature segment's name before its first '.', e.g. "D" of "D.code") → standard
     *                     deviation. Empty = {@code outputNoise} everywhere.
     * @param siteGuidance guidance of single sites, replacing {@code guidance} there (site names as for
     *                     {@code siteNoise}). The class moves sites by different amounts; a strength per site
     *                     lets one site follow the class further without concentrating the others. Empty =
     *                     {@code guidance} everywhere.
     * @param guidanceSpread how much the guidance varies between samples, 0 to 1: each sample's guidance on every
     *                     site is multiplied by 1 + s·u, u uniform in [−1, 1] and drawn per sample (0 = the same
     *                     guidance for every sample; 1 = from none to twice it). The class moves a site along one
     *                     direction (on D: F, then Ne, then He); one fixed strength lands most samples at one point
     *                     of it, a spread of strengths reaches the whole of it.
     * @param siteConditionGuidance guidance through the condition itself, for single sites (names as for
     *                     {@code siteNoise}): the site's output is taken from dec(z, c + w·(c − c̄)), the class
     *                     vector moved beyond its class away from the mean, instead of dec(z, c); each sample's w
     *                     varies by {@code guidanceSpread} like the output guidance, drawn from its own stream.
     *                     Output guidance moves a site along a straight line from its conditional output; this lets
     *                     the decoder follow its own learned path beyond the class, which on D reaches He (period
     *                     1) more evenly across training seeds. A site's output guidance, if it has any, then
     *                     applies on top of that output. Empty = none.
     * @param siteStretch  factors by which single sites' outputs are moved away from their mean over the batch
     *                     (after guidance, before noise): value ← mean + k·(value − mean), one k per value of the
     *                     site's segment (for the element code: period, group) or one k for all of them. A decoder
     *                     trained on squared error pulls its outputs towards the middle of the table (on C it writes
     *                     Rb, period 5, for Li and Cs alike); k > 1 undoes that pull where noise only blurs it. The
     *                     mean is over the batch of draws (up to {@link Sampler#BATCH}, as the seeded stream is
     *                     cut), so a batch still depends only on (seed, batch). Empty = none.
     */
    public record Decoding(double outputNoise, double guidance, Map<String, Double> siteNoise, Map<String, Double> siteGuidance,
                           double guidanceSpread, Map<String, Double> siteConditionGuidance, Map<String, List<Double>> siteStretch) {
        /** The decoder's mean output under the condition (Türk et al.). */
        public static final Decoding MEAN = new Decoding(0, 0);

        public Decoding {
            check(outputNoise, "output noise");
            check(guidance, "guidance");
            siteNoise = checkedSites(siteNoise, "output noise");
            siteGuidance = checkedSites(siteGuidance, "guidance");
            check(guidanceSpread, "guidance spread");
            if (guidanceSpread > 1) {
                throw new IllegalArgumentException("guidance spread must be from 0 to 1, was " + guidanceSpread);
            }
            siteConditionGuidance = checkedSites(siteConditionGuidance, "condition guidance");
            siteStretch = checkedStretch(siteStretch);
        }

        /** Per-site noise, output and condition guidance with a spread of strengths, no stretch. */
        public Decoding(double outputNoise, double guidance, Map<String, Double> siteNoise, Map<String, Double> siteGuidance,
                        double guidanceSpread, Map<String, Double> siteConditionGuidance) {
            this(outputNoise, guidance, siteNoise, siteGuidance, guidanceSpread, siteConditionGuidance, Map.of());
        }

        /** The same noise and guidance on every site. */
        public Decoding(double outputNoise, double guidance) {
            this(outputNoise, guidance, Map.of(), Map.of());
        }

        /** Per-site noise and guidance, the same guidance strength for every sample. */
        public Decoding(double outputNoise, double guidance, Map<String, Double> siteNoise, Map<String, Double> siteGuidance) {
            this(outputNoise, guidance, siteNoise, siteGuidance, 0);
        }

        /** Per-site noise and guidance with a spread of strengths, no condition guidance. */
        public Decoding(double outputNoise, double guidance, Map<String, Double> siteNoise, Map<String, Double> siteGuidance,
                        double guidanceSpread) {
            this(outputNoise, guidance, siteNoise, siteGuidance, guidanceSpread, Map.of());
        }

        private static void check(Double v, String what) {
            if (v == null || !(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be a number ≥ 0, was " + v);
            }
        }

        private static Map<String, Double> checkedSites(Map<String, Double> perSite, String what) {
            if (perSite == null) {
                return Map.of();
            }
            perSite.forEach((site, v) -> {
                checkSiteName(site, what);
                check(v, what + " of site " + site);
            });
            return Map.copyOf(perSite);
        }

        private static void checkSiteName(String site, String what) {
            if (site == null || site.isBlank()) {
                throw new IllegalArgumentException("site " + what + " names a blank site");
            }
        }

        private static Map<String, List<Double>> checkedStretch(Map<String, List<Double>> perSite) {
            if (perSite == null) {
                return Map.of();
            }
            Map<String, List<Double>> copy = new java.util.LinkedHashMap<>();
            perSite.forEach((site, factors) -> {
                checkSiteName(site, "stretch");
                if (factors == null || factors.isEmpty()) {
                    throw new IllegalArgumentException("site stretch of site " + site + " has no factor");
                }
                for (Double k : factors) {
                    if (k == null || !(k > 0) || !Double.isFinite(k)) {
                        throw new IllegalArgumentException("site stretch of site " + site + " must be numbers > 0, was " + factors);
                    }
                }
                copy.put(site, List.copyOf(factors));
            });
            return Map.copyOf(copy);
        }

        /** The stretch factor of value {@code j} (0-based) of a feature segment, 1 where its site has none. */
        double stretchOf(FeatureLayout.Segment segment, int j) {
            List<Double> k = siteStretch.get(siteOf(segment));
            return k == null ? 1 : k.get(k.size() == 1 ? 0 : j);
        }

        /** Whether any site is guided, through its output or its condition. */
        public boolean guided() {
            return guidance > 0 || siteGuidance.values().stream().anyMatch(w -> w > 0) || conditionGuided();
        }

        /** Whether any site is guided through the condition. */
        boolean conditionGuided() {
            return siteConditionGuidance.values().stream().anyMatch(w -> w > 0);
        }

        /** The condition guidance of a feature segment's site, 0 when it has none. */
        double conditionGuidanceOf(FeatureLayout.Segment segment) {
            return siteConditionGuidance.getOrDefault(siteOf(segment), 0.0);
        }

        /** The guidance of a feature segment: its site's own, else {@link #guidance}. */
        double guidanceOf(FeatureLayout.Segment segment) {
            return siteGuidance.getOrDefault(siteOf(segment), guidance);
        }

        /** Whether any site gets output noise. */
        public boolean noisy() {
            return outputNoise > 0 || siteNoise.values().stream().anyMatch(v -> v > 0);
        }

        /** The output noise of a feature segment: its site's own, else {@link #outputNoise}. */
        double noiseOf(FeatureLayout.Segment segment) {
            return siteNoise.getOrDefault(siteOf(segment), outputNoise);
        }

        /**
         * Checks that every site named by a per-site option is a site of {@code layout}, and that each stretched site
         * has one factor or one per value of its segment.
         */
        void checkSites(FeatureLayout layout) {
            java.util.Set<String> sites = new java.util.LinkedHashSet<>();
            layout.segments().forEach(seg -> sites.add(siteOf(seg)));
            for (FeatureLayout.Segment seg : layout.segments()) {
                List<Double> k = siteStretch.get(siteOf(seg));
                if (k != null && k.size() != 1 && k.size() != seg.length()) {
                    throw new IllegalArgumentException("site stretch of site " + siteOf(seg) + " has " + k.size()
                        + " factors; its segment has " + seg.length() + " values (give one factor or " + seg.length() + ")");
                }
            }
            Map<String, java.util.Set<String>> named = new java.util.LinkedHashMap<>();
            named.put("site output noise", siteNoise.keySet());
            named.put("site guidance", siteGuidance.keySet());
            named.put("site condition guidance", siteConditionGuidance.keySet());
            named.put("site stretch", siteStretch.keySet());
            named.forEach((option, keys) -> {
                for (String site : new java.util.TreeSet<>(keys)) {
                    if (!sites.contains(site)) {
                        throw new IllegalArgumentException(option + " names site '" + site + "'; the model's sites are " + String.join(", ", sites));
                    }
                }
            });
        }

        private static String siteOf(FeatureLayout.Segment segment) {
            int dot = segment.name().indexOf('.');
            return dot < 0 ? segment.name() : segment.name().substring(0, dot);
        }
    }

    /** As {@link #sample(GenerativeModel, long, String, double, long, int, int)} with a {@link Decoding}. */
    public static Stream<Candidate> sample(GenerativeModel model, long n, String condition, double temperature, Decoding decoding,
                                           long seed, int shard, int shards) {
        check(model, n, condition, temperature, shard, shards);
        if (decoding.guided() && model.conditioning().kind() != Conditioning.Kind.CLASS) {
            throw new IllegalArgumentException("guidance needs a class-conditioned model; this one is " + model.conditioning().describeKind());
        }
        NetworkRunner runner = new NetworkRunner(model.network());
        return sample(model, runner, n, condition, temperature, decoding, seed, shard, shards).onClose(runner::close);
    }

    /** The standard deviation of the Gaussian observation model whose evidence bound is Σ(x − x̂)² + β·KL: √(β/2). */
    public static double likelihoodSd(double beta) {
        return Math.sqrt(beta / 2);
    }

    /** As {@link #sample(GenerativeModel, long, String, double, long, int, int)} with a runner the caller owns. */
    public static Stream<Candidate> sample(GenerativeModel model, NetworkRunner runner, long n, String condition,
                                           double temperature, long seed, int shard, int shards) {
        return sample(model, runner, n, condition, temperature, Decoding.MEAN, seed, shard, shards);
    }

    private static Stream<Candidate> sample(GenerativeModel model, NetworkRunner runner, long n, String condition,
                                            double temperature, Decoding decoding, long seed, int shard, int shards) {
        check(model, n, condition, temperature, shard, shards);
        Featurizer f = model.featurizer();
        decoding.checkSites(f.layout());
        Spliterator<Candidate> split = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            long b = shard;
            LatentBatch batch;
            float[][] out = new float[0][];
            Candidate[] buffer = new Candidate[0];
            int ready; // rows of the batch featurized so far
            int pos;

            @Override
            public boolean tryAdvance(Consumer<? super Candidate> action) {
                while (pos >= ready) {
                    if (ready < buffer.length) {
                        // the batch's next rows only: a consumer that looks for a cancel between rows can stop within one
                        ready = featurize(f, batch, out, buffer, ready);
                        continue;
                    }
                    if (b >= batches(n)) {
                        return false;
                    }
                    batch = LatentBatch.make(model, condition, temperature, seed, b, batchRows(n, b));
                    out = outputs(model, f, runner, batch, decoding, seed);
                    buffer = new Candidate[out.length];
                    ready = 0;
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
        return decodeBatch(model, f, runner, batch, Decoding.MEAN, 0);
    }

    /**
     * As {@link #decodeBatch(GenerativeModel, Featurizer, NetworkRunner, LatentBatch)}, running {@code betweenChunks}
     * before each chunk of rows is featurized ({@link #featurizeChunk}): a job's cancel check, so that decoding 4,096
     * structures (half a minute on two cores) stops within a fraction of a second.
     */
    public static Candidate[] decodeBatch(GenerativeModel model, Featurizer f, NetworkRunner runner, LatentBatch batch,
                                          Runnable betweenChunks) {
        return decodeBatch(model, f, runner, batch, Decoding.MEAN, 0, betweenChunks);
    }

    /** The one decode of a batch: the network once, then the featurizer a chunk at a time, {@code betweenChunks} before each. */
    private static Candidate[] decodeBatch(GenerativeModel model, Featurizer f, NetworkRunner runner, LatentBatch batch,
                                           Decoding decoding, long seed, Runnable betweenChunks) {
        float[][] out = outputs(model, f, runner, batch, decoding, seed);
        Candidate[] c = new Candidate[out.length];
        for (int done = 0; done < c.length; ) {
            betweenChunks.run();
            done = featurize(f, batch, out, c, done);
        }
        return c;
    }

    /**
     * Rows featurized at a time: every core busy, and few enough that one chunk of structures (their Langevin decode
     * takes milliseconds a row) lasts well under a second, so a cancel between chunks stops the job at once and its
     * progress moves. Each row's decode depends on its row alone, so the chunks never change a candidate.
     */
    static int featurizeChunk() {
        return 16 * Runtime.getRuntime().availableProcessors();
    }

    /** Featurizes the next chunk of rows of {@code out} from {@code from} on, on all cores; returns where it stopped. */
    private static int featurize(Featurizer f, LatentBatch batch, float[][] out, Candidate[] c, int from) {
        int to = (int) Math.min(c.length, (long) from + featurizeChunk());
        // on all cores: a structure decode runs Langevin dynamics; each decode depends on its row only
        java.util.stream.IntStream.range(from, to).parallel()
            .forEach(i -> c[i] = f.decode(out[i]).withOrigin(batch.z()[i], batch.labels()[i]));
        return to;
    }

    /** Salt of the observation-noise stream, so that it differs from the latent stream of the same (seed, batch). */
    private static final long NOISE_SALT = 0x3C6EF372FE94F82BL;
    /** Salt of the guidance-spread stream, apart from the latent and noise streams of the same (seed, batch). */
    private static final long SPREAD_SALT = 0xA54FF53A5F1D36F1L;
    /** Salt of the condition-guidance spread stream, apart from the other streams of the same (seed, batch). */
    private static final long CONDITION_SPREAD_SALT = 0x510E527FADE682D1L;

    /** One sample's guidance multiplier, 1 + s·u with u uniform in [−1, 1] (1 without a spread, drawing nothing). */
    private static double spreadFactor(Decoding decoding, java.util.SplittableRandom spread) {
        return decoding.guidanceSpread() > 0 ? 1 + decoding.guidanceSpread() * (2 * spread.nextDouble() - 1) : 1;
    }

    /**
     * Replaces the outputs of the sites with condition guidance by dec(z, c + w·(c − c̄)), each sample's w
     * spread as {@link Decoding#guidanceSpread} says (one factor per sample, drawn from its own stream); the
     * decoder runs once per distinct strength.
     */
    private static void guideThroughCondition(Featurizer f, NetworkRunner runner, LatentBatch batch, Decoding decoding, long seed,
                                              float[] mean, float[][] out) {
        java.util.SplittableRandom spread = LatentBatch.random(seed ^ CONDITION_SPREAD_SALT, batch.index());
        double[] factor = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            factor[i] = spreadFactor(decoding, spread);
        }
        for (double w : new java.util.TreeSet<>(decoding.siteConditionGuidance().values())) {
            if (w <= 0) {
                continue;
            }
            float[][] moved = new float[out.length][];
            for (int i = 0; i < out.length; i++) {
                float[] c = batch.condition()[i];
                moved[i] = new float[c.length];
                for (int j = 0; j < c.length; j++) {
                    moved[i][j] = (float) (c[j] + w * factor[i] * (c[j] - mean[j]));
                }
            }
            float[][] beyond = runner.decode(batch.z(), moved);
            for (FeatureLayout.Segment seg : f.layout().segments()) {
                if (decoding.conditionGuidanceOf(seg) == w) {
                    for (int i = 0; i < out.length; i++) {
                        System.arraycopy(beyond[i], seg.offset(), out[i], seg.offset(), seg.length());
                    }
                }
            }
        }
    }

    /** Moves the stretched sites' output values away from their batch mean, as {@link Decoding#siteStretch} says. */
    private static void stretch(Featurizer f, Decoding decoding, float[][] out) {
        for (FeatureLayout.Segment seg : f.layout().segments()) {
            if (seg.kind() == FeatureLayout.Kind.CATEGORICAL) {
                continue;
            }
            for (int j = 0; j < seg.length(); j++) {
                double k = decoding.stretchOf(seg, j);
                if (k == 1) {
                    continue;
                }
                int col = seg.offset() + j;
                double mean = 0;
                for (float[] row : out) {
                    mean += row[col];
                }
                mean /= out.length;
                for (float[] row : out) {
                    row[col] = (float) (mean + k * (row[col] - mean));
                }
            }
        }
    }

    /**
     * Decodes one batch as {@code decoding} says; the noise of batch b depends only on (seed, b). The caller
     * checks the decoding against the model ({@link #sample(GenerativeModel, long, String, double, Decoding, long, int, int)}
     * does).
     */
    public static Candidate[] decodeBatch(GenerativeModel model, Featurizer f, NetworkRunner runner, LatentBatch batch,
                                          Decoding decoding, long seed) {
        return decodeBatch(model, f, runner, batch, decoding, seed, () -> { });
    }

    /** The network's outputs of one batch, decoded as {@code decoding} says (before the featurizer reads them). */
    private static float[][] outputs(GenerativeModel model, Featurizer f, NetworkRunner runner, LatentBatch batch,
                                     Decoding decoding, long seed) {
        if (batch.rows() == 0) {
            return new float[0][];
        }
        float[][] out = runner.decode(batch.z(), batch.condition());
        if (decoding.guided() && batch.condition() != null) {
            float[] mean = new float[model.conditioning().dimension()];
            java.util.Arrays.fill(mean, 1f / mean.length);
            if (decoding.conditionGuided()) {
                guideThroughCondition(f, runner, batch, decoding, seed, mean, out);
            }
            float[][] uncond = new float[out.length][];
            java.util.Arrays.fill(uncond, mean);
            float[][] base = runner.decode(batch.z(), uncond);
            java.util.SplittableRandom spread = LatentBatch.random(seed ^ SPREAD_SALT, batch.index());
            for (int i = 0; i < out.length; i++) {
                double factor = spreadFactor(decoding, spread);
                for (FeatureLayout.Segment seg : f.layout().segments()) {
                    float w = (float) (factor * decoding.guidanceOf(seg));
                    if (seg.kind() != FeatureLayout.Kind.CATEGORICAL && w > 0) {
                        for (int j = seg.offset(); j < seg.offset() + seg.length(); j++) {
                            out[i][j] += w * (out[i][j] - base[i][j]);
                        }
                    }
                }
            }
        }
        if (!decoding.siteStretch().isEmpty()) {
            stretch(f, decoding, out);
        }
        if (decoding.noisy()) {
            java.util.SplittableRandom rng = LatentBatch.random(seed ^ NOISE_SALT, batch.index());
            for (float[] row : out) {
                for (FeatureLayout.Segment seg : f.layout().segments()) {
                    if (seg.kind() != FeatureLayout.Kind.CATEGORICAL) {
                        double sd = decoding.noiseOf(seg);
                        // a draw for every value even where sd is 0, so one site's noise never shifts another's
                        for (int j = seg.offset(); j < seg.offset() + seg.length(); j++) {
                            row[j] += (float) (sd * rng.nextGaussian());
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Latent means of records under the encoder (VAE, VAE-GAN). {@code conditions} gives each row's
     * class label or property value for a conditional model (null for an unconditional one).
     *
     * @throws IllegalArgumentException naming the first row that cannot be encoded
     */
    public static float[][] encode(GenerativeModel model, List<CrystalRecord> rows, List<String> conditions) {
        if (!model.hasEncoder()) {
            throw new IllegalArgumentException("a " + model.family().displayName() + " model has no encoder; encoding needs a VAE or VAE-GAN");
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
        return interpolate(model, a, b, steps, condition, condition);
    }

    /**
     * {@code steps} candidates along the line from record {@code a} under {@code conditionA} to record {@code b} under
     * {@code conditionB} (both ends included): each end is encoded under its own condition, so the line starts and ends
     * at the two records' own encodings, and the latent vector and the condition vector move together from one end to
     * the other. A point's condition label is the property value at that point, the class when both ends have one, else
     * "A→B t" with t the share of the way to B (the ends: their own classes).
     */
    public static List<Candidate> interpolate(GenerativeModel model, CrystalRecord a, CrystalRecord b, int steps, String conditionA,
                                              String conditionB) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolation needs at least 2 steps, was " + steps);
        }
        Conditioning c = model.conditioning();
        boolean conditional = c.dimension() > 0;
        float[][] ends = encode(model, List.of(a, b), conditional ? java.util.Arrays.asList(conditionA, conditionB) : null);
        int latent = model.latentSize();
        float[][] z = new float[steps][latent];
        float[][] cond = conditional ? new float[steps][] : null;
        String[] labels = new String[steps];
        float[] va = conditional ? c.encode(conditionA) : null, vb = conditional ? c.encode(conditionB) : null;
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            for (int j = 0; j < latent; j++) {
                z[s][j] = (float) ((1 - t) * ends[0][j] + t * ends[1][j]);
            }
            if (conditional) {
                cond[s] = new float[va.length];
                for (int j = 0; j < va.length; j++) {
                    cond[s][j] = (float) ((1 - t) * va[j] + t * vb[j]);
                }
                labels[s] = interpolatedLabel(c, conditionA, conditionB, t);
            }
        }
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            return List.of(decodeBatch(model, model.featurizer(), runner, new LatentBatch(0, z, cond, labels)));
        }
    }

    /** The condition label of an interpolation point a share {@code t} of the way from A to B. */
    private static String interpolatedLabel(Conditioning c, String a, String b, double t) {
        if (a.trim().equals(b.trim()) || t == 0) {
            return a;
        }
        if (t == 1) {
            return b;
        }
        if (c.kind() == Conditioning.Kind.PROPERTY) {
            double x = (1 - t) * Double.parseDouble(a.trim()) + t * Double.parseDouble(b.trim());
            return Float.toString((float) x);
        }
        return a.trim() + "→" + b.trim() + String.format(java.util.Locale.ROOT, " %.2f", t);
    }
}
