package org.example.genmat.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.example.genmat.core.job.metrics.MetricsSettings;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;

class NumberRangeTest {

    @Test
    void boundsInclusiveAndExclusive() {
        NumberRange adam = NumberRange.from("adamBeta1", "Adam beta1", 0, 1);
        assertThat(adam.contains(0)).isTrue();
        assertThat(adam.contains(0.999)).isTrue();
        assertThat(adam.contains(1)).isFalse();
        assertThat(adam.contains(-1e-9)).isFalse();
        assertThat(adam.contains(Double.NaN)).isFalse();
        assertThat(NumberRange.positive("lr", "the learning rate").contains(0)).isFalse();
        assertThat(NumberRange.atLeast("n", "n", 1).hasMax()).isFalse();
        assertThat(adam.describe()).isEqualTo("from 0 to below 1");
        assertThat(NumberRange.between("t", "t", 0, 1024).describe()).isEqualTo("from 0 to 1024");
        assertThat(NumberRange.positive("t", "t").describe()).isEqualTo("greater than 0");
    }

    /** A bound of 16 or more digits is written out grouped (--n said "from 0 to 1.0E15"); beyond a long, E notation. */
    @Test
    void aLongBoundIsWrittenReadably() {
        assertThatThrownBy(() -> NumberRange.between("samples", "the number of samples", 0, 1_000_000_000_000_000L).check(-5L))
            .hasMessage("the number of samples must be from 0 to 1,000,000,000,000,000, was -5");
        assertThat(NumberRange.atLeast("x", "x", 123_456_789_012_345_678L).describe()).isEqualTo("at least 123,456,789,012,345,680");
        assertThat(NumberRange.between("x", "x", 0, 1e39).describe()).isEqualTo("from 0 to 1.0E39");
        assertThat(NumberRange.between("x", "x", 0, 1e14).describe()).isEqualTo("from 0 to 100000000000000");
    }

    /** A setting that needs another names it, for the faces to name both options or fields. */
    @Test
    void aSettingThatNeedsAnotherNamesIt() {
        assertThatThrownBy(() -> new MetricsSettings(ValidityOptions.defaults(), null, 1, null, 10, 1, 1))
            .isInstanceOf(SettingException.class).hasMessage("a target class needs the class column")
            .extracting(e -> ((SettingException) e).setting() + " needs " + ((SettingException) e).needed())
            .isEqualTo("targetClass needs classColumn");
        assertThatThrownBy(() -> new ValidityOptions(ValidityChecker.Settings.defaults(), null, List.of("A", "B", "C", "D")))
            .isInstanceOf(SettingException.class).hasMessage("site columns [A, B, C, D] need a prototype")
            .extracting(e -> ((SettingException) e).setting() + " needs " + ((SettingException) e).needed())
            .isEqualTo("siteColumns needs prototype");
    }

    @Test
    void aValueOutsideNamesTheSetting() {
        assertThatThrownBy(() -> NumberRange.between("threads", "the threads", 0, 1024).check(2000L))
            .isInstanceOf(SettingException.class).hasMessage("the threads must be from 0 to 1024, was 2000")
            .extracting(e -> ((SettingException)e).setting()).isEqualTo("threads");
        assertThatThrownBy(() -> NumberRange.atLeast("beta", "beta", 0).check(Double.POSITIVE_INFINITY))
            .isInstanceOf(SettingException.class);
    }

    /** The settings records check their values with their ranges and name the component. */
    @Test
    void settingsRecordsNameTheComponentOutOfRange() {
        TrainingSettings.Builder b = TrainingSettings.builder(ModelFamily.VAE);
        assertThatThrownBy(() -> b.latentSize((int)TrainingSettings.LATENT_SIZE.max() + 1).build())
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException)e).setting()).isEqualTo("latentSize");
        assertThatThrownBy(() -> TrainingSettings.builder(ModelFamily.WGAN_GP).criticLayers(List.of(512, 0)).build())
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException)e).setting()).isEqualTo("criticLayers");
        ValidityChecker.Settings d = ValidityChecker.Settings.defaults();
        assertThatThrownBy(() -> new ValidityOptions(new ValidityChecker.Settings(d.oxidationStates(), d.mixedValence(),
            d.alloyRule(), d.minDistance(), -0.1, d.checkComposition(), d.checkStructure(), d.rejectDisorder()), null, null))
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException)e).setting()).isEqualTo("minVolume");
        assertThatThrownBy(() -> new MetricsSettings(ValidityOptions.defaults(), null, null, null, 10, 1, 0))
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException)e).setting()).isEqualTo("curveEvery");
    }
}
