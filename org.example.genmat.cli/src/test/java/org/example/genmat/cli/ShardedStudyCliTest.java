package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.sample.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study spread over K sample shards, as a scheduler's job array runs it, and merged by {@code genmat metrics}
 * and {@code genmat filter} over the shard files: every output is byte for byte the unsharded run's (metrics,
 * discovery curve, per-sample tags, element shares, valid and rejected tables).
 */
class ShardedStudyCliTest {

    @TempDir
    static Path dir;

    static Path training;
    static Path model;
    static final int K = 3;
    /** Three full batches and a partial one: shard 0 holds batches 0 and 3. */
    static final int N = 3 * Sampler.BATCH + 1000;

    @BeforeAll
    static void sampleAllAndInShards() throws Exception {
        training = dir.resolve("elpasolites.csv");
        TrainSampleCliTest.writeTrainingData(training, DefaultElpasolites.entries());
        model = dir.resolve("m.genmat");
        assertThat(TrainSampleCliTest.run("train", "--model", "vae", "--in", training.toString(), "--representation",
            "elpasolite", "--class-column", "halogen", "--steps", "60", "--batch", "64", "--hidden", "32", "--latent",
            "4", "--seed", "5", "--out", model.toString()).rc()).isZero();
        assertThat(TrainSampleCliTest.run("sample", "--model", model.toString(), "--n", Integer.toString(N), "--seed",
            "21", "--out", dir.resolve("all.csv").toString()).rc()).isZero();
        Files.createDirectories(dir.resolve("shards"));
        for (int k = 0; k < K; k++) {
            assertThat(TrainSampleCliTest.run("sample", "--model", model.toString(), "--n", Integer.toString(N),
                "--seed", "21", "--shard", k + "/" + K, "--out", shard(k).toString()).rc()).isZero();
        }
    }

    static Path shard(int k) {
        return dir.resolve("shards/samples-" + k + ".csv");
    }

    private static List<String> metrics(String out, String... generated) {
        List<String> args = new ArrayList<>(List.of("metrics", "--generated"));
        args.addAll(List.of(generated));
        args.addAll(List.of("--training", training.toString(), "--reference", training.toString(), "--prototype",
            "elpasolite", "--cutoffs", "0.2,4", "--emd-samples", "500", "--curve-every", "97",
            "--out", dir.resolve(out + "-metrics.csv").toString(), "--curve", dir.resolve(out + "-curve.csv").toString(),
            "--tags", dir.resolve(out + "-tags.csv").toString(), "--elements", dir.resolve(out + "-elements.csv").toString()));
        TrainSampleCliTest.Run r = TrainSampleCliTest.run(args.toArray(String[]::new));
        assertThat(r.rc()).as(r.err()).isZero();
        return List.of(out + "-metrics.csv", out + "-curve.csv", out + "-tags.csv", out + "-elements.csv");
    }

    @Test
    void kShardsMergedGiveTheUnshardedMetricsCurveAndTagsBitForBit() throws Exception {
        List<String> whole = metrics("whole", dir.resolve("all.csv").toString());
        List<String> merged = metrics("merged", dir.resolve("shards").toString() + "/samples-*.csv");
        for (int i = 0; i < whole.size(); i++) {
            assertThat(Files.readAllBytes(dir.resolve(merged.get(i)))).as(merged.get(i))
                .isEqualTo(Files.readAllBytes(dir.resolve(whole.get(i))));
        }
        assertThat(Files.readAllLines(dir.resolve("whole-tags.csv"))).hasSize(N + 1);
        assertThat(Files.readAllLines(dir.resolve("whole-curve.csv")).size()).isGreaterThan(100);
    }

