package org.example.genmat.core.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;

/** The job's checks of its input tables, the same for both faces (here with inputs as a KNIME table gives them). */
class MetricsJobTablesTest {

    /** Rows keyed Row0, Row1, ... of the given cells; the reader's warnings go to the job. */
    private static MetricsJob.Input rows(List<Map<String, String>> cells) {
        return (reader, classColumn, sink, warnings) -> {
            for (int i = 0; i < cells.size(); i++) {
                String key = "Row" + i;
                sink.accept(new MetricsJob.Keyed(key, reader.toSample(key, cells.get(i), classColumn, warnings), cells.get(i)));
            }
        };
    }

    private static Map<String, String> row(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static JobMonitor warningsTo(List<String> warnings) {
        return JobMonitor.warningsTo(warnings::add);
    }

    /** A class column with no class in any row is refused once (it was a warning per row and a run with precision 0). */
    @Test
    void aClassColumnWithoutAnyClassIsRefusedOnce() {
        List<Map<String, String>> table = List.of(row("formula", "NaCl"), row("formula", "KBr"), row("formula", "LiF"));
        MetricsSettings s = new MetricsSettings(ValidityOptions.defaults(), "formula", 1, null, 10, 1, 100);
        List<String> warnings = new ArrayList<>();
        assertThatThrownBy(() -> MetricsJob.run(s, rows(table), null, rows(table), null, warningsTo(warnings)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("training table: no row has a usable class in the class column 'formula' (Row0 holds 'NaCl'); a class is a"
                + " non-negative integer");
        assertThat(warnings).isEmpty();
    }

    /** Rows with a bad class among good ones are warned about, the first 20 in full and then one line counting the rest. */
    @Test
    void badClassCellsAmongGoodOnesAreWarnedAboutCapped() throws Exception {
        List<Map<String, String>> reference = new ArrayList<>(List.of(row("formula", "NaCl", "cls", "1")));
        for (int i = 0; i < 30; i++) {
            reference.add(row("formula", "KBr", "cls", "x"));
        }
        MetricsSettings s = new MetricsSettings(ValidityOptions.defaults(), "cls", 1, null, 10, 1, 100);
        List<String> warnings = new ArrayList<>();
        MetricsJob.Result r = MetricsJob.run(s, rows(List.of(row("formula", "NaCl"))), rows(reference),
            rows(List.of(row("formula", "NaCl"))), null, warningsTo(warnings));
        assertThat(warnings).hasSize(21);
        assertThat(warnings.get(0)).isEqualTo("Row1: class 'x' in column cls is not a non-negative integer; row left out of the"
            + " class figures");
        assertThat(warnings.get(20)).isEqualTo("... and 10 more warnings about rows of the reference table");
        assertThat(r.metrics().value("precision_right_class")).isEqualTo(1.0);
    }

    /** The study's energy column is looked for at once, as genmat demo --data looks for it (not 'energy missing' per row). */
    @Test
    void aStudyEnergyColumnTheTrainingTableLacksIsRefusedAtOnce() {
        List<Map<String, String>> training = List.of(row("A", "Na", "B", "Bi", "C", "Cs", "D", "Cl", "energy", "-1.5", "cls", "1"));
        MetricsSettings s = new MetricsSettings(ValidityOptions.defaults().withPrototype(Prototype.ELPASOLITE), "cls", 1, null, 10, 1,
            100, new MetricsSettings.Study("nosuch", 10, null));
        assertThatThrownBy(() -> MetricsJob.run(s, MetricsJob.Input.named(rows(training), "dft.csv"), null, rows(training), null,
            JobMonitor.NONE)).hasMessage("dft.csv has no column 'nosuch' (columns: A, B, C, D, energy, cls)");
    }
}
