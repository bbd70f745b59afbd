package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard reader goes through {@code io.CsvRecords}: malformed rows are skipped with file and line. */
class SampleRowsShardsTest {

    @TempDir
    Path dir;

    @Test
    void aMalformedRowIsSkippedWithItsFileAndLineAndTheOthersAreRead() throws Exception {
        Path csv = Files.writeString(dir.resolve("g.csv"), "formula,note\nNaCl,ok\nKBr,\"stray\"quote\nCsCl,\"a\nb\"\nLiF,x\n");
        List<String> formulas = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(csv), null, r -> {
            formulas.add(r.columns().get("formula"));
            numbers.add(r.rowNumber());
        }, skipped::add);
        assertThat(formulas).containsExactly("NaCl", "CsCl", "LiF");
        assertThat(numbers).as("row numbers count the skipped row").containsExactly(1L, 3L, 4L);
        assertThat(skipped).singleElement().asString().contains("g.csv", "line 3", "malformed CSV row");
        assertThatThrownBy(() -> new SampleRows(ValidityOptions.defaults()).forEach(csv, null, r -> { }))
            .as("the single-file reader refuses it").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
    }

    @Test
    void aLatin1TableIsReadAndSaidOnceBeforeTheWarningsAboutItsRows() throws Exception {
        StringBuilder text = new StringBuilder("formula,note\nNaCl,M\u00fcller\n\"LiCl,x\n");
        for (int i = 0; i < Sampler.BATCH; i++) {
            text.append("KBr,\u00c5\n"); // a second batch: the warning is still said once
        }
        Path csv = Files.write(dir.resolve("lat.csv"),
            text.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        List<String> notes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(csv), null, r -> notes.add(r.columns().get("note")),
            skipped::add);
        assertThat(notes).hasSize(1 + Sampler.BATCH).startsWith("M\u00fcller", "\u00c5");
        assertThat(skipped).containsExactly(csv + ": not UTF-8 from byte 20 on; read as Latin-1 (ISO-8859-1)",
            csv + ": line 3: a quote opened in this row is never closed; row skipped");
    }

    @Test
    void aShardGivenTwiceIsSaidToBeGivenTwice() throws Exception {
        Path s0 = Files.writeString(dir.resolve("shard-0.csv"), "formula\nNaCl\n");
        Path s1 = Files.writeString(dir.resolve("shard-1.csv"), "formula\nKBr\n");
        assertThatThrownBy(() -> new SampleRows(ValidityOptions.defaults()).forEach(List.of(s0, s1, dir.resolve("./shard-0.csv")),
            null, r -> { }, x -> { })).hasMessage(dir.resolve("./shard-0.csv") + " is given twice; give each shard once");
    }

    @Test
    void shardsAreReadRoundRobinByBatchAMalformedRowKeepingItsPlace() throws Exception {
        // two shards of one run: shard 0 holds batch 0 (BATCH rows, one malformed) and batch 2, shard 1 batch 1
        StringBuilder s0 = new StringBuilder("formula\n"), s1 = new StringBuilder("formula\n");
        for (int i = 0; i < Sampler.BATCH; i++) {
            s0.append(i == 5 ? "\"NaCl\"x" : "NaCl").append('\n');
            s1.append("KBr\n");
        }
        s0.append("LiF\n");
        Path a = Files.writeString(dir.resolve("s-0.csv"), s0);
        Path b = Files.writeString(dir.resolve("s-1.csv"), s1);
        List<String> order = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(a, b), null, r -> order.add(r.columns().get("formula")),
            skipped::add);
        assertThat(order).hasSize(2 * Sampler.BATCH);
        assertThat(order.get(Sampler.BATCH - 2)).isEqualTo("NaCl");
        assertThat(order.get(Sampler.BATCH - 1)).as("batch 1 starts after BATCH records of shard 0").isEqualTo("KBr");
        assertThat(order.get(2 * Sampler.BATCH - 1)).isEqualTo("LiF");
        assertThat(skipped).singleElement().asString().contains("s-0.csv", "line 7");
    }

    @Test
    void whenAskedAMalformedRowIsRejectedWithEmptyCellsAndTheLineAsReason() throws Exception {
        Path csv = Files.writeString(dir.resolve("g.csv"), "formula,note\nNaCl,ok\n\"LiCl,x\nKBr,y\n");
        List<SampleRows.CheckedRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(csv), null, rows::add, warnings::add,
            SampleRows.Malformed.REJECT);
        assertThat(rows).hasSize(3);
        SampleRows.CheckedRow bad = rows.get(1);
        assertThat(bad.rowNumber()).isEqualTo(2);
        assertThat(bad.columns()).containsExactly(java.util.Map.entry("formula", ""), java.util.Map.entry("note", ""));
        assertThat(bad.sample().valid()).isFalse();
        assertThat(bad.sample().validity().failedCheck()).isEqualTo(org.example.genmat.core.validity.ValidityResult.CHECK_INPUT);
        assertThat(bad.sample().validity().reason()).isEqualTo("line 3: a quote opened in this row is never closed");
        assertThat(warnings).containsExactly(csv + ": line 3: a quote opened in this row is never closed; row rejected");
        assertThat(rows.get(2).columns().get("formula")).isEqualTo("KBr");
    }

    @Test
    void theReasonOfAnUnreadableRowIsTheRowsOwnNotItsFileAndNumber() throws Exception {
        Path csv = Files.writeString(dir.resolve("g.csv"), "formula,composition\nXx2,\n,\n");
        List<String> reasons = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(csv), null, r -> reasons.add(r.sample().validity().reason()),
            w -> { });
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).startsWith("formula 'Xx2'").doesNotContain("g.csv", "row 1");
        assertThat(reasons.get(1)).isEqualTo("no cif, composition or formula");
    }

    /**
     * A row that genmat read could not read is rejected with read's own reason from its error column, not as a row
     * without data; an empty cell of a formula-only table is an "empty formula", as read words it.
     */
    @Test
    void aRowReadCouldNotReadIsRejectedWithReadsErrorAndAnEmptyFormulaAsSuch() throws Exception {
        Path all = Files.writeString(dir.resolve("all.csv"), "source,formula,composition,cif,error\n"
            + "in.csv#row 1,,,,in.csv#row 1: unknown element 'Xx'\nin.csv#row 2,,,,\n");
        Path formulas = Files.writeString(dir.resolve("f.csv"), "formula,score\n,0.1\n");
        List<String> reasons = new ArrayList<>();
        SampleRows reader = new SampleRows(ValidityOptions.defaults());
        reader.forEach(List.of(all), null, r -> reasons.add(r.sample().validity().reason()), w -> { });
        reader.forEach(List.of(formulas), null, r -> reasons.add(r.sample().validity().reason()), w -> { });
        assertThat(reasons).containsExactly("not read: in.csv#row 1: unknown element 'Xx'", "no cif, composition or formula",
            "empty formula");
    }

    @Test
    void theHeaderIsCheckedBeforeAnyRowNamingTheFileAndItsColumns() throws Exception {
        SampleRows plain = new SampleRows(ValidityOptions.defaults());
        Path dup = Files.writeString(dir.resolve("dup.csv"), "formula,x,x\nNaCl,1,2\n");
        assertThatThrownBy(() -> plain.forEach(dup, null, r -> { }))
            .hasMessage(dup + ": two columns named 'x' (columns 2 and 3 of: formula, x, x); give each column its own name");
        Path none = Files.writeString(dir.resolve("none.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> plain.forEach(none, null, r -> { }))
            .hasMessage(none + " has no cif, composition or formula column (columns: x, y)");
        Path semi = Files.writeString(dir.resolve("semi.csv"), "formula;x\nNaCl;1\n");
        assertThatThrownBy(() -> plain.forEach(semi, null, r -> { })).hasMessageContaining("(columns: formula;x)")
            .hasMessageContaining("comma-separated");
        Path formulas = Files.writeString(dir.resolve("f.csv"), "formula,A,B\nNaCl,Na,Cl\n");
        ValidityOptions perovskite = ValidityOptions.defaults().withPrototype(org.example.genmat.core.crystal.Prototype.forName("perovskite"));
        assertThatThrownBy(() -> new SampleRows(perovskite).forEach(formulas, null, r -> { }))
            .hasMessageStartingWith("column X1 not found in " + formulas + " (columns: formula, A, B)");
        ValidityOptions sites = new ValidityOptions(ValidityOptions.defaults().checker(),
            org.example.genmat.core.crystal.Prototype.forName("elpasolite"), List.of("A", "B", "P", "Q"));
        assertThatThrownBy(() -> new SampleRows(sites).forEach(formulas, null, r -> { }))
            .hasMessageStartingWith("column P not found in " + formulas);
        // a table compared by composition (the metrics' training table) may lack the sites: read by formula
        Path plainFormulas = Files.writeString(dir.resolve("p.csv"), "formula\nCs2NaBiCl6\n");
        List<Sample> read = new ArrayList<>();
        new SampleRows(perovskite).sitesOptional().forEach(plainFormulas, null, r -> read.add(r.sample()));
        assertThat(read).singleElement().matches(Sample::valid);
        assertThatThrownBy(() -> new SampleRows(perovskite).sitesOptional().forEach(none, null, r -> { }))
            .hasMessageContaining("has neither the site columns [A, B, X1, X2, X3] nor a cif, composition or formula column");
    }

    @Test
    void anOxidationStateFileIsAnInputOfTheOptionsABuiltInTableIsNot() {
        assertThat(ValidityOptions.defaults().inputFiles()).isEmpty();
        ValidityOptions file = new ValidityOptions(new org.example.genmat.core.validity.ValidityChecker.Settings("ox.txt", false,
            true, 0.5, 0.1, true, true, true), null, null);
        assertThat(file.inputFiles()).containsExactly(Path.of("ox.txt"));
        ValidityOptions icsd = new ValidityOptions(new org.example.genmat.core.validity.ValidityChecker.Settings("ICSD24", false,
            true, 0.5, 0.1, true, true, true), null, null);
        assertThat(icsd.inputFiles()).isEmpty();
    }
}
