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

    @Test
    void aFileThatIsNoZipOrACutOneIsAnErrorRecordInPlainWordsAndTheOtherInputsAreRead() throws IOException {
        Path notZip = dir.resolve("notzip.zip");
        Files.writeString(notZip, "hello");
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(zipOfTwo(ZipEntry.STORED), 200));
        Path good = dir.resolve("good.cif");
        Files.writeString(good, ExampleCrystals.text("NaCl.cif"));

        List<CrystalRecord> recs = read(notZip, cut, good);
        assertThat(recs).hasSize(3);
        assertThat(recs.get(0).error())
            .isEqualTo(notZip + ": not a readable zip archive (no zip directory found; truncated or not a zip)");
        assertThat(recs.get(1).error())
            .isEqualTo(cut + ": not a readable zip archive (no zip directory found; truncated or not a zip)");
        assertThat(recs.get(2).ok()).isTrue();
    }

    @Test
    void corruptCompressedDataIsADamagedEntryInPlainWords() throws IOException {
        byte[] zip = zipOfTwo(ZipEntry.DEFLATED);
        int data = 30 + "NaCl.cif".length(); // the first entry's compressed bytes follow its local header
        for (int i = data + 2; i < data + 40; i++) {
            zip[i] ^= 0x55;
        }
        Path p = dir.resolve("corrupt.zip");
        Files.write(p, zip);

        List<CrystalRecord> recs = read(p);
        assertThat(recs).hasSize(2);
        // zlib's own words ("invalid code lengths set") mean nothing to a user
        assertThat(recs.get(0).error()).isEqualTo(p + "!/NaCl.cif: damaged zip entry (corrupt compressed data)");
        assertThat(recs.get(1).ok()).isTrue();
    }

    @Test
    void zipProblemsOfTheLibrariesReadInPlainWords() {
        assertThat(Messages.zipProblem(new IOException("Error reading Zip content from FileChannelImpl",
            new java.util.zip.ZipException("Archive is not a ZIP archive")), "?"))
            .isEqualTo("no zip directory found; truncated or not a zip");
        assertThat(Messages.zipProblem(new java.io.EOFException(), "?")).isEqualTo("its data ends early; truncated");
        assertThat(Messages.zipProblem(new java.util.zip.ZipException("invalid entry CRC (expected 0x1 but got 0x2)"), "?"))
            .isEqualTo("CRC mismatch");
        assertThat(Messages.zipProblem(new java.util.zip.ZipException("invalid code lengths set"), "?"))
            .isEqualTo("corrupt compressed data");
        assertThat(Messages.zipProblem(new IOException("Central directory is empty, can't expand corrupt archive."),
            "damaged zip directory")).isEqualTo("damaged zip directory");
    }
}
