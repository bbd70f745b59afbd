package org.example.genmat.core.job.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.sample.Sampler;
import org.junit.jupiter.api.Test;

class SampleSettingsTest {

    @Test
    void siteValuesAreSiteEqualsValuePairsInTheOrderWritten() {
        assertThat(SampleSettings.siteValues("siteGuidance", " D=0.2, C = 0 ")).containsExactly(Map.entry("D", 0.2),
            Map.entry("C", 0.0));
        assertThat(SampleSettings.siteValues("siteGuidance", " ")).isEmpty();
        assertThat(SampleSettings.siteValues("siteGuidance", null)).isEmpty();
    }

    @Test
    void malformedSiteValuesNameTheSettingAndThePair() {
        assertThatThrownBy(() -> SampleSettings.siteValues("siteGuidance", "D:0.2")).hasMessageContaining("'D:0.2'")
            .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.setting()).isEqualTo("siteGuidance"));
        assertThatThrownBy(() -> SampleSettings.siteValues("siteGuidance", "D=0.2,,C=1"))
            .hasMessageContaining("site=value");
        assertThatThrownBy(() -> SampleSettings.siteValues("conditionGuidance", "D=x"))
            .hasMessageContaining("site D must be a number, not 'x'")
            .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.setting()).isEqualTo("conditionGuidance"));
        assertThatThrownBy(() -> SampleSettings.siteValues("siteGuidance", "D=-1")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SampleSettings.siteValues("siteGuidance", "D=NaN")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SampleSettings.siteValues("siteGuidance", "D=1,D=2")).hasMessageContaining("twice");
    }

    @Test
    void theDecodingOfThePerSiteOptionsIsTheStudysDecoding() {
        Sampler.Decoding d = SampleSettings.decoding(0.1, 0.1, "A=0.1,D=0", "D=0.8", 1);
        assertThat(d).isEqualTo(new Sampler.Decoding(0.1, 0.1, Map.of(), Map.of("A", 0.1, "D", 0.0), 1,
            Map.of("D", 0.8)));
        assertThat(SampleSettings.decoding(0.2, 0.3, "", " ", 0)).isEqualTo(new Sampler.Decoding(0.2, 0.3));
        assertThatThrownBy(() -> SampleSettings.decoding(0, 0.1, "", "", 1.5)).hasMessageContaining("from 0 to 1")
            .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.setting()).isEqualTo("guidanceSpread"));
    }
}
