package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
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
        ElpasoliteDft.Table t = ElpasoliteDft.read(new StringReader(csv), "t.csv");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.skipped()).hasSize(5);
        assertThat(t.skipped().get(0)).contains("t.csv line 3").contains("'Fe'");
        assertThat(t.skipped().get(1)).isEqualTo("t.csv line 4: element Na on both A and B");
        assertThat(t.skipped().get(2)).contains("line 5").contains("'abc' is not a number");
        assertThat(t.skipped().get(3)).contains("line 6");
        assertThat(t.skipped().get(4)).contains("line 7").contains("cells");
        assertThatThrownBy(() -> ElpasoliteDft.read(new StringReader("A,B,C\nNa,K,F\n"), "u.csv")).hasMessageContaining("u.csv has no column 'D'");
    }
}
