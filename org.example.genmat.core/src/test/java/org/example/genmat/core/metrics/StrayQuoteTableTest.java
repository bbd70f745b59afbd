package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.demo.ExampleCrystals;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.validity.ValidityChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QA 7 D1: one quote typed after the formula of a crystal table's row made the lines of the row's CIF cell ~30 phantom
 * rows, which read, filter and metrics all counted; QA 8 N1: so did one typed on the first line of the CIF cell. The
 * damaged row is the one row lost, for every reader of tables.
 */
class StrayQuoteTableTest {

    @TempDir
    Path dir;

    /** The example crystals' table as text, undamaged; its row count in {@code rows}. */
    private String cleanTable(int[] rows) throws IOException {
        List<CrystalRecord> crystals = ExampleCrystals.read();
        rows[0] = crystals.size();
        Path clean = dir.resolve("clean.csv");
        CrystalTable.write(clean, crystals);
        return Files.readString(clean);
    }

    /** The example crystals' table with a quote typed after the formula of row 3; its row count in {@code rows}. */
    private Path strayQuoteTable(int[] rows) throws IOException {
        String text = cleanTable(rows);
        String formula = CrystalTable.toRow(ExampleCrystals.read().get(2)).get("formula");
        String damaged = text.replaceFirst(",\\Q" + formula + "\\E,", "," + formula + "\",");
        assertThat(damaged).isNotEqualTo(text);
        return Files.writeString(dir.resolve("stray.csv"), damaged);
    }

    /** The example crystals' table with a quote typed at the end of the first line of row 3's CIF text. */
    private Path strayQuoteOnTheFirstCifLine(int[] rows) throws IOException {
        String text = cleanTable(rows);
        String cif = CrystalTable.toRow(ExampleCrystals.read().get(2)).get("cif");
        int at = text.indexOf(",\"" + cif);
        assertThat(at).isPositive();
        int firstLineEnd = text.indexOf('\n', at);
        return Files.writeString(dir.resolve("stray-cif.csv"),
            text.substring(0, firstLineEnd) + "\"" + text.substring(firstLineEnd));
    }

    @Test
    void theCrystalReaderReadsEveryOtherRowAndOneErrorRow() throws IOException {
        int[] n = new int[1];
        Path stray = strayQuoteTable(n);
        assertOneErrorRowOf(stray, n[0], "formula");
    }

    @Test
    void aStrayQuoteOnTheFirstLineOfACifTextCostsItsRowAloneForTheReaderAndMetrics() throws IOException {
        int[] n = new int[1];
        Path stray = strayQuoteOnTheFirstCifLine(n);
        assertOneErrorRowOf(stray, n[0], "cif");
        SampleRows rows = new SampleRows(ValidityChecker.defaults(), null);
        List<Sample> samples = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        rows.forEach(List.of(stray), null, r -> samples.add(r.sample()), skipped::add);
        assertThat(samples).hasSize(n[0] - 1).allMatch(Sample::structureJudged);
        assertThat(skipped).singleElement().asString().contains("in column 'cif'").endsWith("; row skipped");
    }

    @Test
    void metricsSkipsTheDamagedRowAloneAndFilterRejectsItAlone() throws IOException {
        int[] n = new int[1];
        Path stray = strayQuoteTable(n);
        SampleRows rows = new SampleRows(ValidityChecker.defaults(), null);
        List<Sample> samples = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        rows.forEach(List.of(stray), null, r -> samples.add(r.sample()), skipped::add);
        assertThat(samples).hasSize(n[0] - 1).allMatch(Sample::structureJudged);
        assertThat(skipped).singleElement().asString().contains("a stray quote after").endsWith("; row skipped");

        List<SampleRows.CheckedRow> checked = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        rows.forEach(List.of(stray), null, checked::add, rejected::add, SampleRows.Malformed.REJECT);
        assertThat(checked).hasSize(n[0]);
        assertThat(checked.stream().filter(r -> r.sample().composition() == null)).singleElement()
            .satisfies(r -> assertThat(r.sample().validity().reason()).contains("a stray quote after"))
            // QA 10: filter's rejected row kept none of its cells; its source and volume are still there to be told
            .satisfies(r -> assertThat(r.columns()).hasEntrySatisfying("source", v -> assertThat(v).isNotBlank())
                .hasEntrySatisfying("volume", v -> assertThat(v).isNotBlank()));
        assertThat(rejected).singleElement().asString().endsWith("; row rejected");
    }

    /** QA 10: a table whose first column has no name (pandas' index) lost that column's cells in filter's rows. */
    @Test
    void aColumnWithoutANameKeepsItsCellsByItsPosition() throws IOException {
        Path t = Files.writeString(dir.resolve("index.csv"), ",formula,\n0,LiF,zz\n1,NaCl,yy\n");
        List<SampleRows.CheckedRow> checked = new ArrayList<>();
        new SampleRows(ValidityChecker.defaults(), null).forEach(List.of(t), null, checked::add, x -> { },
            SampleRows.Malformed.REJECT);
        assertThat(checked).extracting(SampleRows.CheckedRow::columns).containsExactly(
            java.util.Map.of("column 1", "0", "formula", "LiF", "column 3", "zz"),
            java.util.Map.of("column 1", "1", "formula", "NaCl", "column 3", "yy"));
    }

    /** The reader gives every record of the table, one of them (row 3) the error naming the stray quote's column. */
    private static void assertOneErrorRowOf(Path stray, int records, String column) {
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(stray))) {
            List<CrystalRecord> recs = s.toList();
            assertThat(recs).hasSize(records);
            assertThat(recs.stream().filter(r -> !r.ok())).singleElement()
                .satisfies(r -> assertThat(r.error()).startsWith(stray + "#row 3: line ")
                    .contains(": malformed CSV row (a stray quote after '")
                    .contains("' in column '" + column + "'); lines ").endsWith(" are read as the rest of its row; row skipped"));
        }
    }
}
