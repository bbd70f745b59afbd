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
import org.example.genmat.core.cli.DemoCommand;
import org.example.genmat.core.cli.GenmatCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class CrystalReaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeInputs() throws IOException {
        Files.createDirectories(dir.resolve("in/sub/deeper"));
        Files.writeString(dir.resolve("in/NaCl.cif"), DemoCommand.resource("NaCl.cif"));
        Files.writeString(dir.resolve("in/sub/POSCAR"), DemoCommand.resource("GaAs.vasp"));
        Files.writeString(dir.resolve("in/sub/deeper/broken.cif"), "data_x\n_cell_length_a 'oops\n");
        Files.writeString(dir.resolve("in/sub/notes.md"), "not a crystal, skipped by the folder walk");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("in/sub/set.zip")))) {
            for (String name : List.of("CaF2.cif", "ZnO.vasp")) {
                z.putNextEntry(new ZipEntry("crystals/" + name));
                z.write(DemoCommand.resource(name).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(dir.resolve("cells.csv")), CSVFormat.DEFAULT)) {
            p.printRecord("", "material_id", "cif");
            p.printRecord("0", "mp-1", DemoCommand.resource("SrTiO3.cif"));
            p.printRecord("1", "mp-2", "data_bad\n_cell_length_a 1\n");
        }
        Files.writeString(dir.resolve("formulas.csv"), "name,Formula\na,Fe2O3\nb,Ca(OH)2\nc,Li0.5CoO2\nd,Cs2NaBiCl6\ne,Xy2\n");
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

    @Test
    void readCommandWritesTheStandardTable() throws IOException {
        Path out = dir.resolve("out.csv");
        int rc = GenmatCli.commandLine().execute("read", dir.resolve("in").toString(), dir.resolve("formulas.csv").toString(),
            "--out", out.toString());
        assertThat(rc).isZero();
        List<Map<String, String>> rows;
        try (Stream<Map<String, String>> s = CrystalTable.readRows(out)) {
            rows = s.toList();
        }
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(CrystalTable.COLUMNS);
        assertThat(rows.get(0).get("formula")).isEqualTo("ClNa");
        assertThat(rows.get(0).get("nsites")).isEqualTo("8");
        assertThat(rows.get(2).get("error")).contains("broken.cif");
        assertThat(rows.get(5).get("composition")).isEqualTo("Fe:2 O:3");

        StringWriter err = new StringWriter();
        CommandLine cl = GenmatCli.commandLine();
        cl.setErr(new PrintWriter(err));
        int failed = cl.execute("read", dir.resolve("in").toString(), "--fail-fast", "--out", dir.resolve("o2.csv").toString());
        assertThat(failed).isEqualTo(1);
        assertThat(err.toString()).contains("broken.cif").contains("line 2").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void benchReadReportsThroughput() {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(GenmatCli.commandLine().execute("bench", "read", dir.resolve("in").toString())).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("5 inputs").contains("4 crystals").contains("1 errors")
            .contains("files/s").contains("MB/s");
    }
}
