package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.demo.ExampleCrystals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NUL byte in a cell near a table's start costs only its row; real binary data is still refused as a whole. */
class BinaryTableSniffingTest {

    @TempDir
    Path dir;

    private static List<CrystalRecord> read(Path p) {
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(p))) {
            return s.toList();
        }
    }

    @Test
    void aNulInACifCellOfTheFirstKilobytesCostsOnlyItsRow() throws IOException {
        String cif = ExampleCrystals.text("NaCl.cif");
        Path csv = dir.resolve("cifs.csv");
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(csv), CSVFormat.DEFAULT)) {
            p.printRecord("material_id", "cif");
            for (int i = 1; i <= 20; i++) {
                // row 2 starts well inside the first 8 KiB, which the binary sniffing reads
                p.printRecord("m-" + i, i == 2 ? cif.replace("data_", "\0data_") : cif);
            }
        }
        assertThat(Files.size(csv)).isGreaterThan(Encodings.SNIFF_BYTES);

        List<CrystalRecord> recs = read(csv);
        assertThat(recs).hasSize(20);
        assertThat(recs.stream().filter(CrystalRecord::ok)).hasSize(19);
        assertThat(recs.get(1).error()).startsWith(csv + "#row 2 (m-2): ").contains("binary data");
    }

    @Test
    void aNulInAFormulaCellOfASmallTableCostsOnlyItsRowForEveryTableReader() throws IOException {
        Path csv = dir.resolve("f.csv");
        Files.write(csv, "formula,e\nNaCl,1\nCaO\0,7\nKBr,2\n".getBytes(StandardCharsets.UTF_8));

        List<CrystalRecord> recs = read(csv);
        assertThat(recs).hasSize(3);
        assertThat(recs.get(1).error()).startsWith(csv + "#row 2: ").contains("unexpected character");
        assertThat(recs.get(0).ok()).isTrue();
        assertThat(recs.get(2).ok()).isTrue();
        // the readers of filter, metrics and train open tables the same way
        try (Stream<Map<String, String>> rows = CrystalTable.readRows(csv)) {
            assertThat(rows.map(r -> r.get("e"))).containsExactly("1", "7", "2");
        }
        try (CsvRecords rows = CsvRecords.open(csv)) {
            assertThat(rows.header()).containsExactly("formula", "e");
            assertThat(rows.next().ok()).isTrue();
        }
    }

    @Test
    void realBinaryDataIsStillRefusedAsAWhole() throws IOException {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[0] = 'x'; // no NUL in a first line of its own: the share of control bytes decides
        for (int i = 1; i < 64; i++) {
            random[i] = random[i] == 0 || random[i] == '\n' ? 1 : random[i];
        }
        random[64] = '\n';
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write("formula\nNaCl\n".repeat(200).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R', 0, 0, 0, 1,
            0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89, 0, 0, 0, '\r', 'I', 'D', 'A', 'T'};
        for (Map.Entry<String, byte[]> e : Map.of("random.csv", random, "gzip.csv", gz.toByteArray(), "png.csv", png)
            .entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.write(p, e.getValue());
            assertThat(read(p)).as(e.getKey()).singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo(p + ": cannot read table: binary data (NUL bytes), not a CSV table"));
        }
    }

    @Test
    void utf16TextIsNoBinary() {
        byte[] utf16 = "formula\nNaCl\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(Encodings.looksBinaryTable(utf16, utf16.length)).isFalse();
    }
}
