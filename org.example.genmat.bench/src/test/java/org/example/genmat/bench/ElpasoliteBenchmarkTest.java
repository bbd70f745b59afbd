package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Functional check of the benchmark's streaming path on a small run (not timed). */
class ElpasoliteBenchmarkTest {

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
