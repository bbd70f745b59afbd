package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.demo.ExampleCrystals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrystalReaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeInputs() throws IOException {
        ReaderFixtures.writeInputs(dir);
    }

    private List<CrystalRecord> read(CrystalReader.Options o, Path... inputs) {
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(inputs), o)) {
            return s.toList();
        }
    }

    @Test
    void foldersAreWalkedRecursivelyInOrderWithArchivesAndOneErrorRowPerBadFile() {
        List<CrystalRecord> recs = read(CrystalReader.Options.defaults(), dir.resolve("in"));
        assertThat(recs).extracting(r -> Path.of(r.source().replaceAll("#.*", "")).getFileName().toString())
            .containsExactly("NaCl.cif", "POSCAR", "broken.cif", "CaF2.cif", "ZnO.vasp");
        assertThat(recs.get(2).ok()).isFalse();
        assertThat(recs.get(2).error()).contains("broken.cif").contains("line 2").contains("not closed");
        assertThat(recs.get(4).source()).contains("set.zip!/crystals/ZnO.vasp");
        assertThat(recs.stream().filter(CrystalRecord::ok).map(r -> r.composition().reducedFormula()))
            .containsExactly("ClNa", "AsGa", "CaF2", "OZn");
    }

    @Test
    void csvCellsOfCifTextAndFormulaColumns() {
        List<CrystalRecord> cells = read(CrystalReader.Options.defaults(), dir.resolve("cells.csv"));
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0).source()).contains("cells.csv#row 1 (mp-1)");
        assertThat(cells.get(0).crystal().numSites()).isEqualTo(5);
        assertThat(cells.get(1).error()).contains("row 2 (mp-2)").contains("_cell_length_b");

        List<CrystalRecord> formulas = read(CrystalReader.Options.defaults(), dir.resolve("formulas.csv"));
        assertThat(formulas).hasSize(5);
        assertThat(formulas.subList(0, 4)).allMatch(r -> r.ok() && r.crystal() == null);
        assertThat(formulas).extracting(r -> r.ok() ? r.composition().reducedFormula() : "error")
            .containsExactly("Fe2O3", "CaH2O2", "CoLi0.5O2", "BiCl6Cs2Na", "error");
        assertThat(formulas.get(4).error()).contains("formulas.csv#row 5").contains("Xy2");
        List<CrystalRecord> byName = read(CrystalReader.Options.defaults().withFormat(CrystalReader.Format.FORMULA)
            .withColumn("name"), dir.resolve("formulas.csv"));
        assertThat(byName).allMatch(r -> !r.ok()); // "a", "b" ... are not formulas: clean error rows, none lost
        assertThat(byName).hasSize(5);
        List<CrystalRecord> missing = read(CrystalReader.Options.defaults().withColumn("nope"), dir.resolve("formulas.csv"));
        assertThat(missing).singleElement().satisfies(r -> assertThat(r.error()).contains("has no column 'nope'"));
    }

    @Test
    void failFastStopsAtTheFirstErrorAndMissingInputsAreErrors() {
        assertThatThrownBy(() -> read(CrystalReader.Options.defaults().withFailFast(true), dir.resolve("in")))
            .isInstanceOf(CrystalReadException.class).hasMessageContaining("broken.cif").hasMessageContaining("line 2");
        assertThat(read(CrystalReader.Options.defaults(), dir.resolve("nothing-here.cif")))
            .singleElement().satisfies(r -> assertThat(r.error()).contains("no such file"));
        Path noCif = dir.resolve("x.txt");
        try {
            Files.writeString(noCif, "hello\nworld\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(read(CrystalReader.Options.defaults(), noCif)).singleElement()
            .satisfies(r -> assertThat(r.error()).contains("not a CIF"));
    }

    @Test
    void cancellationStopsTheStreamAndProgressIsReported() {
        AtomicInteger calls = new AtomicInteger();
        List<CrystalRecord> none = read(CrystalReader.Options.defaults().withCancelled(() -> true), dir.resolve("in"));
        assertThat(none).isEmpty();
        read(CrystalReader.Options.defaults().withProgress((n, bytes, cur) -> calls.incrementAndGet()), dir.resolve("in"));
        assertThat(calls.get()).isPositive();
    }
}
