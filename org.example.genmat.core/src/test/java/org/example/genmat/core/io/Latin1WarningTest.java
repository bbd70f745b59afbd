package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table, CIF or POSCAR that is not UTF-8 is read as Latin-1, and the read says so once per file. */
class Latin1WarningTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private List<CrystalRecord> read(Path... inputs) {
        CrystalReader.Options o = CrystalReader.Options.defaults().withWarnings(warnings::add);
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(inputs), o)) {
            return s.toList();
        }
    }

    private Path latin1(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The byte (from 1) of the first character of a Latin-1 text that is no ASCII: its first byte that is no UTF-8. */
    private static int firstNonAscii(String latin1) {
        int i = 0;
        while (latin1.charAt(i) < 0x80) {
            i++;
        }
        return i + 1;
    }

    @Test
    void aLatin1TableIsReadAndNamedOnceWithItsFirstByteThatIsNotUtf8() throws IOException {
        // "formula,note\n" is bytes 1-13, "NaCl," 14-18, the 'ü' of "Müller" byte 20
        Path csv = latin1("lat.csv", "formula,note\nNaCl,M\u00fcller\nKBr,\u00c5ngstr\u00f6m\nLiF,plain\n");

        List<CrystalRecord> rows = read(csv);

        assertThat(rows).hasSize(3).allMatch(CrystalRecord::ok);
        assertThat(rows.get(0).tableCells()).containsExactly("M\u00fcller");
        assertThat(warnings).containsExactly(csv + ": not UTF-8 from byte 20 on; read as Latin-1 (ISO-8859-1)");
    }

    @Test
    void aLatin1TrainingTableIsNamedOnceToo() throws IOException {
        Path csv = latin1("train.csv", "formula,note\nNaCl,M\u00fcller\nKBr,plain\n");
        List<String> told = new ArrayList<>();

        List<org.example.genmat.core.model.ModelTrainer.Row> rows = org.example.genmat.core.model.ModelTrainer.readRows(csv, null,
            told::add);

        assertThat(rows).hasSize(2).allMatch(r -> r.record().ok());
        assertThat(told).containsExactly(csv + ": not UTF-8 from byte 20 on; read as Latin-1 (ISO-8859-1)");
        told.clear();
        org.example.genmat.core.model.ModelTrainer.readRows(Files.writeString(dir.resolve("utf8.csv"), "formula\nNaCl\n"), null,
            told::add);
        assertThat(told).isEmpty();
    }

    @Test
    void theByteIsCountedInTheFileBeyondTheFirstBufferAndAfterAByteOrderMark() throws IOException {
        StringBuilder text = new StringBuilder("formula,note\n");
        for (int i = 0; i < 5000; i++) {
            text.append("NaCl,plain\n"); // 11 bytes a row: 55,000 bytes, beyond the decoder's 8 KiB buffer
        }
        text.append("KBr,M\u00fcller\n");
        Path late = latin1("late.csv", text.toString());
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.write("formula\nM\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1));
        Path marked = Files.write(dir.resolve("bom.csv"), bom.toByteArray());

        read(late, marked);

        assertThat(warnings).containsExactly(
            late + ": not UTF-8 from byte " + (13 + 5000 * 11 + 6) + " on; read as Latin-1 (ISO-8859-1)",
            marked + ": not UTF-8 from byte 13 on; read as Latin-1 (ISO-8859-1)");
    }

    @Test
    void utf8AndUtf16TablesAndCrystalFilesSayNothing() throws IOException {
        Files.writeString(dir.resolve("u8.csv"), "formula,note\nNaCl,M\u00fcller \u212b\n");
        Files.write(dir.resolve("u16.csv"), "formula,note\nNaCl,M\u00fcller\n".getBytes(StandardCharsets.UTF_16));
        Files.writeString(dir.resolve("nacl.cif"), Hostile.goodCif() + "\n_publ_author_name 'M\u00fcller'\n");
        Files.write(dir.resolve("le.cif"), Hostile.utf16(Hostile.goodCif(), true, true));

        assertThat(read(dir)).hasSize(4).allMatch(CrystalRecord::ok);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aLatin1CifAndPoscarAreReadWholeAsLatin1AndNamedToo() throws IOException {
        String cif = Hostile.goodCif() + "\n_publ_author_name 'M\u00fcller'\n";
        Path old = latin1("old.cif", cif);
        String vasp = Hostile.goodPoscar().replaceFirst("\n", " (\u00e9tude)\n");
        Path poscar = latin1("POSCAR_ga", vasp);

        List<CrystalRecord> rows = read(old, poscar);

        assertThat(rows).extracting(r -> r.composition().reducedFormula()).containsExactly("ClNa", "AsGa");
        assertThat(warnings).containsExactly(
            old + ": not UTF-8 from byte " + firstNonAscii(cif) + " on; read as Latin-1 (ISO-8859-1)",
            poscar + ": not UTF-8 from byte " + firstNonAscii(vasp) + " on; read as Latin-1 (ISO-8859-1)");
    }

    @Test
    void aLatin1EntryOfAZipIsNamedByItsPathInTheArchive() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("old/a.cif"));
            z.write((Hostile.goodCif() + "\n_publ_author_name 'M\u00fcller'\n").getBytes(StandardCharsets.ISO_8859_1));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("t.csv"));
            z.write("formula\nNaCl\u00b72H2O\n".getBytes(StandardCharsets.ISO_8859_1));
            z.closeEntry();
        }
        Path archive = Files.write(dir.resolve("set.zip"), zip.toByteArray());

        assertThat(read(archive)).hasSize(2).allMatch(CrystalRecord::ok);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith(archive + "!/old/a.cif: not UTF-8 from byte ");
        assertThat(warnings.get(1)).isEqualTo(archive + "!/t.csv: not UTF-8 from byte 13 on; read as Latin-1 (ISO-8859-1)");
    }

    @Test
    void warningsComeInInputOrderOncePerFile() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path p = latin1("many/" + String.format("f%02d.csv", i), "formula\nNaCl\u00b72H2O\nKBr\u00b7H2O\nLiF\n");
            expected.add(p + ": not UTF-8 from byte 13 on; read as Latin-1 (ISO-8859-1)");
        }

        assertThat(read(dir.resolve("many"))).hasSize(120);
        assertThat(warnings).containsExactlyElementsOf(expected);
    }

    @Test
    void nobodyListeningCostsNoWarning() throws IOException {
        Path csv = latin1("lat.csv", "formula\nNaCl\u00b72H2O\n");
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(csv))) {
            assertThat(s.toList()).singleElement().matches(CrystalRecord::ok);
        }
    }
}
