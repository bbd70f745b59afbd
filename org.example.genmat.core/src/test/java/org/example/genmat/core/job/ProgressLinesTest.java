package org.example.genmat.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The consoles' fraction lines: spaced by their interval, and one format for both faces. */
class ProgressLinesTest {

    @Test
    void aLineNamesThePrefixTheMessageAndThePercentWhenKnown() {
        ProgressLines lines = new ProgressLines(0);
        assertThat(lines.next("seed 3", 0.414, "training WGAN-GP: 82800/200000")).matches(
            "seed 3: training WGAN-GP: 82800/200000 \\(41 %\\), \\d+\\.\\d s");
        assertThat(lines.next("genmat demo", Double.NaN, "labelling")).matches("genmat demo: labelling, \\d+\\.\\d s");
    }

    @Test
    void noLineBeforeTheIntervalHasPassed() {
        ProgressLines lines = new ProgressLines(Long.MAX_VALUE);
        assertThat(lines.next("bench", 0.5, "training VAE")).isNull();
        assertThat(lines.next("bench", 0.9, "training VAE")).isNull();
    }
}