    @Test
    void kShardsFilteredGiveTheUnshardedTables() throws Exception {
        for (String[] run : new String[][] {{"whole", dir.resolve("all.csv").toString()},
            {"merged", shard(0).toString(), shard(1).toString(), shard(2).toString()}}) {
            List<String> args = new ArrayList<>(List.of("filter", "--in"));
            args.addAll(List.of(run).subList(1, run.length));
            args.addAll(List.of("--prototype", "elpasolite", "--out-valid", dir.resolve(run[0] + "-valid.csv").toString(),
                "--out-invalid", dir.resolve(run[0] + "-invalid.csv").toString()));
            assertThat(TrainSampleCliTest.run(args.toArray(String[]::new)).rc()).isZero();
            // without the prototype the rows a sample could not decode are unreadable: their reason is the same in a shard
            List<String> plain = new ArrayList<>(List.of("filter", "--in"));
            plain.addAll(List.of(run).subList(1, run.length));
            plain.addAll(List.of("--out-valid", dir.resolve(run[0] + "-plain-valid.csv").toString(),
                "--out-invalid", dir.resolve(run[0] + "-plain-invalid.csv").toString()));
            assertThat(TrainSampleCliTest.run(plain.toArray(String[]::new)).rc()).isZero();
        }
        for (String t : List.of("-valid.csv", "-invalid.csv", "-plain-valid.csv", "-plain-invalid.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("merged" + t))).as(t).isEqualTo(Files.readAllBytes(dir.resolve("whole" + t)));
        }
        // rows that did not decode are there, with their note as the reason
        assertThat(Files.readString(dir.resolve("whole-plain-invalid.csv"))).as("undecoded rows are there")
            .contains("not decoded: site ").contains("names no element");
        assertThat(Files.readAllLines(dir.resolve("whole-valid.csv")).size()
            + Files.readAllLines(dir.resolve("whole-invalid.csv")).size()).isEqualTo(N + 2);
    }

    @Test
    void shardsInTheWrongOrderAreRefusedNamingTheFile() {
        TrainSampleCliTest.Run r = TrainSampleCliTest.run("metrics", "--generated", shard(2).toString(),
            shard(1).toString(), shard(0).toString(), "--training", training.toString(), "--out",
            dir.resolve("x.csv").toString());
        assertThat(r.rc()).isNotZero();
        assertThat(r.err()).contains(shard(2) + " is shard 2/3 but is given as shard 0; give the shards in shard order, 0..2");
    }

    @Test
    void eachShardRecordsItsRunInTheOriginColumnAndTheUnshardedOutputNothing() throws Exception {
        String model8 = org.example.genmat.core.model.GenerativeModel.load(model).sha256().substring(0, 8);
        List<String> lines = Files.readAllLines(shard(1));
        assertThat(lines.get(0)).startsWith("origin,");
        assertThat(lines.subList(1, lines.size())).hasSize(Sampler.BATCH).allSatisfy(l -> assertThat(l)
            .startsWith("\"shard 1/3 of seed 21, n " + N + ", model " + model8 + ", options "));
        List<String> whole = Files.readAllLines(dir.resolve("all.csv"));
        assertThat(whole.subList(1, whole.size())).hasSize(N).allSatisfy(l -> assertThat(l).startsWith("\"\","));
    }

    @Test
    void aShardOfAnotherSeedOrAMissingShardIsRefusedWithOneLine() throws Exception {
        Path seed22 = dir.resolve("seed22-1.csv");
        assertThat(TrainSampleCliTest.run("sample", "--model", model.toString(), "--n", Integer.toString(N), "--seed", "22",
            "--shard", "1/" + K, "--out", seed22.toString()).rc()).isZero();
        TrainSampleCliTest.Run mixed = TrainSampleCliTest.run("filter", "--in", shard(0).toString(), seed22.toString(),
            shard(2).toString(), "--out-valid", dir.resolve("mixed-valid.csv").toString(), "--out-invalid",
            dir.resolve("mixed-invalid.csv").toString());
        assertThat(mixed.rc()).isNotZero();
        assertThat(mixed.err()).isEqualTo("genmat filter: error: " + shard(0) + " and " + seed22
            + " are shards of different sampling runs (seed 21 vs seed 22)\n");
        assertThat(dir.resolve("mixed-valid.csv")).doesNotExist();
        TrainSampleCliTest.Run missing = TrainSampleCliTest.run("metrics", "--generated", shard(0).toString(),
            shard(2).toString(), "--training", training.toString(), "--out", dir.resolve("missing.csv").toString());
        assertThat(missing.rc()).isNotZero();
        assertThat(missing.err()).isEqualTo("genmat metrics: error: 2 files are given but " + shard(0) + " is shard 0/3 of"
            + " a run of 3 shards: shard 1/3 is missing; give the 3 shards in shard order\n");
    }
}
