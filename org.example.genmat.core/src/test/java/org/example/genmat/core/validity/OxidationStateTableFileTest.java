package org.example.genmat.core.validity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.example.genmat.core.crystal.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's oxidation-state file (--oxidation-states FILE) is read as every table is, or refused naming the file. */
class OxidationStateTableFileTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void aUtf8BomAndUtf16AreReadLikePlainUtf8() throws Exception {
        String text = "Fe 2 3\nO -2\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        for (Path p : new Path[] {file("oxbom.txt", bom), file("ox16.txt", text.getBytes(StandardCharsets.UTF_16))}) {
            OxidationStateTable t = OxidationStateTable.fromFile(p);
            assertThat(t.states(Element.of("Fe"))).as(p.toString()).containsExactly(2, 3);
            assertThat(t.states(Element.of("O"))).as(p.toString()).containsExactly(-2);
        }
    }

    @Test
    void binaryOrUndecodableBytesAreRefusedNamingTheFile() throws Exception {
        Path nul = file("ox.bin", new byte[] {'F', 'e', ' ', '2', 0, 0, 1, 2, '\n'});
        assertThatThrownBy(() -> OxidationStateTable.fromFile(nul)).hasMessageContaining("ox.bin")
            .hasMessageContaining("binary data").hasMessageNotContaining("Input length");
        Path latin = file("ox.latin", new byte[] {'F', 'e', ' ', '2', '\n', (byte) 0xC0, (byte) 0xFF, ' ', '3', '\n'});
        // bytes that are not UTF-8 are read as Latin-1, as every text input is (Encodings.tableReader)
        assertThatThrownBy(() -> OxidationStateTable.fromFile(latin)).hasMessage("ox.latin line 2: unknown element '\u00c0\u00ff'");
    }

    @Test
    void anElementListedTwiceIsRefusedNamingBothLines() throws Exception {
        Path p = file("ox_dup.txt", "Fe 2\n# comment\nFe 3\nO -2\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OxidationStateTable.fromFile(p))
            .hasMessage("ox_dup.txt line 3: Fe is listed again (first on line 1); list each element once, with all its"
                + " states");
    }

    @Test
    void aTableWithoutAnyElementIsRefusedNamingTheFile() throws Exception {
        for (String text : new String[] {"", "# only a comment\n\n"}) {
            Path p = file("ox_empty.txt", text.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> OxidationStateTable.fromFile(p)).hasMessageStartingWith("ox_empty.txt: no element listed");
        }
    }
}
