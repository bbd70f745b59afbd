package org.example.genmat.core.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StabilityClassesTest {

    @Test
    void tenClassesOf081FromMinus307() {
        assertThat(StabilityClasses.of(-3.07)).isEqualTo(1);
        assertThat(StabilityClasses.of(-2.27)).isEqualTo(1);
        assertThat(StabilityClasses.of(-2.25)).isEqualTo(2);
        assertThat(StabilityClasses.of(0.0)).isEqualTo(4); // -0.64 .. 0.17
        assertThat(StabilityClasses.of(4.33)).isEqualTo(10);
        assertThat(StabilityClasses.of(-5)).isEqualTo(1);
        assertThat(StabilityClasses.of(9)).isEqualTo(10);
        assertThat(StabilityClasses.upperBound(1)).isCloseTo(-2.26, within(1e-12));
        assertThat(StabilityClasses.lowerBound(10)).isCloseTo(4.22, within(1e-12));
        assertThatThrownBy(() -> StabilityClasses.of(Double.NaN)).hasMessageContaining("NaN");
    }
}
