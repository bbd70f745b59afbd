package org.example.genmat.core.job.sample;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.sample.Sampler;

/**
 * The settings of a sampling run, checked here once for both faces ({@code genmat sample}, Sample Latent); the
 * limits are the ones the dialog shows.
 *
 * @param mode          what to decode
 * @param samples       prior: number of samples, {@link #SAMPLES}
 * @param steps         interpolate: points on the line, both ends included, {@link #STEPS}
 * @param condition     class label or property value for a conditional model; null or blank: class models draw
 *                      classes with the training frequencies, property models use the training mean (prior), input
 *                      rows use their own condition column when the table has it
 * @param temperature   prior: standard deviation of the latent prior, a positive number
 * @param seed          prior: random seed
 * @param shard         prior: shard k of {@code shards} of the seed's stream (0-based)
 * @param shards        prior: number of shards K, at least 1
 * @param firstRow      interpolate: the 1-based input row at the start of the line
 * @param secondRow     interpolate: the 1-based input row at the end of the line
 * @param decoding      prior: how a latent point is decoded (observation noise, class guidance, as the study and
 *                      {@code genmat demo} use them); null: {@link Sampler.Decoding#MEAN}, the decoder's mean
 */
public record SampleSettings(SampleMode mode, long samples, int steps, String condition, double temperature, long seed,
                             int shard, int shards, int firstRow, int secondRow, Sampler.Decoding decoding) {

    // the ranges of the numeric settings, shown by Sample Latent's dialog; at most 10^15 samples (Sampler.MAX_SAMPLES)
    public static final NumberRange SAMPLES = NumberRange.between("samples", "the number of samples", 0, Sampler.MAX_SAMPLES);
    public static final NumberRange STEPS = NumberRange.between("steps", "the interpolation points", 2, 1_000_000);
    public static final NumberRange TEMPERATURE = NumberRange.positive("temperature", "the temperature");
    public static final NumberRange FIRST_ROW = NumberRange.atLeast("firstRow", "the first interpolation row", 1);
    public static final NumberRange SECOND_ROW = NumberRange.atLeast("secondRow", "the second interpolation row", 1);
    public static final NumberRange OUTPUT_NOISE = NumberRange.atLeast("outputNoise", "the output noise", 0);
    public static final NumberRange GUIDANCE = NumberRange.atLeast("guidance", "the class guidance weight", 0);

    public SampleSettings {
        if (mode == null) {
            throw new SettingException("mode", "choose a mode: prior, interpolate, encode or decode");
        }
        SAMPLES.check(samples);
        STEPS.check(steps);
        TEMPERATURE.check(temperature);
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new SettingException("shard", "the shard must be k/K with 0 <= k < K, was " + shard + "/" + shards);
        }
        FIRST_ROW.check(firstRow);
        SECOND_ROW.check(secondRow);
        condition = condition == null || condition.isBlank() ? null : condition.trim();
        decoding = decoding == null ? Sampler.Decoding.MEAN : decoding;
    }

    /**
     * @param outputNoise standard deviation of Gaussian noise added to every continuous output value (0: the
     *                    decoder's mean)
     * @param guidance    class guidance weight (0: none; needs a class-conditioned model)
     * @return the decoding
     * @throws SettingException when a value is negative or not a number
     */
    public static Sampler.Decoding decoding(double outputNoise, double guidance) {
        return new Sampler.Decoding(OUTPUT_NOISE.check(outputNoise), GUIDANCE.check(guidance));
    }

    public SampleSettings withDecoding(Sampler.Decoding d) {
        return new SampleSettings(mode, samples, steps, condition, temperature, seed, shard, shards, firstRow, secondRow, d);
    }

    /** Prior sampling of {@code samples} candidates, unsharded, unconditioned, temperature 1. */
    public static SampleSettings prior(long samples, long seed) {
        return new SampleSettings(SampleMode.PRIOR, samples, 10, null, 1.0, seed, 0, 1, 1, 2, Sampler.Decoding.MEAN);
    }

    public SampleSettings withMode(SampleMode m) {
        return new SampleSettings(m, samples, steps, condition, temperature, seed, shard, shards, firstRow, secondRow, decoding);
    }

    public SampleSettings withCondition(String c) {
        return new SampleSettings(mode, samples, steps, c, temperature, seed, shard, shards, firstRow, secondRow, decoding);
    }

    public SampleSettings withTemperature(double t) {
        return new SampleSettings(mode, samples, steps, condition, t, seed, shard, shards, firstRow, secondRow, decoding);
    }

    public SampleSettings withSteps(int s) {
        return new SampleSettings(mode, samples, s, condition, temperature, seed, shard, shards, firstRow, secondRow, decoding);
    }

    public SampleSettings withShard(int k, int kk) {
        return new SampleSettings(mode, samples, steps, condition, temperature, seed, k, kk, firstRow, secondRow, decoding);
    }

    public SampleSettings withRows(int first, int second) {
        return new SampleSettings(mode, samples, steps, condition, temperature, seed, shard, shards, first, second, decoding);
    }

    /** Parses {@code k/K}, e.g. {@code 0/4}. */
    public static int[] parseShard(String s) {
        String[] p = s == null ? new String[0] : s.trim().split("/");
        try {
            if (p.length == 2) {
                int k = Integer.parseInt(p[0].trim()), kk = Integer.parseInt(p[1].trim());
                if (kk >= 1 && k >= 0 && k < kk) {
                    return new int[] {k, kk};
                }
            }
        } catch (NumberFormatException ignored) {
            // the message below says what is expected
        }
        throw new SettingException("shard", "the shard must be k/K with 0 <= k < K, e.g. 0/4; was '" + s + "'");
    }
}
