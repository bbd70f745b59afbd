package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.CsvRowSink;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.sample.CandidateTable;
import org.example.genmat.core.job.sample.SampleJob;
import org.example.genmat.core.job.sample.SampleRun;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard files written by the sample job record their run and shard in the origin column, and the merge
 * ({@link SampleRows#forEach(List, String, java.util.function.Consumer, java.util.function.Consumer)}) refuses files
 * that are not the shards of one run; files without the record are read as before.
 */
class ShardedRunsTest {

    /** Three batches: with K = 2 shard 0 holds batches 0 and 2, shard 1 batch 1. */
    static final long N = 2L * Sampler.BATCH + 10;

    @TempDir
    static Path dir;

    static GenerativeModel model;
    static GenerativeModel otherModel;

    @BeforeAll
    static void train() {
        model = train(1);
        otherModel = train(2);
    }

    private static GenerativeModel train(long seed) {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(16)).batchSize(32).steps(2)
            .seed(seed).build();
        return ModelTrainer.train("t", DefaultElpasolites.rows(), new ModelTrainer.Request(ModelFamily.VAE, "elpasolite",
            Featurizers.Options.defaults(), "halogen", null, s, Map.of()), JobMonitor.NONE, null, null);
    }

    /** Runs the sample job as {@code genmat sample} does and writes its table to {@code name}. */
    static Path sample(String name, GenerativeModel m, SampleSettings s) throws Exception {
        Path out = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(out); CsvRowSink sink = new CsvRowSink(w, CandidateTable.of(m).schema())) {
            SampleJob.prior(m, s, sink, JobMonitor.NONE);
        }
        return out;
    }

    static SampleSettings run(long n, long seed, int k, int shards) {
        return SampleSettings.prior(n, seed).withCondition("Cl").withShard(k, shards);
    }

    private static List<Map<String, String>> read(Path... files) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(files), null, r -> rows.add(r.columns()), w -> { });
        return rows;
    }

    private static void refused(String message, Path... files) {
        assertThatThrownBy(() -> read(files)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void shardsOfOneRunRecordItAndAreReadAsTheUnshardedRun() throws Exception {
        Path whole = sample("whole.csv", model, run(N, 7, 0, 1));
        Path s0 = sample("one-0.csv", model, run(N, 7, 0, 2));
        Path s1 = sample("one-1.csv", model, run(N, 7, 1, 2));
        String record = "shard 1/2 of seed 7, n " + N + ", model " + model.sha256().substring(0, 8) + ", options ";
        assertThat(Files.readAllLines(s1).subList(1, Sampler.BATCH + 1)).allSatisfy(line -> assertThat(line)
            .startsWith("\"" + record));
        assertThat(Files.readAllLines(whole).subList(1, (int) N + 1)).as("unsharded rows record nothing, as before")
            .allSatisfy(line -> assertThat(line).startsWith("\"\","));
        List<Map<String, String>> merged = read(s0, s1);
        assertThat(merged).hasSize((int) N).isEqualTo(read(whole));
        assertThat(merged).allSatisfy(r -> assertThat(r.get("origin")).isEmpty());
    }

    @Test
    void theModelDigestIsTheSavedFilesAndTheRecordReadsBack() throws Exception {
        Path file = dir.resolve("m.genmat");
        model.save(file);
        assertThat(model.sha256()).isEqualTo(org.example.genmat.core.model.ModelArchive.sha256(Files.readAllBytes(file)))
            .isEqualTo(GenerativeModel.load(file).sha256()).isNotEqualTo(otherModel.sha256());
        SampleRun r = SampleRun.of(model, run(N, -3, 2, 5));
        assertThat(SampleRun.parse(r.cell())).isEqualTo(r);
        assertThat(r.cell()).matches("shard 2/5 of seed -3, n 8202, model [0-9a-f]{8}, options [0-9a-f]{8}");
        assertThat(SampleRun.of(model, run(N, 7, 0, 1))).as("unsharded: no record").isNull();
        for (String cell : new String[] {"", "in.csv#row 3", "Sample1 → Sample2", "shard 2/2 of seed 1, n 5, model"
            + " 0123abcd, options 0123abcd", r.cell() + " x"}) {
            assertThat(SampleRun.parse(cell)).as(cell).isNull();
        }
        // the options digest does not follow a map's iteration order, which changes from one JVM to the next
        // (Map.copyOf): fixed for the settings, so that shards sampled on different machines agree
        Sampler.Decoding sites = new Sampler.Decoding(0.4, 0, Map.of(), Map.of("A", 0.1, "B", 0.2, "C", 0.3, "D", 0.4), 1,
            Map.of("D", 0.8, "C", 0.5));
        assertThat(SampleRun.of(model, run(N, 7, 0, 2).withDecoding(sites)).options()).isEqualTo("f99ba329");
        assertThat(SampleRun.of(model, run(N, 7, 0, 2)).options()).isNotEqualTo("f99ba329");
    }

    @Test
    void shardsOfDifferentRunsAreRefusedSayingWhatDiffers() throws Exception {
        Path s0 = sample("r-0.csv", model, run(N, 7, 0, 2));
        Path seed8 = sample("seed8-1.csv", model, run(N, 8, 1, 2));
        refused(s0 + " and " + seed8 + " are shards of different sampling runs (seed 7 vs seed 8)", s0, seed8);
        Path moreRows = sample("n-1.csv", model, run(N + Sampler.BATCH, 7, 1, 2));
        refused(s0 + " and " + moreRows + " are shards of different sampling runs (n " + N + " vs n " + (N + Sampler.BATCH)
            + ")", s0, moreRows);
        Path otherK = sample("k3-1.csv", model, run(N, 7, 1, 3));
        refused(s0 + " and " + otherK + " are shards of different sampling runs (2 shards vs 3 shards)", s0, otherK);
        Path other = sample("other-1.csv", otherModel, run(N, 7, 1, 2));
        refused(s0 + " and " + other + " are shards of different sampling runs (model " + model.sha256().substring(0, 8)
            + " vs model " + otherModel.sha256().substring(0, 8) + ")", s0, other);
        Path br = sample("br-1.csv", model, run(N, 7, 1, 2).withCondition("Br"));
        assertThatThrownBy(() -> read(s0, br)).hasMessageStartingWith(s0 + " and " + br
            + " are shards of different sampling runs (condition, temperature or decoding differ (options ");
    }

    @Test
    void aMissingShardAShardGivenTwiceAndShardsOutOfOrderAreRefused() throws Exception {
        Path[] s = new Path[3];
        for (int k = 0; k < 3; k++) {
            s[k] = sample("three-" + k + ".csv", model, run(N, 7, k, 3));
        }
        refused("2 files are given but " + s[0] + " is shard 0/3 of a run of 3 shards: shard 1/3 is missing; give the 3"
            + " shards in shard order", s[0], s[2]);
        Path copy = Files.copy(s[1], dir.resolve("copy-of-1.csv"));
        refused(s[1] + " and " + copy + " are both shard 1/3 of one sampling run; give each shard once", s[0], s[1], copy);
        refused(s[2] + " is shard 2/3 but is given as shard 1; give the shards in shard order, 0..2", s[0], s[2], s[1]);
        assertThat(read(s)).hasSize((int) N);
    }

    @Test
    void aShardCutShortOrAddedToInsideItsLastBatchIsRefusedByItsCount() throws Exception {
        Path s0 = sample("cut-0.csv", model, run(N, 7, 0, 3));
        Path s1 = sample("cut-1.csv", model, run(N, 7, 1, 3));
        Path s2 = sample("cut-2.csv", model, run(N, 7, 2, 3));
        assertThat(read(s0, s1, s2)).hasSize((int) N);
        long[] rows = new long[3];
        for (int k = 0; k < 3; k++) {
            rows[k] = Files.readAllLines(new Path[] {s0, s1, s2}[k]).size() - 1;
        }
        // the shard that holds the stream's last batch, cut by 7 rows: no batch rule can tell, its count does
        int last = (int) (((N + Sampler.BATCH - 1) / Sampler.BATCH - 1) % 3);
        Path lastFile = new Path[] {s0, s1, s2}[last];
        List<String> lines = Files.readAllLines(lastFile);
        Path cut = Files.write(dir.resolve("cut-short.csv"), lines.subList(0, lines.size() - 7));
        Path[] withCut = {s0, s1, s2};
        withCut[last] = cut;
        refused(String.format(java.util.Locale.ROOT, "%s holds %,d rows, but shard %d/3 of a run of n %,d holds %,d: the file was"
            + " cut short or added to; sample the shard again", cut, rows[last] - 7, last, N, rows[last]), withCut);
        // and a row repeated at its end
        List<String> padded = new ArrayList<>(lines);
        padded.add(lines.get(lines.size() - 1));
        withCut[last] = Files.write(dir.resolve("added-to.csv"), padded);
        assertThatThrownBy(() -> read(withCut)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("holds " + String.format(java.util.Locale.ROOT, "%,d", rows[last] + 1) + " rows");
    }

    @Test
    void aRowOfAnotherShardInAShardFileIsRefusedNamingItsLine() throws Exception {
        Path s0 = sample("cat-0.csv", model, run(N, 7, 0, 2));
        Path s1 = sample("cat-1.csv", model, run(N, 7, 1, 2));
        List<String> lines = new ArrayList<>(Files.readAllLines(s1));
        lines.add(Files.readAllLines(s0).get(1)); // a row of shard 0 appended to shard 1
        Files.write(s1, lines);
        assertThatThrownBy(() -> read(s0, s1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(s1 + ": line " + lines.size() + ": origin 'shard 0/2 of seed 7")
            .hasMessageContaining("is not 'shard 1/2 of seed 7");
    }

    @Test
    void filesWithoutTheRecordAreReadAsBeforeButNotMixedWithShardsThatHaveIt() throws Exception {
        Path whole = sample("old-whole.csv", model, run(N, 7, 0, 1));
        Path s0 = sample("old-0.csv", model, run(N, 7, 0, 2));
        Path s1 = sample("old-1.csv", model, run(N, 7, 1, 2));
        // the shards as genmat wrote them before it recorded the run: origin empty
        Path old0 = withoutRecord(s0), old1 = withoutRecord(s1);
        assertThat(read(old0, old1)).isEqualTo(read(whole));
        refused(s0 + " is shard 0/2 of a sampling run (its origin column says so) but " + old1 + " records no run (an"
            + " unsharded output, or written before genmat recorded it); give the shards of one genmat sample --shard run",
            s0, old1);
        // a shard without a batch (n below K batches) has no rows: nothing to check, as before
        Path few0 = sample("few-0.csv", model, run(100, 7, 0, 2));
        Path few1 = sample("few-1.csv", model, run(100, 7, 1, 2));
        assertThat(Files.readAllLines(few1)).hasSize(1);
        assertThat(read(few0, few1)).isEqualTo(read(sample("few.csv", model, run(100, 7, 0, 1))));
    }

    private static Path withoutRecord(Path shard) throws Exception {
        List<String> lines = Files.readAllLines(shard);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String l : lines.subList(1, lines.size())) {
            out.add("\"\"" + l.substring(l.indexOf("\",") + 1));
        }
        return Files.write(dir.resolve("pre-" + shard.getFileName()), out);
    }
}
