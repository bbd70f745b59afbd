package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.example.genmat.core.demo.ExampleCrystals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and non-zip archives: an error record naming the archive or entry in plain words, the rest still read. */
class ZipArchiveReadingTest {

    @TempDir
    Path dir;

    private static List<CrystalRecord> read(Path... inputs) {
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(inputs))) {
            return s.toList();
        }
    }

    /** A zip of NaCl.cif then CaF2.cif, stored or deflated. */
    private static byte[] zipOfTwo(int method) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of("NaCl.cif", "CaF2.cif")) {
                byte[] data = ExampleCrystals.text(name).getBytes(StandardCharsets.UTF_8);
                ZipEntry e = new ZipEntry(name);
                e.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    e.setSize(data.length);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] d, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= d.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (d[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertFirstDamagedSecondRead(List<CrystalRecord> recs, String archive) {
        assertThat(recs).hasSize(2);
        assertThat(recs.get(0).ok()).isFalse();
        assertThat(recs.get(0).error()).isEqualTo(archive + "!/NaCl.cif: damaged zip entry (CRC mismatch)");
        assertThat(recs.get(1).ok()).isTrue();
        assertThat(recs.get(1).composition().reducedFormula()).isEqualTo("CaF2");
    }

    @Test
    void aStoredEntryWhoseBytesWereAlteredIsAnErrorRecordAndTheOtherEntryIsRead() throws IOException {
        byte[] zip = zipOfTwo(ZipEntry.STORED);
        // 5.64 Å becomes 9.64 Å: a well-formed CIF that only the CRC tells apart from the real one
        int at = indexOf(zip, "_cell_length_a   5.64".getBytes(StandardCharsets.US_ASCII), 0);
        assertThat(at).isPositive();
        zip[at + "_cell_length_a   ".length()] = '9';
        Path p = dir.resolve("bad_crc.zip");
        Files.write(p, zip);

        assertFirstDamagedSecondRead(read(p), p.toString());
    }

    @Test
    void aDeflatedEntryWhoseCrcFieldsWereChangedIsAnErrorRecord() throws IOException {
        byte[] zip = zipOfTwo(ZipEntry.DEFLATED);
        CRC32 crc = new CRC32();
        crc.update(ExampleCrystals.text("NaCl.cif").getBytes(StandardCharsets.UTF_8));
        long v = crc.getValue();
        byte[] le = {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        int changed = 0;
        for (int i = indexOf(zip, le, 0); i >= 0; i = indexOf(zip, le, i + 4)) {
            zip[i] ^= (byte) 0xff; // the data descriptor's and the central directory's copy alike
            changed++;
        }
        assertThat(changed).isGreaterThanOrEqualTo(2);
        Path p = dir.resolve("bad_crc_deflated.zip");
        Files.write(p, zip);

        assertFirstDamagedSecondRead(read(p), p.toString());
    }

    @Test
    void intactArchivesAndNestedOnesStillReadInFull() throws IOException {
        Path inner = dir.resolve("inner.zip");
        Files.write(inner, zipOfTwo(ZipEntry.DEFLATED));
        Path outer = dir.resolve("outer.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(outer))) {
            z.putNextEntry(new ZipEntry("inner.zip"));
            z.write(Files.readAllBytes(inner));
            z.closeEntry();
        }
        Path stored = dir.resolve("stored.zip");
        Files.write(stored, zipOfTwo(ZipEntry.STORED));

        assertThat(read(outer, stored)).hasSize(4).allSatisfy(r -> assertThat(r.ok()).as(r.error()).isTrue());
    }
}
