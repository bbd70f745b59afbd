package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElpasoliteDftTest {

    @Test
    void embeddedDataHas5645RowsAnd38OfClass1() throws Exception {
        ElpasoliteDft.Table t = ElpasoliteDft.embedded();
        assertThat(t.rows()).hasSize(5645);
        assertThat(t.skipped()).isEmpty();
        assertThat(t.rows().stream().filter(r -> r.stabilityClass() == 1).count()).isEqualTo(38);
        ElpasoliteDft.Row first = t.rows().get(0); // CaOF2Cs6
        assertThat(first.formula()).isEqualTo("CaOF2Cs6");
        assertThat(ElpasoliteDft.class.getResource("/org/example/genmat/core/study/LICENSE-skipatom.txt")).isNotNull();
        assertThat(ElpasoliteDft.class.getResource("/org/example/genmat/core/study/CITATION.txt")).isNotNull();
        assertThat(t.embedded()).isTrue();
        assertThat(t.provenance()).contains(ElpasoliteDft.CITATION);
    }

    @Test
    void aUsersFileIsNeverCitedAsTheEmbeddedDataWhateverItsName(@TempDir Path dir) throws Exception {
        ElpasoliteDft.Table embedded = ElpasoliteDft.embedded();
        Path file = dir.resolve(embedded.source());
        Files.writeString(file, "A,B,C,D,formation_energy_ev_per_atom\nNa,K,F,Cl,-1.5\n");
        ElpasoliteDft.Table t = ElpasoliteDft.read(file);
        assertThat(t.source()).isEqualTo(embedded.source());
        assertThat(t.embedded()).isFalse();
        assertThat(t.provenance()).isEqualTo(embedded.source()).doesNotContain("Faber");
    }

    /** Compositions held by more than one row (a repeat, an A↔B swap) are all kept, listed by line and told in one line. */
    @Test
    void repeatedCompositionsAreKeptAndNamedByLine() throws Exception {
        String csv = "A,B,C,D,formation_energy_ev_per_atom\n"
            + "Na,K,F,Cl,-1.0\n"
            + "Li,Na,F,Cl,-0.5\n"
            + "K,Na,F,Cl,-1.05\n"
            + "Li,Na,F,Cl,-0.2\n"
            + "Mg,Ca,O,S,0.1\n"
            + "Na,Li,F,Cl,-0.45\n";
        ElpasoliteDft.Table t = ElpasoliteDft.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
        assertThat(t.rows()).hasSize(6);
        assertThat(t.repeatedCompositions()).extracting(ElpasoliteDft.RepeatedComposition::names)
            .containsExactly(java.util.List.of("line 2", "line 4"), java.util.List.of("line 3", "line 5", "line 7"));
        assertThat(t.repeatedCompositions().get(1).spread()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ElpasoliteDft.repeatsNote(t.repeatedCompositions())).isEqualTo("2 compositions occur 2 to 3 times (A<->B swaps counted"
            + " as one), e.g. line 2 and line 4; 1 of them with energies more than 0.1 eV/atom apart (up to 0.300, LiNaF2Cl6 line 3 and"
            + " line 5 and line 7); all rows kept, each composition's rows in one cross-validation fold");

        ElpasoliteDft.Table embedded = ElpasoliteDft.embedded();
        assertThat(embedded.rows()).hasSize(5645); // every repeat is kept
        assertThat(embedded.repeatedCompositions()).hasSize(17).allMatch(r -> r.rows().size() == 2 && r.spread() <= 0.1);
        assertThat(ElpasoliteDft.repeatsNote(embedded.repeatedCompositions())).startsWith("17 compositions occur twice (A<->B swaps"
            + " counted as one), e.g. line 47 and line 1629; all rows kept");
        assertThat(ElpasoliteDft.repeatsNote(java.util.List.of())).isEmpty();
    }

    @Test
    void badRowsAreReportedByLineAndTheOthersKept() throws Exception {
        String csv = "formula,A,B,C,D,formation_energy_ev_per_atom\n"
            + "x,Na,K,F,Cl,-1.5\n"
            + "x,Na,Fe,F,Cl,-1.0\n"
            + "x,Na,Na,F,Cl,-1.0\n"
            + "x,Na,K,F,Cl,abc\n"
            + "x,Na,K,F,Cl,NaN\n"
            + "x,Na,K,F\n"
            + "x,Li,K,F,Cl,0.25\n";
        ElpasoliteDft.Table t = ElpasoliteDft.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.skipped()).hasSize(5);
        assertThat(t.skipped().get(0)).contains("t.csv line 3").contains("'Fe'");
        assertThat(t.skipped().get(1)).isEqualTo("t.csv line 4: element Na on both A and B");
        assertThat(t.skipped().get(2)).contains("line 5").contains("'abc' is not a number");
        assertThat(t.skipped().get(3)).contains("line 6");
        assertThat(t.skipped().get(4)).contains("line 7").contains("cells");
        assertThatThrownBy(() -> ElpasoliteDft.read(new ByteArrayInputStream("A,B,C\nNa,K,F\n".getBytes(StandardCharsets.UTF_8)), "u.csv"))
            .hasMessageStartingWith("u.csv has no column 'D'");
    }

    /** A user's file is read as every table of the project: a malformed row costs itself, UTF-16 is decoded, bad files are named. */
    @Test
    void aUsersFileLosesOnlyItsBadRowsAndBadFilesAreNamed(@TempDir Path dir) throws Exception {
        String header = "A,B,C,D,formation_energy_ev_per_atom\n";
        String good = "Na,K,F,Cl,-1.5\n";
        Path quote = dir.resolve("quote.csv");
        Files.writeString(quote, header + good + "\"Ge,S,Cl,Sr,-0.1\n" + good.repeat(3));
        ElpasoliteDft.Table t = ElpasoliteDft.read(quote);
        assertThat(t.rows()).hasSize(4);
        assertThat(t.skipped()).containsExactly("quote.csv: line 3: a quote opened in this row is never closed");

        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, (header + good + good).getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertThat(ElpasoliteDft.read(utf16).rows()).hasSize(2);

        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "A,B,C,D,D,formation_energy_ev_per_atom\nNa,K,F,Cl,Br,-1\n");
        assertThatThrownBy(() -> ElpasoliteDft.read(twice)).hasMessageContaining("twice.csv: two columns named 'D'");

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> ElpasoliteDft.read(empty)).hasMessageContaining("empty.csv: empty table (no header line)");
        assertThatThrownBy(() -> ElpasoliteDft.read(dir)).hasMessageContaining("a folder, not a table");
        Path binary = dir.resolve("random.csv");
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Files.write(binary, noise);
        assertThatThrownBy(() -> ElpasoliteDft.read(binary)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("random.csv").hasMessageNotContaining("Exception").hasMessageNotContaining("Input length");
    }
}
