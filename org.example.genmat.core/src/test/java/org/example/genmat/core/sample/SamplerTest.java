package org.example.genmat.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.TestModels;
import org.example.genmat.core.inference.NetworkRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplerTest {

    static GenerativeModel model;
    static final long N = 2 * Sampler.BATCH + 1808; // three batches, the last one partial

    @BeforeAll
    static void train() throws Exception {
        model = TestModels.classConditionedVae();
    }

    static List<Candidate> sample(long n, String cond, long seed, int shard, int shards) {
        try (Stream<Candidate> s = Sampler.sample(model, n, cond, 1.0, seed, shard, shards)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void sameSeedGivesTheSameStreamAndAnotherSeedDoesNot() {
        List<Candidate> a = sample(N, null, 5, 0, 1);
        assertThat(a).hasSize((int) N);
        assertThat(sample(N, null, 5, 0, 1)).isEqualTo(a);
        List<Candidate> other = sample(N, null, 6, 0, 1);
        assertThat(other.get(0).latent()).isNotEqualTo(a.get(0).latent());
        // classes drawn from the training frequencies (150 each)
        assertThat(a.stream().map(Candidate::condition).distinct()).containsExactlyInAnyOrder("Br", "Cl", "F", "I");
        assertThat(a.stream().filter(Candidate::clean).count()).as("clean decodes").isGreaterThan(N / 2);
    }

    static List<Candidate> sample(long n, String cond, Sampler.Decoding decoding, long seed) {
        try (Stream<Candidate> s = Sampler.sample(model, n, cond, 1.0, decoding, seed, 0, 1)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void observationNoiseAndGuidanceAreSeededAndChangeTheDecodedStream() {
        List<Candidate> mean = sample(N, "Cl", Sampler.Decoding.MEAN, 3);
        assertThat(mean).isEqualTo(sample(N, "Cl", 3, 0, 1));
        Sampler.Decoding noisy = new Sampler.Decoding(0.2, 0);
        List<Candidate> a = sample(N, "Cl", noisy, 3);
        assertThat(sample(N, "Cl", noisy, 3)).as("same seed, same noise").isEqualTo(a);
        // the latent vectors are those of the mean stream; only the decoded sites move
        assertThat(a.get(0).latent()).isEqualTo(mean.get(0).latent());
        long differentSites = java.util.stream.IntStream.range(0, (int) N)
            .filter(i -> !a.get(i).sites().equals(mean.get(i).sites())).count();
        assertThat(differentSites).isGreaterThan(N / 20).isLessThan(N);
        List<Candidate> guided = sample(N, "Cl", new Sampler.Decoding(0, 1.0), 3);
        assertThat(guided.stream().filter(c -> !c.sites().equals(mean.get(guided.indexOf(c)).sites())).count()).isPositive();
        assertThatThrownBy(() -> new Sampler.Decoding(-0.1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise");
        assertThatThrownBy(() -> new Sampler.Decoding(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("guidance");
    }

    @Test
    void siteGuidanceMovesOnlyItsSiteAndEqualsGlobalGuidanceWhenEverySiteHasIt() {
        List<Candidate> mean = sample(N, "Cl", Sampler.Decoding.MEAN, 3);
        List<Candidate> onD = sample(N, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of("D", 2.0)), 3);
        long movedD = 0;
        for (int i = 0; i < N; i++) {
            for (String site : List.of("A", "B", "C")) {
                assertThat(onD.get(i).sites().get(site)).as("row %d site %s", i, site).isEqualTo(mean.get(i).sites().get(site));
            }
            if (!java.util.Objects.equals(onD.get(i).sites().get("D"), mean.get(i).sites().get("D"))) {
                movedD++;
            }
        }
        assertThat(movedD).as("D decodes moved by its guidance").isPositive();
        java.util.Map<String, Double> everySite = java.util.Map.of("A", 1.0, "B", 1.0, "C", 1.0, "D", 1.0);
        assertThat(sample(N, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), everySite), 3)).isEqualTo(sample(N, "Cl", new Sampler.Decoding(0, 1.0), 3));
        assertThatThrownBy(() -> sample(10, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of("X", 1.0)), 3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X'").hasMessageContaining("A, B, C, D");
        assertThatThrownBy(() -> new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of("D", -1.0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site D");
    }

    @Test
    void guidanceSpreadDrawsEachSamplesStrengthBetweenNoneAndTwiceTheGuidance() {
        java.util.Map<String, Double> onD = java.util.Map.of("D", 1.0);
        List<Candidate> mean = sample(N, "Cl", Sampler.Decoding.MEAN, 3);
        List<Candidate> fixed = sample(N, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), onD), 3);
        assertThat(sample(N, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), onD, 0), 3)).as("spread 0").isEqualTo(fixed);
        Sampler.Decoding spread = new Sampler.Decoding(0, 0, java.util.Map.of(), onD, 1);
        List<Candidate> a = sample(N, "Cl", spread, 3);
        assertThat(sample(N, "Cl", spread, 3)).as("same seed, same spread").isEqualTo(a);
        assertThat(a.get(0).latent()).isEqualTo(fixed.get(0).latent());
        long backToMean = 0;
        long beyondFixed = 0;
        for (int i = 0; i < N; i++) {
            for (String site : List.of("A", "B", "C")) {
                assertThat(a.get(i).sites().get(site)).as("row %d site %s", i, site).isEqualTo(mean.get(i).sites().get(site));
            }
            boolean fixedMoved = !java.util.Objects.equals(fixed.get(i).sites().get("D"), mean.get(i).sites().get("D"));
            boolean spreadMoved = !java.util.Objects.equals(a.get(i).sites().get("D"), mean.get(i).sites().get("D"));
            if (fixedMoved && !spreadMoved) {
                backToMean++;
            }
            if (!fixedMoved && spreadMoved) {
                beyondFixed++;
            }
        }
        assertThat(backToMean).as("rows drawn a weaker guidance than the fixed one").isPositive();
        assertThat(beyondFixed).as("rows drawn a stronger guidance than the fixed one").isPositive();
        assertThatThrownBy(() -> new Sampler.Decoding(0, 0.1, java.util.Map.of(), java.util.Map.of(), 1.5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guidance spread must be from 0 to 1");
        assertThatThrownBy(() -> new Sampler.Decoding(0, 0.1, java.util.Map.of(), java.util.Map.of(), -0.5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guidance spread");
    }

    @Test
    void conditionGuidanceDecodesItsSitesFromTheClassVectorMovedBeyondItsClass() {
        double w = 1.5;
        Sampler.Decoding onD = new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of("D", w));
        LatentBatch batch = LatentBatch.make(model, "Cl", 1.0, 3, 0, 500);
        float[][] moved = new float[batch.rows()][];
        for (int i = 0; i < moved.length; i++) {
            float[] c = batch.condition()[i];
            moved[i] = new float[c.length];
            for (int j = 0; j < c.length; j++) {
                moved[i][j] = (float) (c[j] + w * (c[j] - 1.0 / c.length)); // c̄: every class 1/K
            }
        }
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            Candidate[] plain = Sampler.decodeBatch(model, model.featurizer(), runner, batch, Sampler.Decoding.MEAN, 3);
            Candidate[] guided = Sampler.decodeBatch(model, model.featurizer(), runner, batch, onD, 3);
            Candidate[] beyond = Sampler.decodeBatch(model, model.featurizer(), runner,
                new LatentBatch(batch.index(), batch.z(), moved, batch.labels()), Sampler.Decoding.MEAN, 3);
            long movedD = 0;
            for (int i = 0; i < batch.rows(); i++) {
                assertThat(guided[i].sites().get("D")).as("row %d D from the moved condition", i).isEqualTo(beyond[i].sites().get("D"));
                for (String site : List.of("A", "B", "C")) {
                    assertThat(guided[i].sites().get(site)).as("row %d site %s", i, site).isEqualTo(plain[i].sites().get(site));
                }
                if (!java.util.Objects.equals(guided[i].sites().get("D"), plain[i].sites().get("D"))) {
                    movedD++;
                }
            }
            assertThat(movedD).as("rows whose D the condition guidance changed").isPositive();
            // with a spread, each row's strength lies between none and twice w: the D of some rows stays, of others moves further
            Sampler.Decoding spread = new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 1, java.util.Map.of("D", w));
            Candidate[] a = Sampler.decodeBatch(model, model.featurizer(), runner, batch, spread, 3);
            assertThat(Sampler.decodeBatch(model, model.featurizer(), runner, batch, spread, 3)).as("same seed").isEqualTo(a);
            assertThat(java.util.stream.IntStream.range(0, batch.rows())
                .filter(i -> !java.util.Objects.equals(a[i].sites().get("D"), guided[i].sites().get("D"))).count()).isPositive();
        }
        assertThatThrownBy(() -> sample(10, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0,
            java.util.Map.of("Q", 0.5)), 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("site condition guidance names site 'Q'");
        assertThatThrownBy(() -> new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of("D", -0.5)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("condition guidance of site D");
    }

    @Test
    void stretchMovesItsSitesOutputsAwayFromTheirBatchMeanAndLeavesTheOtherSites() {
        double k = 2.0;
        Sampler.Decoding stretchD = new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of(),
            java.util.Map.of("D", List.of(k, 1.0)));
        LatentBatch batch = LatentBatch.make(model, "Cl", 1.0, 3, 0, 500);
        org.example.genmat.core.featurize.FeatureLayout.Segment d = model.featurizer().layout().segments().stream()
            .filter(seg -> seg.name().equals("D") || seg.name().startsWith("D.")).findFirst().orElseThrow();
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            float[][] out = runner.decode(batch.z(), batch.condition());
            double mean = 0;
            for (float[] row : out) {
                mean += row[d.offset()];
            }
            mean /= out.length;
            Candidate[] plain = Sampler.decodeBatch(model, model.featurizer(), runner, batch, Sampler.Decoding.MEAN, 3);
            Candidate[] stretched = Sampler.decodeBatch(model, model.featurizer(), runner, batch, stretchD, 3);
            long movedD = 0;
            for (int i = 0; i < batch.rows(); i++) {
                float[] expected = out[i].clone();
                // the first value (period) moved k times as far from the batch mean, the second (group) as it was
                expected[d.offset()] = (float) (mean + k * (out[i][d.offset()] - mean));
                assertThat(stretched[i]).as("row %d", i)
                    .isEqualTo(model.featurizer().decode(expected).withOrigin(batch.z()[i], batch.labels()[i]));
                for (String site : List.of("A", "B", "C")) {
                    assertThat(stretched[i].sites().get(site)).as("row %d site %s", i, site).isEqualTo(plain[i].sites().get(site));
                }
                if (!java.util.Objects.equals(stretched[i].sites().get("D"), plain[i].sites().get("D"))) {
                    movedD++;
                }
            }
            assertThat(movedD).as("rows whose D the stretch changed").isPositive();
        }
        assertThatThrownBy(() -> sample(10, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of(),
            java.util.Map.of("Q", List.of(1.5))), 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("site stretch names site 'Q'");
        assertThatThrownBy(() -> sample(10, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of(),
            java.util.Map.of("D", List.of(1.5, 1.0, 1.0))), 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("site stretch of site D has 3 factors");
        assertThatThrownBy(() -> new Sampler.Decoding(0, 0, java.util.Map.of(), java.util.Map.of(), 0, java.util.Map.of(),
            java.util.Map.of("D", List.of(0.0)))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("site stretch of site D must be numbers > 0");
    }

    @Test
    void siteNoiseMovesOnlyItsSiteAndLeavesTheOtherSitesNoiseAsItWas() {
        List<Candidate> mean = sample(N, "Cl", Sampler.Decoding.MEAN, 3);
        List<Candidate> noisyD = sample(N, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of("D", 0.3), java.util.Map.of()), 3);
        List<Candidate> quietD = sample(N, "Cl", new Sampler.Decoding(0.3, 0, java.util.Map.of("D", 0.0), java.util.Map.of()), 3);
        List<Candidate> everywhere = sample(N, "Cl", new Sampler.Decoding(0.3, 0), 3);
        long movedD = 0;
        for (int i = 0; i < N; i++) {
            for (String site : List.of("A", "B", "C")) {
                assertThat(noisyD.get(i).sites().get(site)).as("row %d site %s", i, site).isEqualTo(mean.get(i).sites().get(site));
                // the same noise draws as with noise on every site
                assertThat(quietD.get(i).sites().get(site)).as("row %d site %s", i, site).isEqualTo(everywhere.get(i).sites().get(site));
            }
            assertThat(quietD.get(i).sites().get("D")).as("row %d site D", i).isEqualTo(mean.get(i).sites().get("D"));
            assertThat(noisyD.get(i).sites().get("D")).as("row %d site D", i).isEqualTo(everywhere.get(i).sites().get("D"));
            if (!java.util.Objects.equals(noisyD.get(i).sites().get("D"), mean.get(i).sites().get("D"))) {
                movedD++;
            }
        }
        assertThat(movedD).as("D decodes moved by its noise").isPositive();
        assertThatThrownBy(() -> sample(10, "Cl", new Sampler.Decoding(0, 0, java.util.Map.of("E", 0.1), java.util.Map.of()), 3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output noise names site 'E'");
    }

    @Test
    void theShardsOfASeedAreDisjointAndTogetherGiveTheWholeStream() {
        List<Candidate> all = sample(N, "Cl", 7, 0, 1);
        for (int shards : new int[] {2, 3, 5}) {
            List<List<Candidate>> parts = new ArrayList<>();
            long total = 0;
            for (int k = 0; k < shards; k++) {
                parts.add(sample(N, "Cl", 7, k, shards));
                total += parts.get(k).size();
            }
            assertThat(total).isEqualTo(N);
            // batch b of the stream is in shard b mod K, in order
            List<Candidate> merged = new ArrayList<>();
            int[] pos = new int[shards];
            for (long b = 0; b < Sampler.batches(N); b++) {
                int k = (int) (b % shards);
                int rows = Sampler.batchRows(N, b);
                merged.addAll(parts.get(k).subList(pos[k], pos[k] + rows));
                pos[k] += rows;
            }
            assertThat(merged).as(shards + " shards").isEqualTo(all);
        }
        assertThat(sample(N, "Cl", 7, 1, 2)).isEqualTo(sample(N, "Cl", 7, 1, 2));
    }

    @Test
    void streamsAreLazyAndConditionsAreChecked() {
        try (Stream<Candidate> s = Sampler.sample(model, 1_000_000_000_000L, "I", 0.5, 1, 0, 1)) {
            List<Candidate> first = s.limit(10).collect(Collectors.toList());
            assertThat(first).hasSize(10).allMatch(c -> c.condition().equals("I") && c.latent().length == 8);
        }
        assertThatThrownBy(() -> Sampler.sample(model, 10, "At", 1, 1, 0, 1)).hasMessageContaining("unknown class 'At'")
            .hasMessageContaining("Br, Cl, F, I");
        assertThatThrownBy(() -> Sampler.sample(model, 10, null, 1, 1, 2, 2)).hasMessageContaining("k/K");
        assertThatThrownBy(() -> Sampler.sample(model, 10, null, 0, 1, 0, 1)).hasMessageContaining("temperature");
        assertThat(sample(0, null, 1, 0, 1)).isEmpty();
    }

    @Test
    void interpolationRunsBetweenTheEncodedEnds() {
        CrystalRecord a = DefaultElpasolites.rows().get(0).record();
        CrystalRecord b = DefaultElpasolites.rows().get(149).record();
        List<Candidate> path = Sampler.interpolate(model, a, b, 6, "F");
        assertThat(path).hasSize(6);
        float[][] ends = Sampler.encode(model, List.of(a, b), List.of("F", "F"));
        assertThat(path.get(0).latent()).containsExactly(ends[0]);
        assertThat(path.get(5).latent()).containsExactly(ends[1]);
        assertThat(path).allMatch(c -> "F".equals(c.condition()));
        assertThatThrownBy(() -> Sampler.encode(model, List.of(CrystalRecord.ofComposition("x",
            org.example.genmat.core.crystal.Composition.parse("NaCl"))), List.of("F"))).hasMessageContaining("row 1 (x)");
    }

    @Test
    void aLineBetweenRowsOfTwoClassesRunsFromEachRowsOwnEncodingToTheOther() {
        CrystalRecord a = DefaultElpasolites.rows().get(0).record();
        CrystalRecord b = DefaultElpasolites.rows().get(149).record();
        List<String> classes = model.conditioning().classes();
        String ca = classes.get(0), cb = classes.get(1);
        List<Candidate> path = Sampler.interpolate(model, a, b, 6, ca, cb);
        float[][] own = Sampler.encode(model, List.of(a, b), List.of(ca, cb));
        // before, both ends were encoded under the first row's class, so the line did not end at the second row
        assertThat(path.get(0).latent()).containsExactly(own[0]);
        assertThat(path.get(5).latent()).containsExactly(own[1]);
        assertThat(path.get(0).condition()).isEqualTo(ca);
        assertThat(path.get(5).condition()).isEqualTo(cb);
        assertThat(path.get(2).condition()).isEqualTo(ca + "→" + cb + " 0.40");
    }

    @Test
    void latentBatchesDependOnlyOnSeedAndIndex() {
        LatentBatch b1 = LatentBatch.make(model, null, 1.0, 3, 17, 100);
        LatentBatch b2 = LatentBatch.make(model, null, 1.0, 3, 17, 100);
        assertThat(b1.z()).isDeepEqualTo(b2.z());
        assertThat(b1.labels()).containsExactly(b2.labels());
        assertThat(LatentBatch.make(model, null, 1.0, 3, 18, 100).z()[0]).isNotEqualTo(b1.z()[0]);
        try (NetworkRunner r = new NetworkRunner(model.network())) {
            Candidate[] c = Sampler.decodeBatch(model, model.featurizer(), r, b1);
            assertThat(c).hasSize(100);
        }
    }
}
