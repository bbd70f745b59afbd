package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurkStudyPrepareTest {

    /** A table without the target class is refused before the surrogate's fit, naming the table, the class and its energies. */
    @Test
    void dataWithoutARowOfTheTargetClassIsRefusedBeforeAnyFit(@TempDir Path cache) throws Exception {
        List<ElpasoliteDft.Row> noClass1 = ElpasoliteDft.embedded().rows().stream().filter(r -> r.stabilityClass() > 1).toList();
        ElpasoliteDft.Table data = new ElpasoliteDft.Table("mine.csv", noClass1, List.of());
        assertThatThrownBy(() -> TurkStudy.prepare(data, Surrogate.Settings.defaults(), 1, cache, 1, JobMonitor.NONE))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("mine.csv has no row of stability class 1 (formation energy below -2.26 eV/atom): the study conditions its"
                + " models on that class and draws its prevalence baseline from those rows");
        List<ElpasoliteDft.Row> noClass5 = ElpasoliteDft.embedded().rows().stream().filter(r -> r.stabilityClass() != 5).toList();
        assertThatThrownBy(() -> TurkStudy.prepare(new ElpasoliteDft.Table("t", noClass5, List.of()), Surrogate.Settings.defaults(), 5,
            cache, 1, JobMonitor.NONE)).hasMessageContaining("class 5 (formation energy from 0.17 to 0.98 eV/atom)");
        assertThat(cache.toFile().list()).isEmpty();
    }
}
