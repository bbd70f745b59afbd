package org.example.genmat.core.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.junit.jupiter.api.Test;

/** Perovskite samples as written by {@code genmat sample}: site columns A, B, X1, X2, X3. */
class PerovskitePrototypeTest {

    private static Sample sample(String a, String b, String x1, String x2, String x3) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("A", a);
        row.put("B", b);
        row.put("X1", x1);
        row.put("X2", x2);
        row.put("X3", x3);
        SampleRows rows = new SampleRows(ValidityOptions.defaults().withPrototype(Prototype.PEROVSKITE));
        return rows.toSample("test row", row);
    }

    @Test
    void xSitesMayShareAnElementButNotWithAOrB() {
        Sample srTiO3 = sample("Sr", "Ti", "O", "O", "O");
        assertThat(srTiO3.valid()).isTrue();
        assertThat(srTiO3.composition()).isEqualTo(Composition.parse("SrTiO3"));

        Sample oxynitride = sample("La", "Ti", "O", "O", "N");
        assertThat(oxynitride.composition()).isEqualTo(Composition.parse("LaTiO2N"));
        assertThat(oxynitride.valid()).isTrue();

        Sample repeated = sample("Sr", "Ti", "Sr", "O", "O");
        assertThat(repeated.valid()).isFalse();
        assertThat(repeated.validity().failedCheck()).isEqualTo(ValidityResult.CHECK_PROTOTYPE);
        assertThat(repeated.validity().reason()).contains("Sr appears on more than one site");
    }

    @Test
    void elpasoliteSitesMustAllDiffer() {
        List<String> sites = List.of("A", "B", "C", "D");
        assertThat(PrototypeRules.check(sites, List.of("Cs", "Na", "Bi", "Cl"), new int[] {0, 1, 2, 3}).valid()).isTrue();
        assertThat(PrototypeRules.check(sites, List.of("Cs", "Cs", "Bi", "Cl"), new int[] {0, 1, 2, 3}).valid()).isFalse();
    }
}
