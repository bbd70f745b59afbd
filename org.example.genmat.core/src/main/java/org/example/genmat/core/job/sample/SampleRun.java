package org.example.genmat.core.job.sample;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.Sampler;

/**
 * Which sampling run a shard belongs to and which shard it is: the {@code origin} cell of every row of
 * {@code genmat sample --shard k/K} (and Sample Latent with several shards), e.g.
 * {@code shard 1/4 of seed 7, n 100000, model 8e21b0c4, options 5be01c77}. The model is the first 8 hex digits of
 * {@link GenerativeModel#sha256()} (the model file's {@code sha256sum}); the options those of the SHA-256 of the
 * condition, temperature and decoding. A cell of the rows themselves, so it travels with the file wherever it is
 * copied, and the merge ({@code SampleRows.forEach}) can tell shards of different runs apart, a shard missing or out of
 * place. An unsharded run (K = 1) records nothing: its origin cells stay empty, as before this record existed.
 *
 * @param shard   k, 0-based
 * @param shards  K, at least 2
 * @param seed    the seed
 * @param samples n, the samples of the whole run
 * @param model   the model's digest (8 hex digits)
 * @param options the digest (8 hex digits) of everything else that shapes the stream
 */
public record SampleRun(int shard, int shards, long seed, long samples, String model, String options) {

    private static final Pattern CELL = Pattern.compile(
        "shard (\\d{1,9})/(\\d{1,9}) of seed (-?\\d{1,19}), n (\\d{1,19}), model ([0-9a-f]{8}), options ([0-9a-f]{8})");

    public SampleRun {
        if (shards < 2 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("a shard record needs k/K with 0 <= k < K and K >= 2, was " + shard + "/" + shards);
        }
    }

    /**
     * The record of a prior run sharded by {@code settings}; null when it is not sharded (K = 1), so that unsharded
     * output stays as it was.
     */
    public static SampleRun of(GenerativeModel model, SampleSettings settings) {
        if (settings.shards() < 2) {
            return null;
        }
        return new SampleRun(settings.shard(), settings.shards(), settings.seed(), settings.samples(),
            model.sha256().substring(0, 8), options(settings));
    }

    /** The digest of what shapes the stream besides model, seed, n and K. */
    private static String options(SampleSettings s) {
        StringBuilder text = new StringBuilder("mode=").append(s.mode()).append("\ncondition=")
            .append(s.condition() == null ? "" : s.condition()).append("\ntemperature=").append(s.temperature());
        // every component of the decoding, maps sorted by site: Map.copyOf's order changes from one JVM to the next
        for (RecordComponent c : Sampler.Decoding.class.getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(s.decoding());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            text.append('\n').append(c.getName()).append('=').append(v instanceof Map<?, ?> m ? new TreeMap<>(m) : v);
        }
        return sha256(text.toString()).substring(0, 8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record as written into the origin cell. */
    public String cell() {
        return "shard " + shard + "/" + shards + " of seed " + seed + ", n " + samples + ", model " + model + ", options " + options;
    }

    /** The record in an origin cell; null when the cell holds none (unsharded output, a file written before). */
    public static SampleRun parse(String cell) {
        Matcher m = cell == null ? null : CELL.matcher(cell.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        try {
            int k = Integer.parseInt(m.group(1)), kk = Integer.parseInt(m.group(2));
            if (kk < 2 || k >= kk) {
                return null;
            }
            return new SampleRun(k, kk, Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), m.group(5), m.group(6));
        } catch (NumberFormatException e) {
            return null; // digits beyond a long: not a record genmat wrote
        }
    }

    /** Whether {@code other} is a shard of the same run (any shard). */
    public boolean sameRun(SampleRun other) {
        return shards == other.shards && seed == other.seed && samples == other.samples && model.equals(other.model)
            && options.equals(other.options);
    }

    /** "k/K". */
    public String name() {
        return shard + "/" + shards;
    }

    /**
     * What differs between this run and {@code other}'s, in words: "seed 1 vs seed 2", "4 shards vs 3 shards", "model
     * 8e21b0c4 vs model 0c1d2e3f", "options (condition, temperature or decoding) 5be01c77 vs ..."; empty when the runs
     * are the same.
     */
    public String differences(SampleRun other) {
        List<String> d = new ArrayList<>();
        if (seed != other.seed) {
            d.add("seed " + seed + " vs seed " + other.seed);
        }
        if (samples != other.samples) {
            d.add("n " + samples + " vs n " + other.samples);
        }
        if (shards != other.shards) {
            d.add(shards + " shards vs " + other.shards + " shards");
        }
        if (!model.equals(other.model)) {
            d.add("model " + model + " vs model " + other.model);
        }
        if (!options.equals(other.options)) {
            d.add("condition, temperature or decoding differ (options " + options + " vs " + other.options + ")");
        }
        return String.join(", ", d);
    }
}
