package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder read passes over the crystal tables in it: they are earlier outputs of a read, not inputs. */
class EarlierOutputTest {

    @TempDir
    Path dir;

    private final List<String> skipped = new ArrayList<>();

    private List<CrystalRecord> read(Path... inputs) {
        CrystalReader.Options o = CrystalReader.Options.defaults().withSkipped((p, why) -> skipped.add(why + ": " + p));
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(inputs), o)) {
            return s.toList();
        }
    }

    /** A crystal table as genmat read writes it (one crystal, its P1 CIF in the cif cell), with a kept column. */
    private Path crystalTable(Path file) throws IOException {
        List<String> header = new ArrayList<>(CrystalTable.COLUMNS);
        header.add("id");
        StringWriter text = new StringWriter();
        try (CrystalTable.TableWriter w = new CrystalTable.TableWriter(text, header)) {
            CrystalRecord nacl = CifReader.read(Hostile.goodCif(), "a.cif").get(0);
            List<String> row = new ArrayList<>(CrystalTable.toRow(nacl).values());
            row.add("mp-1");
            w.writeValues(row);
        }
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text.toString());
    }

    @Test
    void aCrystalTableInAFolderIsPassedOverWithItsName() throws IOException {
        Files.createDirectories(dir.resolve("in/sub"));
        Files.writeString(dir.resolve("in/a.cif"), Hostile.goodCif());
        Files.writeString(dir.resolve("in/formulas.csv"), "formula\nKBr\n");
        Path earlier = crystalTable(dir.resolve("in/crystals.csv"));
        Path deeper = crystalTable(dir.resolve("in/sub/old run.csv"));

        List<CrystalRecord> rows = read(dir.resolve("in"));

        assertThat(rows).extracting(r -> r.composition().reducedFormula()).containsExactly("ClNa", "BrK");
        assertThat(skipped).containsExactlyInAnyOrder(CrystalReader.EARLIER_OUTPUT + ": " + earlier,
            CrystalReader.EARLIER_OUTPUT + ": " + deeper);
        assertThat(CrystalReader.EARLIER_OUTPUT).contains("earlier output of genmat read", "name the file to read it");
    }

    @Test
    void aCrystalTableNamedAsAnInputIsRead() throws IOException {
        Path earlier = crystalTable(dir.resolve("in/crystals.csv"));

        List<CrystalRecord> rows = read(earlier);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.composition().reducedFormula()).isEqualTo("ClNa");
        });
        assertThat(skipped).isEmpty();
    }

    @Test
    void aCrystalTableInAFolderAndNamedTooIsReadOnceAndNotCalledSkipped() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/a.cif"), Hostile.goodCif());
        Path earlier = crystalTable(dir.resolve("in/crystals.csv"));
        Path other = crystalTable(dir.resolve("in/old.csv"));

        // genmat read in in/crystals.csv, either way round: the table is the user's input, read once, where first met
        for (List<Path> inputs : List.of(List.of(dir.resolve("in"), earlier), List.of(earlier, dir.resolve("in")),
            List.of(dir.resolve("in"), dir.resolve("in/./crystals.csv")))) {
            skipped.clear();
            List<CrystalRecord> rows = read(inputs.toArray(Path[]::new));

            String cif = dir.resolve("in/a.cif") + "#ClNa", table = earlier + "#row 1 (mp-1)#ClNa";
            assertThat(rows).as("%s", inputs).extracting(CrystalRecord::source)
                .containsExactlyElementsOf(inputs.get(0).equals(earlier) ? List.of(table, cif) : List.of(cif, table));
            // the skip line named it as passed over although it was read; the other earlier output is still named
            assertThat(skipped).as("%s", inputs).containsExactly(CrystalReader.EARLIER_OUTPUT + ": " + other);
        }
    }

    @Test
    void aCrystalTableReadBackKeepsItsFormulaOnlyRows() throws IOException {
        // a read of a CIF and a formula table writes one row with a cif cell and one with only a formula
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/a.cif"), Hostile.goodCif());
        Files.writeString(dir.resolve("in/formulas.csv"), "formula\nKBr\n");
        Path table = dir.resolve("crystals.csv");
        CrystalTable.write(table, read(dir.resolve("in")));

        List<CrystalRecord> again = read(table);

        assertThat(again).allSatisfy(r -> assertThat(r.ok()).as(String.valueOf(r.error())).isTrue());
        assertThat(again).extracting(r -> r.composition().reducedFormula()).containsExactly("ClNa", "BrK");
        assertThat(again.get(0).crystal()).isNotNull();
        assertThat(again.get(1).crystal()).isNull();
    }

    @Test
    void aTableWithTheCrystalColumnsInAnotherOrderOrSomeOfThemIsAnInput() throws IOException {
        // not what a read writes: a table of the user's
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/mine.csv"), "source,formula,composition\nx,NaCl,\n");
        List<String> swapped = new ArrayList<>(CrystalTable.COLUMNS);
        java.util.Collections.swap(swapped, 0, 1);
        Files.writeString(dir.resolve("in/swapped.csv"), String.join(",", swapped) + "\n");

        assertThat(read(dir.resolve("in"))).extracting(CrystalRecord::source)
            .containsExactly(dir.resolve("in/mine.csv") + "#row 1 (x)");
        assertThat(skipped).isEmpty();
    }

    @Test
    void aCrystalTableInsideAZipIsRead() throws IOException {
        Path table = crystalTable(dir.resolve("t/crystals.csv"));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("crystals.csv"));
            z.write(Files.readAllBytes(table));
            z.closeEntry();
        }
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/shared.zip"), zip.toByteArray());

        assertThat(read(dir.resolve("in"))).extracting(r -> r.composition().reducedFormula()).containsExactly("ClNa");
        assertThat(skipped).isEmpty();
    }

    @Test
    void theCrystalTableHeaderIsTheWritersOne() {
        List<String> withKept = new ArrayList<>(CrystalTable.COLUMNS);
        withKept.add("stability_class");
        assertThat(CrystalTable.isCrystalTable(CrystalTable.COLUMNS)).isTrue();
        assertThat(CrystalTable.isCrystalTable(withKept)).isTrue();
        assertThat(CrystalTable.isCrystalTable(CrystalTable.COLUMNS.subList(0, CrystalTable.COLUMNS.size() - 1)))
            .isFalse();
        assertThat(CrystalTable.isCrystalTable(List.of("formula"))).isFalse();
    }
}
