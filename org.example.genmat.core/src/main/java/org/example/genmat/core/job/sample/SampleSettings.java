package org.example.genmat.core.job.sample;

import java.util.LinkedHashMap;
import java.util.Map;

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
    public static final NumberRange GUIDANCE_SPREAD = NumberRange.between("guidanceSpread", "the guidance spread", 0, 1);

    /** Prior: candidates drawn when a face is not told how many (Sample Latent's default, {@code genmat sample --n}). */
    public static final long DEFAULT_SAMPLES = 1000;
    /** Interpolate: points on the line when a face is not told how many, both ends included. */
    public static final int DEFAULT_STEPS = 10;
    // shard k of K: the whole stream by default
    public static final NumberRange SHARD = NumberRange.atLeast("shard", "the shard", 0);
    public static final NumberRange SHARDS = NumberRange.atLeast("shards", "the number of shards", 1);

    public SampleSettings {
        if (mode == null) {
            throw new SettingException("mode", "choose a mode: prior, interpolate, encode or decode");
        }
        SAMPLES.check(samples);
        STEPS.check(steps);
        TEMPERATURE.check(temperature);
        SHARDS.check(shards);
        SHARD.check(shard);
        if (shard >= shards) {
            throw new SettingException("shard", "the shard must be k/K with 0 <= k < K, was " + shard + "/" + shards);
        }
        FIRST_ROW.check(firstRow);
        SECOND_ROW.check(secondRow);
        condition = condition == null || condition.isBlank() ? null : condition.trim();
        decoding = decoding == null ? Sampler.Decoding.MEAN : decoding;
    }

    /**
     * The decoding with the per-site options the study's plans use (see {@link Sampler.Decoding}).
     *
     * @param outputNoise       standard deviation of the noise added to every decoded value (0: the mean)
     * @param guidance          class guidance weight of every site without its own
     * @param siteGuidance      class guidance of single sites, written {@code D=0.2, C=0} ({@link #siteValues});
     *                          blank: none
     * @param conditionGuidance guidance through the condition of single sites ({@code D=0.8}: the site decoded from
     *                          c + 0.8·(c − c̄)); blank: none
     * @param guidanceSpread    each sample's guidance (output and through the condition) multiplied by 1 + s·u, u
     *                          uniform in [−1, 1] per sample (0 to 1; 0: the set strength; 1: from none to twice it)
     * @return the decoding
     * @throws SettingException naming the setting when a value is negative, not a number or malformed
     */
    public static Sampler.Decoding decoding(double outputNoise, double guidance, String siteGuidance,
                                            String conditionGuidance, double guidanceSpread) {
        Map<String, Double> sites = siteValues("siteGuidance", siteGuidance);
        Map<String, Double> condition = siteValues("conditionGuidance", conditionGuidance);
        return new Sampler.Decoding(OUTPUT_NOISE.check(outputNoise), GUIDANCE.check(guidance), Map.of(), sites,
            GUIDANCE_SPREAD.check(guidanceSpread), condition);
    }

    /**
     * Per-site values written as text: {@code site=value} pairs separated by commas, e.g. {@code D=0.2, C=0}.
     *
     * @param setting the setting's name, for the message
     * @param text    the text; null or blank: no site
     * @return site → value, in the order written
     * @throws SettingException naming the setting and the pair when a pair is malformed, a site repeats or a value is
     *                          negative or not a finite number
     */
    public static Map<String, Double> siteValues(String setting, String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", -1);
            String site = kv[0].trim();
            if (kv.length != 2 || site.isEmpty() || kv[1].isBlank()) {
                throw new SettingException(setting, "write each site as site=value, e.g. D=0.2, C=0; '" + pair.trim()
                    + "' is not");
            }
            double v;
            try {
                v = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new SettingException(setting, "the value of site " + site + " must be a number, not '"
                    + kv[1].trim() + "'");
            }
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new SettingException(setting, "the value of site " + site + " must be a number >= 0, was " + v);
            }
            if (out.put(site, v) != null) {
                throw new SettingException(setting, "site " + site + " is given twice");
            }
        }
        return out;
    }

    public SampleSettings withDecoding(Sampler.Decoding d) {
        return new SampleSettings(mode, samples, steps, condition, temperature, seed, shard, shards, firstRow, secondRow, d);
    }

    /** Prior sampling of {@code samples} candidates, unsharded, unconditioned, temperature 1. */
    public static SampleSettings prior(long samples, long seed) {
        return new SampleSettings(SampleMode.PRIOR, samples, DEFAULT_STEPS, null, 1.0, seed, 0, 1, 1, 2,
            Sampler.Decoding.MEAN);
    }

    /**
     * @param mode a mode
     * @return what a face's count (e.g. {@code genmat sample --n}) means in that mode when not given: samples in
     *         prior mode, points on the line in interpolate mode; the modes that read their rows count nothing
     */
    public static long defaultCount(SampleMode mode) {
        return mode == SampleMode.INTERPOLATE ? DEFAULT_STEPS : DEFAULT_SAMPLES;
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
