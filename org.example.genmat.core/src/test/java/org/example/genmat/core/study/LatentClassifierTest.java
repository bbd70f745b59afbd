package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.TestModels;
import org.example.genmat.core.sample.Sampler;
import org.junit.jupiter.api.Test;

/**
 * The latent classifier: separates two Gaussian clouds, keeps draws as its strength says, reproducibly, and
 * keeps a seeded subsequence of a model's prior draws.
 */
class LatentClassifierTest {

    /** 40 rows around (2, 0, 0) in the class, 400 around (−1, 0, 0) outside, unit spread. */
    private static LatentClassifier fitted(double strength) {
        Random r = new Random(7);
        int n = 440;
        float[][] z = new float[n][3];
        boolean[] in = new boolean[n];
        for (int i = 0; i < n; i++) {
            in[i] = i < 40;
            for (int j = 0; j < 3; j++) {
                z[i][j] = (float) r.nextGaussian();
            }
            z[i][0] += in[i] ? 2 : -1;
        }
        return LatentClassifier.fit(z, in, 0.2, strength);
    }

    @Test
    void theClassSideIsLikelyTheOtherUnlikely() {
        LatentClassifier c = fitted(1);
        assertThat(c.probability(new float[] {3, 0, 0})).isGreaterThan(0.95);
        assertThat(c.probability(new float[] {-2, 0, 0})).isLessThan(0.05);
        assertThat(c.probability(new float[] {0.5f, 0, 0})).isBetween(0.2, 0.8);
    }

    @Test
    void strengthSetsTheKeptShareAndTheCoinsAreSeeded() {
        SplittableRandom prior = new SplittableRandom(3);
        float[][] draws = new float[4000][3];
        for (float[] d : draws) {
            for (int j = 0; j < 3; j++) {
                d[j] = (float) prior.nextGaussian();
            }
        }
        int[] kept = new int[3];
        double[] strengths = {0, 1, 4};
        for (int s = 0; s < 3; s++) {
            LatentClassifier c = fitted(strengths[s]);
            SplittableRandom coins = new SplittableRandom(5);
            for (float[] d : draws) {
                kept[s] += c.keep(d, coins) ? 1 : 0;
            }
        }
        assertThat(kept[0]).isEqualTo(draws.length);
        assertThat(kept[1]).isLessThan(kept[0]).isGreaterThan(kept[2]).isPositive();
        LatentClassifier c = fitted(1);
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (float[] d : draws) {
            assertThat(c.keep(d, a)).isEqualTo(c.keep(d, b));
        }
    }

    @Test
    void refusesTooFewRowsAndBadSettings() {
        float[][] z = {{0}, {1}, {2}};
        assertThatThrownBy(() -> LatentClassifier.fit(z, new boolean[] {true, false, false}, 0.2, 1))
            .hasMessageContaining("at least 2 rows in and 2 outside the class, got 1 and 2");
        assertThatThrownBy(() -> LatentClassifier.fit(z, new boolean[] {true, false}, 0.2, 1))
            .hasMessageContaining("3 latent rows but 2 labels");
        float[][] four = {{0}, {1}, {2}, {3}};
        boolean[] in = {true, true, false, false};
        assertThatThrownBy(() -> LatentClassifier.fit(four, in, 1.5, 1)).hasMessageContaining("shrinkage");
        assertThatThrownBy(() -> LatentClassifier.fit(four, in, 0.2, -1)).hasMessageContaining("strength");
    }

    @Test
    void aLatentClassifierKeepsASeededSubsequenceOfThePriorDraws() throws Exception {
        GenerativeModel model = TestModels.classConditionedVae();
        long N = 2 * Sampler.BATCH + 1808; // three batches, the last one partial
        // a classifier of the half-space z₀ > 0.5 (fitted on synthetic latents of the model's width)
        java.util.Random r = new java.util.Random(2);
        float[][] z = new float[400][model.latentSize()];
        boolean[] in = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                z[i][j] = (float) r.nextGaussian();
            }
            in[i] = z[i][0] > 0.5;
        }
        LatentClassifier keep = LatentClassifier.fit(z, in, 0.2, 2);
        Sampler.Decoding noisy = new Sampler.Decoding(0.1, 0.1);
        List<Candidate> all;
        try (Stream<Candidate> s = Sampler.sample(model, N, "Cl", 1.0, noisy, 4, 0, 1)) {
            all = s.collect(Collectors.toList());
        }
        List<Candidate> kept;
        try (Stream<Candidate> s = LatentClassifierSampling.sample(model, N, "Cl", 1.0, noisy, keep, 4)) {
            kept = s.collect(Collectors.toList());
        }
        try (Stream<Candidate> s = LatentClassifierSampling.sample(model, N, "Cl", 1.0, noisy, keep, 4)) {
            assertThat(s.collect(Collectors.toList())).as("same seed, same kept draws").isEqualTo(kept);
        }
        assertThat(kept.size()).isPositive().isLessThan(all.size() / 2);
        // every kept draw is a prior draw of the unfiltered stream, in stream order
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(java.util.Arrays.toString(all.get(i).latent()), i);
        }
        int last = -1;
        for (Candidate c : kept) {
            Integer at = position.get(java.util.Arrays.toString(c.latent()));
            assertThat(at).isNotNull().isGreaterThan(last);
            last = at;
        }
        double meanZ0 = kept.stream().mapToDouble(c -> c.latent()[0]).average().orElseThrow();
        assertThat(meanZ0).as("kept draws lie on the class's side").isGreaterThan(0.5);
    }
}
