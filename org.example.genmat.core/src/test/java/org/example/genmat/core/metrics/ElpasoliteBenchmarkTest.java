package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Functional check of the benchmark's streaming path on a small run (not timed). */
class ElpasoliteBenchmarkTest {

    @Test
    void spaceKeysMatchCompositionKeys() {
        int[] all = ElpasoliteSpace.enumerate();
        assertThat(all.length / 4).isEqualTo(987_012);
        for (int i = 0; i < all.length; i += 4 * 9973) {
            long k = ElpasoliteSpace.key(all[i], all[i + 1], all[i + 2], all[i + 3]);
            assertThat(k).isEqualTo(CompositionKey.pack(ElpasoliteSpace.composition(all[i], all[i + 1], all[i + 2], all[i + 3])));
            assertThat(ElpasoliteSpace.key(all[i + 1], all[i], all[i + 2], all[i + 3])).isEqualTo(k); // A<->B
        }
        assertThat(ElpasoliteSpace.Z).hasSize(39);
    }

    @Test
    void smallRunIsConsistentAndReproducible() {
        ElpasoliteBenchmark.Settings s = new ElpasoliteBenchmark.Settings(50_000, 5, 1, 2_000, 10_000, 200, 300, 0.55);
        ElpasoliteBenchmark.Report a = ElpasoliteBenchmark.run(s, v -> { }, () -> false);
        assertThat(a.valid()).isEqualTo(50_000);
        assertThat(a.drawn()).isEqualTo(a.valid() + a.invalid());
        assertThat(a.novel() + a.rediscovered() + a.repetitions()).isEqualTo(a.valid());
        assertThat(a.unique()).isEqualTo(a.novel() + a.rediscovered());
        assertThat(a.precisionRight()).isBetween(0.4, 0.8);
        assertThat(a.jsMean()).isBetween(0.0, 1.0);
        assertThat(a.curve()).last().satisfies(p -> assertThat(p.validSamples()).isEqualTo(50_000));
        ElpasoliteBenchmark.Report b = ElpasoliteBenchmark.run(s, v -> { }, () -> false);
        assertThat(b.unique()).isEqualTo(a.unique());
        assertThat(b.coverageRight()).isEqualTo(a.coverageRight());
    }
}
