package org.example.genmat.core.job.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.io.CrystalReadException;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.job.WarningLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aFileReadCountsWhatItPassesOverPerReason(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("NaCl.vasp"), "NaCl\n1.0\n5.6 0 0\n0 5.6 0\n0 0 5.6\nNa Cl\n1 1\nDirect\n0 0 0\n"
            + "0.5 0.5 0.5\n");
        Files.writeString(dir.resolve(".hidden.cif"), "data_x\n");
        Files.writeString(dir.resolve("notes.txt"), "just words\n");
        Files.writeString(dir.resolve("readme.md"), "more words\n");
        ReadResult result = job(ReadSettings.defaults()).files(List.of(dir), null);
        assertThat(result.rows()).isEqualTo(1);
        ReadSkips skipped = result.skipped();
        assertThat(skipped.count()).isEqualTo(3);
        String notCrystal = "not a crystal file (neither CIF nor POSCAR by name or content)";
        assertThat(skipped.byReason()).isEqualTo(Map.of("hidden", 1L, notCrystal, 2L));
        assertThat(skipped.summary()).startsWith("3 files skipped (hidden: 1, " + notCrystal + ": 2); first: ");
        assertThat(skipped.lines()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("skipped 1 (hidden): ")
            .endsWith(".hidden.cif"));
        assertThat(job(ReadSettings.defaults()).cells(List.<ReadJob.TextCell>of().iterator(), 0).skipped().summary())
            .isNull();
    }

    @Test
    void vasp4SpeciesAndTheCsvColumnReachTheReader(@TempDir Path dir) throws Exception {
        Path poscar = Files.writeString(dir.resolve("POSCAR"), "NaCl v4\n1.0\n5.6 0 0\n0 5.6 0\n0 0 5.6\n1 1\n"
            + "Direct\n0 0 0\n0.5 0.5 0.5\n");
        int formula = ReadJob.TABLE.indexOf("formula");
        int error = ReadJob.TABLE.indexOf("error");
        job(ReadSettings.defaults()).files(List.of(poscar), null);
        assertThat(rows.get(0).get(error)).isNotNull();
        rows.clear();
        job(ReadSettings.defaults().withSpecies(ReadSettings.species("Na, Cl"))).files(List.of(poscar), null);
        assertThat(rows.get(0).get(error)).isNull();
        assertThat(rows.get(0).get(formula)).isEqualTo(Composition.parse("NaCl").reducedFormula());
        rows.clear();
        Path csv = Files.writeString(dir.resolve("t.csv"), "id,compound\n1,KBr\n");
        job(ReadSettings.defaults().withFormat(CrystalReader.Format.FORMULA).withColumn("compound"))
            .files(List.of(csv), null);
        assertThat(rows.get(0).get(formula)).isEqualTo(Composition.parse("KBr").reducedFormula());
        assertThatThrownBy(() -> ReadSettings.defaults().withSpecies(ReadSettings.species("Na,,Cl")))
            .isInstanceOf(SettingException.class).hasMessageContaining("species");
    }

    @Test
    void aLatin1FileIsNamedOnceInTheResultsWarningsAndManyAreCapped(@TempDir Path dir) throws Exception {
        Path one = Files.write(dir.resolve("one.csv"), "formula,note\nNaCl,M\u00fcller\nKBr,\u00c5\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        ReadResult result = job(ReadSettings.defaults()).files(List.of(one), null);
        assertThat(result.good()).isEqualTo(2);
        assertThat(result.warnings())
            .containsExactly(one + ": not UTF-8 from byte 20 on; read as Latin-1 (ISO-8859-1)");

        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < WarningLines.SHOWN + 5; i++) {
            Files.write(many.resolve(String.format("t%02d.csv", i)), "formula\nNaCl\u00b72H2O\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        }
        ReadResult capped = job(ReadSettings.defaults()).files(List.of(many), null);
        assertThat(capped.good()).isEqualTo(WarningLines.SHOWN + 5);
        assertThat(capped.warnings()).hasSize(WarningLines.SHOWN + 1).first().asString()
            .isEqualTo(many.resolve("t00.csv") + ": not UTF-8 from byte 13 on; read as Latin-1 (ISO-8859-1)");
        assertThat(capped.warnings().get(WarningLines.SHOWN)).isEqualTo("... and 5 more warnings about inputs");

        assertThat(job(ReadSettings.defaults()).files(List.of(dir.resolve("many/t00.csv")), null).warnings())
            .hasSize(1);
        Path utf8 = Files.writeString(dir.resolve("u8.csv"), "formula,note\nNaCl,M\u00fcller\n");
        assertThat(job(ReadSettings.defaults()).files(List.of(utf8), null).warnings()).isEmpty();
    }
}
