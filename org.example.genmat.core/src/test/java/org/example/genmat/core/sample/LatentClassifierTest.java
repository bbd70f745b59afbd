package org.example.genmat.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The latent classifier: separates two Gaussian clouds, keeps draws as its strength says, reproducibly. */
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
}
