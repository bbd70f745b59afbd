package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.validity.SharedData;
import org.example.genmat.core.validity.ValidityChecker;
import org.junit.jupiter.api.Test;

class DatasetMetricsTest {

    @Test
    void perov5TestSetCoversItself() throws Exception {
        Path test = SharedData.require("perov_5/test.csv");
        List<Sample> rows = new SampleRows(ValidityChecker.defaults(), null).readAll(test, null);
        MetricsEngine.Settings s = new MetricsEngine.Settings(null, MetricsEngine.Cutoffs.forName("perov5"), 1000, 7,
            null, 1000, "test");
        MetricsEngine.Result r = new MetricsEngine(s).compute(rows, List.of(), rows, () -> false);
        assertThat(r.value("cov_recall_composition_only")).isEqualTo(1.0);
        assertThat(r.value("cov_precision_composition_only")).isEqualTo(1.0);
        assertThat(r.value("cov_recall")).isEqualTo(1.0);
        assertThat(r.value("cov_precision")).isEqualTo(1.0);
        assertThat(r.value("validity_composition")).isCloseTo(0.986, org.assertj.core.api.Assertions.within(0.0005));
        assertThat(r.value("validity_structure")).isEqualTo(1.0);
        assertThat(r.value("frechet_fingerprint_distance")).isLessThan(0.1);
        assertThat(r.value("emd_density")).isLessThan(0.1);
    }
}
