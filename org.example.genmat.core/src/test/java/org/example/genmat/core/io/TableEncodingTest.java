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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables decode as CIFs do: UTF-8 (BOM or not), UTF-16, and Latin-1 when the bytes are not UTF-8. */
class TableEncodingTest {

    @TempDir
    Path dir;

    private static List<List<String>> rows(Path p) throws IOException {
        try (CsvRecords r = CsvRecords.open(p)) {
            List<List<String>> out = new ArrayList<>();
            out.add(r.header());
            for (CsvRecords.Row row = r.next(); row != null; row = r.next()) {
                out.add(row.cells());
            }
            return out;
        }
    }

    @Test
    void aLatin1TableReadsAsLatin1AndSaysSoOnce() throws IOException {
        Path csv = dir.resolve("lat.csv");
        Files.write(csv, "formula,note\r\nNaCl\u00b72H2O,M\u00fcller\r\nKBr,\u00c5\r\n".getBytes(StandardCharsets.ISO_8859_1));

        try (CsvRecords r = CsvRecords.open(csv)) {
            r.header();
            assertThat(r.next().cells()).containsExactly("NaCl\u00b72H2O", "M\u00fcller");
            assertThat(r.next().cells()).containsExactly("KBr", "\u00c5");
            assertThat(r.next()).isNull();
            // "formula,note\r\n" is bytes 1-14, "NaCl" 15-18: the middle dot is byte 19
            assertThat(r.encodingWarning("lat.csv")).isEqualTo("lat.csv: not UTF-8 from byte 19 on; read as Latin-1"
                + " (ISO-8859-1)");
        }
    }

    @Test
    void aLatin1ByteAfterManyKilobytesOfAsciiStillReadsAsLatin1() throws IOException {
        StringBuilder sb = new StringBuilder("formula,note\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("NaCl,plain\n");
        }
        sb.append("KBr,M\u00fcller\n");
        Path csv = dir.resolve("late.csv");
        Files.write(csv, sb.toString().getBytes(StandardCharsets.ISO_8859_1));

        List<List<String>> rows = rows(csv);
        assertThat(rows).hasSize(5002);
        assertThat(rows.get(5001)).containsExactly("KBr", "M\u00fcller");
    }

    @Test
    void utf8WithOrWithoutBomAndUtf16StayAsTheyWereWithoutAWarning() throws IOException {
        String text = "formula,note\nNaCl,M\u00fcller \u212b \ud83d\ude00\n";
        Path plain = dir.resolve("u8.csv");
        Files.write(plain, text.getBytes(StandardCharsets.UTF_8));
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\ufeff" + text).getBytes(StandardCharsets.UTF_8));
        Path u16 = dir.resolve("u16.csv");
        Files.write(u16, text.getBytes(StandardCharsets.UTF_16));
        Path u16le = dir.resolve("u16le.csv");
        Files.write(u16le, text.getBytes(StandardCharsets.UTF_16LE));

        for (Path p : List.of(plain, bom, u16, u16le)) {
            assertThat(rows(p)).as(p.toString())
                .containsExactly(List.of("formula", "note"), List.of("NaCl", "M\u00fcller \u212b \ud83d\ude00"));
            try (CsvRecords r = CsvRecords.open(p)) {
                while (r.next() != null) {
                    // to the end
                }
                assertThat(r.encodingWarning(p.toString())).as(p.toString()).isNull();
            }
        }
    }

    @Test
    void aUtf8SequenceCutAtTheEndReadsAsLatin1NotAsAReplacementCharacter() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("formula\nNaCl".getBytes(StandardCharsets.US_ASCII));
        b.write(0xC3); // the first byte of a two-byte sequence, and then the end
        Path csv = dir.resolve("cut.csv");
        Files.write(csv, b.toByteArray());
        assertThat(rows(csv).get(1)).containsExactly("NaCl\u00c3");
    }

    @Test
    void theCrystalReaderReadsALatin1FormulaAndCarriesTheLatin1Note() throws IOException {
        Path csv = dir.resolve("lat.csv");
        Files.write(csv, "formula,note\r\nNaCl\u00b72H2O,M\u00fcller\r\n".getBytes(StandardCharsets.ISO_8859_1));
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(csv))) {
            List<CrystalRecord> recs = s.toList();
            assertThat(recs).hasSize(1);
            assertThat(recs.get(0).ok()).as(String.valueOf(recs.get(0).error())).isTrue();
        }
    }
}
