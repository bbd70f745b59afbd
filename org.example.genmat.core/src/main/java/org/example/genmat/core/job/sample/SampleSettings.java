package org.example.genmat.core.job.sample;

import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.sample.Sampler;

/**
 * The settings of a sampling run, checked here once for both faces ({@code genmat sample}, Sample Latent); the
 * limits are the ones the dialog shows.
 *
 * @param mode          what to decode
 * @param samples       prior: number of samples, {@value #MIN_SAMPLES} to {@link #MAX_SAMPLES}
 * @param steps         interpolate: points on the line, both ends included, {@value #MIN_STEPS} to {@value #MAX_STEPS}
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

    public static final long MIN_SAMPLES = 0;
    /** Most samples one run draws (10^15; larger counts would overflow the batch arithmetic). */
    public static final long MAX_SAMPLES = Sampler.MAX_SAMPLES;
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 1_000_000;

    public SampleSettings {
        if (mode == null) {
            throw new SettingException("mode", "choose a mode: prior, interpolate, encode or decode");
        }
        if (samples < MIN_SAMPLES || samples > MAX_SAMPLES) {
            throw new SettingException("samples", "the number of samples must be from " + MIN_SAMPLES + " to " + MAX_SAMPLES
                + " (10^15), was " + samples);
        }
        if (steps < MIN_STEPS || steps > MAX_STEPS) {
            throw new SettingException("steps", "the interpolation points must be from " + MIN_STEPS + " to " + MAX_STEPS
                + ", was " + steps);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new SettingException("temperature", "the temperature must be a positive number, was " + temperature);
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new SettingException("shard", "the shard must be k/K with 0 <= k < K, was " + shard + "/" + shards);
        }
        if (firstRow < 1 || secondRow < 1) {
            throw new SettingException("firstRow", "interpolation rows are numbered from 1, was " + firstRow + "," + secondRow);
        }
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
        try {
            return new Sampler.Decoding(outputNoise, guidance);
        } catch (IllegalArgumentException e) {
            throw new SettingException(outputNoise >= 0 && Double.isFinite(outputNoise) ? "guidance" : "outputNoise",
                e.getMessage());
        }
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
