package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.reliability.Hostile;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crystal file given where a table is wanted (train, filter, metrics, sample --in) is judged as genmat read judges
 * it: binary data in read's words, a CIF read by read's path (train), anything else named for what it is, with the
 * way to make a table of it.
 */
class CrystalFileAsTableTest {

    @TempDir
    Path dir;

    /** What genmat read makes of one file: its records, error records included. */
    private static List<CrystalRecord> readAsRead(Path file) {
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(file))) {
            return s.toList();
        }
    }

    private Path nulCif() throws IOException {
        return Files.write(dir.resolve("binary_nul.cif"), new byte[1000]);
    }

    /** Random bytes named .cif, with a NUL among the first (random bytes hold one in 256). */
    private Path randomCif() throws IOException {
        byte[] bytes = new byte[1000];
        new Random(7).nextBytes(bytes);
        bytes[17] = 0;
        return Files.write(dir.resolve("random.cif"), bytes);
    }

    private static void filter(Path table) throws IOException {
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(table), null, r -> { }, w -> { });
    }

    @Test
    void oneLookAtAFilesStartLetsTheAcceptedCrystalFileThroughAndJudgesTheRestAsATableWanted() throws IOException {
        Path cif = Files.writeString(dir.resolve("x.cif"), Hostile.goodCif());
        Path poscar = Files.writeString(dir.resolve("POSCAR"), Hostile.goodPoscar());
        Path table = Files.writeString(dir.resolve("t.csv"), "formula\nNaCl\n");
        assertThat(CrystalReader.requireTableOr(cif, CrystalReader.Format.CIF)).isEqualTo(CrystalReader.Format.CIF);
        assertThat(CrystalReader.requireTableOr(nulCif(), CrystalReader.Format.CIF)).isEqualTo(CrystalReader.Format.CIF);
        assertThat(CrystalReader.requireTableOr(table, CrystalReader.Format.CIF)).isNull();
        assertThatThrownBy(() -> CrystalReader.requireTableOr(poscar, CrystalReader.Format.CIF))
            .hasMessage(poscar + " is a POSCAR file, not a table; read it into a crystal table first: genmat read " + poscar
                + " -o crystals.csv (Read Crystals in KNIME)");
        assertThatThrownBy(() -> CrystalReader.requireTableOr(cif, null)).hasMessageContaining("is a CIF file, not a table");
    }

    @Test
    void trainReadsABinaryCifAsReadDoes() throws IOException {
        for (Path binary : List.of(nulCif(), randomCif())) {
            String readsVerdict = readAsRead(binary).get(0).error();
            assertThat(readsVerdict).isEqualTo(binary + ": binary data (NUL bytes), not a CIF text file");

            List<ModelTrainer.Row> rows = ModelTrainer.readRows(binary, null);

            assertThat(rows).singleElement().satisfies(r -> assertThat(r.record().error()).isEqualTo(readsVerdict));
        }
    }

    @Test
    void trainReadsACifFileByReadsPathAndSaysWhenItIsLatin1() throws IOException {
        Path cif = dir.resolve("old.cif");
        Files.write(cif, (Hostile.goodCif().replace("\u00a7", "section") + "\n_publ_author_name 'M\u00fcller'\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        List<String> warnings = new ArrayList<>();

        List<ModelTrainer.Row> rows = ModelTrainer.readRows(cif, null, warnings::add);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.record().ok()).as(String.valueOf(r.record().error())).isTrue();
            assertThat(r.record().source()).isEqualTo(readAsRead(cif).get(0).source());
        });
        assertThat(warnings).singleElement().asString().startsWith(cif + ": not UTF-8 from byte ");
    }

    @Test
    void filterMetricsAndSampleRefuseABinaryCifInReadsWords() throws IOException {
        Path binary = nulCif();
        String readsVerdict = readAsRead(binary).get(0).error();

        assertThatThrownBy(() -> filter(binary)).hasMessage(readsVerdict);
        assertThatThrownBy(() -> CrystalTable.readRows(binary).close()).hasMessage(readsVerdict);
    }

    @Test
    void aCifOrPoscarGivenAsATableIsNamedSoWithTheWayToATable() throws IOException {
        Path cif = Files.writeString(dir.resolve("good.cif"), "# generated using pymatgen\n" + Hostile.goodCif());
        Path poscar = Files.writeString(dir.resolve("POSCAR_NaCl"), Hostile.goodPoscar());
        Path cifByContent = Files.writeString(dir.resolve("structure.txt"), Hostile.goodCif());

        assertThatThrownBy(() -> filter(cif)).hasMessage(cif + " is a CIF file, not a table; read it into a crystal table"
            + " first: genmat read " + cif + " -o crystals.csv (Read Crystals in KNIME)");
        assertThatThrownBy(() -> filter(cifByContent)).hasMessageStartingWith(cifByContent + " is a CIF file, not a table");
        assertThatThrownBy(() -> CrystalTable.readRows(cif).close()).hasMessageStartingWith(cif + " is a CIF file, not a table");
        for (Path p : List.of(poscar)) {
            String refusal = p + " is a POSCAR file, not a table; read it into a crystal table first: genmat read " + p
                + " -o crystals.csv (Read Crystals in KNIME)";
            assertThatThrownBy(() -> filter(p)).hasMessage(refusal);
            // train reads CIF files (its documented input), not POSCARs: one structure is no training set
            assertThatThrownBy(() -> ModelTrainer.readRows(p, null)).hasMessage(refusal);
        }
        // a CIF train reads as read does: by name or by content
        assertThat(ModelTrainer.readRows(cifByContent, null)).singleElement()
            .satisfies(r -> assertThat(r.record().composition().reducedFormula()).isEqualTo("ClNa"));
    }

    @Test
    void aTableNamedAsOneIsNeverSniffedForCifText() throws IOException {
        // a crystal table's cif cells hold data_ blocks at line starts; named .csv it is a table, as read takes it
        Path csv = dir.resolve("cifs.csv");
        try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(csv),
            org.apache.commons.csv.CSVFormat.DEFAULT)) {
            p.printRecord("cif");
            p.printRecord("# generated using pymatgen\n" + Hostile.goodCif());
        }
        List<String> formulas = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(csv), null,
            r -> formulas.add(r.sample().composition().reducedFormula()), w -> { });
        assertThat(formulas).containsExactly("ClNa");
        assertThat(ModelTrainer.readRows(csv, null)).hasSize(1);
    }
}
