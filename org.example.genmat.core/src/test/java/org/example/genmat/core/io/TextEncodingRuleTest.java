package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule reads every text input, CIF, POSCAR and CSV alike ({@link Encodings#charsetOf}): UTF-16 by its byte-order
 * mark or zero bytes, UTF-8, else Latin-1; a byte-order mark is no text. It was written three times (CifText,
 * CifReader.decode, Encodings.firstNonUtf8), and a POSCAR kept the UTF-8 mark that tables, CIFs and UTF-16 dropped.
 */
class TextEncodingRuleTest {

    @TempDir
    Path dir;

    private static final String TEXT = "M\u00fcller";

    /** Each encoding a text input may come in, by name. */
    private static final Map<String, Function<String, byte[]>> ENCODINGS = new LinkedHashMap<>();

    static {
        ENCODINGS.put("UTF-8", t -> t.getBytes(StandardCharsets.UTF_8));
        ENCODINGS.put("UTF-8 with BOM", t -> ("\uFEFF" + t).getBytes(StandardCharsets.UTF_8));
        ENCODINGS.put("UTF-16BE with BOM", t -> Hostile.utf16(t, false, true));
        ENCODINGS.put("UTF-16LE with BOM", t -> Hostile.utf16(t, true, true));
        ENCODINGS.put("UTF-16LE without BOM", t -> Hostile.utf16(t, true, false));
    }

    private static String tableText(byte[] bytes) throws IOException {
        try (Reader r = Encodings.tableReader(new ByteArrayInputStream(bytes))) {
            StringBuilder b = new StringBuilder();
            for (int c = r.read(); c >= 0; c = r.read()) {
                b.append((char) c);
            }
            return b.toString();
        }
    }

    @Test
    void aWholeInputAndAStreamedTableDecodeAlike() throws IOException {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        ENCODINGS.forEach((name, encode) -> inputs.put(name, encode.apply(TEXT)));
        inputs.put("Latin-1", TEXT.getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            byte[] bytes = e.getValue();
            assertThat(Encodings.decode(bytes)).as(e.getKey()).isEqualTo(TEXT).isEqualTo(tableText(bytes));
            // the CIF reader's bytes, their non-ASCII values decoded in the charset of the whole
            byte[] cif = Encodings.toUtf8(bytes);
            assertThat(new CifText(cif).decode(0, cif.length)).as(e.getKey()).isEqualTo(TEXT);
        }
    }

    @Test
    void theCharsetOfAWholeInput() {
        Map<String, Charset> expected = Map.of("UTF-8", StandardCharsets.UTF_8, "UTF-8 with BOM", StandardCharsets.UTF_8,
            "UTF-16BE with BOM", StandardCharsets.UTF_16, "UTF-16LE with BOM", StandardCharsets.UTF_16,
            "UTF-16LE without BOM", StandardCharsets.UTF_16LE);
        ENCODINGS.forEach((name, encode) -> {
            assertThat(Encodings.charsetOf(encode.apply(TEXT))).as(name).isEqualTo(expected.get(name));
            assertThat(Encodings.firstNonUtf8(encode.apply(TEXT))).as(name).isEqualTo(-1); // no Latin-1 warning
        });
        byte[] latin1 = TEXT.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Encodings.charsetOf(latin1)).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(Encodings.firstNonUtf8(latin1)).isEqualTo(1); // the warning's byte 2
        assertThat(Encodings.charsetOf("NaCl".getBytes(StandardCharsets.US_ASCII))).isEqualTo(StandardCharsets.UTF_8);
    }

    /**
     * A CIF, a VASP 4 POSCAR (its species on the comment line) and a table, each in every encoding, read alike and
     * without a Latin-1 warning; a CIF not named as one is still known by its content. The POSCAR with a UTF-8 mark
     * read "\uFEFFGa" as its first species and failed, while its UTF-16 twin was read.
     */
    @Test
    void cifPoscarAndTableReadAlikeInEveryEncoding() throws IOException {
        String cif = Hostile.goodCif();
        String poscar = "Ga As\n1.0\n5.653 0 0\n0 5.653 0\n0 0 5.653\n4 4\nDirect\n0 0 0\n0 .5 .5\n.5 0 .5\n.5 .5 0\n"
            + ".25 .25 .25\n.75 .75 .25\n.75 .25 .75\n.25 .75 .75\n";
        String table = "formula,note\nKBr," + TEXT + "\n";
        int i = 0;
        for (Map.Entry<String, Function<String, byte[]>> e : ENCODINGS.entrySet()) {
            Path in = Files.createDirectories(dir.resolve("in" + i++));
            Function<String, byte[]> encode = e.getValue();
            Files.write(in.resolve("a.cif"), encode.apply(cif));
            Files.write(in.resolve("b.vasp"), encode.apply(poscar));
            Files.write(in.resolve("c.csv"), encode.apply(table));
            Files.write(in.resolve("d.txt"), encode.apply(cif)); // a CIF by its data_ block

            List<String> warnings = new ArrayList<>();
            List<CrystalRecord> rows;
            try (Stream<CrystalRecord> s = CrystalReader.read(List.of(in),
                CrystalReader.Options.defaults().withWarnings(warnings::add))) {
                rows = s.toList();
            }
            assertThat(rows).as(e.getKey()).allSatisfy(r -> assertThat(r.ok()).as(r.source() + ": " + r.error()).isTrue());
            assertThat(rows).as(e.getKey()).extracting(r -> r.composition().reducedFormula())
                .containsExactly("ClNa", "AsGa", "BrK", "ClNa");
            assertThat(warnings).as(e.getKey()).isEmpty();
        }
    }
}
