package org.example.genmat.core.job.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.io.CrystalReadException;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.SettingException;
import org.junit.jupiter.api.Test;

class ReadJobTest {

    private final List<String> keys = new ArrayList<>();
    private final List<List<Object>> rows = new ArrayList<>();

    private ReadJob job(ReadSettings settings) {
        return new ReadJob(settings, (key, values) -> {
            keys.add(key);
            rows.add(values);
        }, JobMonitor.NONE);
    }

    @Test
    void cellsGiveOneRowEachWithErrorRowsAndUniqueKeys() throws Exception {
        List<ReadJob.TextCell> cells = List.of(new ReadJob.TextCell("r", "NaCl"), new ReadJob.TextCell("r", null),
            new ReadJob.TextCell("s", "Xx9Qq"));
        ReadResult result = job(ReadSettings.defaults().withFormat(CrystalReader.Format.FORMULA)).cells(cells.iterator(), 3);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.errors()).isEqualTo(2);
        assertThat(result.firstError()).contains("missing");
        assertThat(keys).containsExactly("r", "r (2)", "s");
        int error = ReadJob.TABLE.indexOf("error");
        assertThat(rows.get(0).get(error)).isNull();
        assertThat(rows.get(0).get(ReadJob.TABLE.indexOf("formula"))).isEqualTo(Composition.parse("NaCl").reducedFormula());
        assertThat(rows.get(2).get(error)).isNotNull();
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(ReadJob.TABLE.size()));
    }

    @Test
    void failFastStopsAtTheFirstBadCell() {
        List<ReadJob.TextCell> cells = List.of(new ReadJob.TextCell("a", "NaCl"), new ReadJob.TextCell("b", null));
        assertThatThrownBy(() -> job(ReadSettings.defaults().withFailFast(true)).cells(cells.iterator(), 2))
            .isInstanceOf(CrystalReadException.class).hasMessageContaining("b");
        assertThat(keys).containsExactly("a");
    }

    @Test
    void settingsAreCheckedOnce() {
        assertThatThrownBy(() -> new ReadSettings(CrystalReader.Format.AUTO, null, null, false, -1))
            .isInstanceOf(SettingException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> new ReadSettings(null, null, null, false, 0)).isInstanceOf(SettingException.class);
        assertThatThrownBy(() -> ReadSettings.format("xyz")).isInstanceOf(SettingException.class)
            .hasMessageContaining("auto, cif, poscar or formula");
        assertThat(ReadSettings.format(" Poscar ")).isEqualTo(CrystalReader.Format.POSCAR);
        assertThat(new ReadSettings(CrystalReader.Format.AUTO, " ", List.of(), false, 0).column()).isNull();
    }
}
