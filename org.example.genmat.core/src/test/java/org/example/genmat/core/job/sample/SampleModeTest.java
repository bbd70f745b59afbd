package org.example.genmat.core.job.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** Which setting acts in which mode: the one definition genmat sample refuses a misplaced option by (QA 7, D14). */
class SampleModeTest {

    @Test
    void thePriorsDrawsAndDecodingActInPriorModeOnly() {
        for (String prior : new String[] {"samples", "temperature", "seed", "shard", "shards", "outputNoise", "guidance",
            "siteGuidance", "conditionGuidance", "guidanceSpread"}) {
            assertThat(SampleMode.modesOf(prior)).as(prior).containsExactly(SampleMode.PRIOR);
        }
    }

    @Test
    void theLineActsInInterpolateModeAndTheInputInEveryModeButPrior() {
        for (String line : new String[] {"steps", "firstRow", "secondRow"}) {
            assertThat(SampleMode.modesOf(line)).as(line).containsExactly(SampleMode.INTERPOLATE);
        }
        assertThat(SampleMode.modesOf("input")).containsExactly(SampleMode.INTERPOLATE, SampleMode.ENCODE, SampleMode.DECODE);
        assertThat(EnumSet.allOf(SampleMode.class)).allMatch(m -> m.readsInput() == (m != SampleMode.PRIOR));
    }

    @Test
    void theConditionActsInEveryMode() {
        assertThat(SampleMode.modesOf("condition")).containsExactlyElementsOf(EnumSet.allOf(SampleMode.class));
        assertThat(SampleMode.modeBoundSettings()).doesNotContain("condition", "mode");
    }
}
