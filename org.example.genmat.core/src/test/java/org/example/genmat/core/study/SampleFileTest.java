package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFileTest {

    @TempDir
    Path dir;

    @Test
    void wellFormedRowsAreFourDistinctElementsOfTheSpaceWithoutANote() throws Exception {
        Path csv = dir.resolve("candidates-vae.csv");
        Files.writeString(csv, "origin,formula,a,B,C,D,note\n"
            + ",x,Ca,Al,Ba,F,\n"
            + ",x,Ca,Ca,Ba,F,\n"
            + ",x,Ca,Al,Xx,F,\n"
            + ",x,Ca,Al,Ba,F,element repeated\n"
            + ",\"x,Cs,Na,K,Cl,\n"
            + ",x,Cs,Na,K,Cl,\n"
            + ",x,Li,Be,Na\n");
        SampleFile f = SampleFile.read(csv);
        assertThat(f.name()).isEqualTo("candidates-vae");
        assertThat(f.rows()).isEqualTo(7);
        assertThat(f.wellFormed()).isEqualTo(2);
        assertThat(f.unreadable()).isEqualTo(1);
        assertThat(f.firstProblem()).isEqualTo("row 2: element Ca on both A and B");
        int ca = ElpasoliteDft.index("Ca");
        assertThat(f.draws()).startsWith(ca, ElpasoliteDft.index("Al"), ElpasoliteDft.index("Ba"), ElpasoliteDft.index("F"),
            -1, -1, -1, -1);
        // the rows in order as draws: malformed ones are draws that return false
        CompositionSource s = f.source();
        int[] sites = new int[4];
        assertThat(List.of(s.next(sites), s.next(sites), s.next(sites), s.next(sites), s.next(sites), s.next(sites),
            s.next(sites))).containsExactly(true, false, false, false, false, true, false);
        assertThat(sites[0]).isEqualTo(ElpasoliteDft.index("Cs"));
        assertThatThrownBy(() -> s.next(sites)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTableWithoutTheSiteColumnsOrNoTableIsRefusedByName() throws Exception {
        Path csv = dir.resolve("formulas.csv");
        Files.writeString(csv, "formula,A,B,C\nCs2NaBiCl6,Na,Bi,Cs\n");
        assertThatThrownBy(() -> SampleFile.read(csv)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("formulas.csv").hasMessageContaining("no column D");
        assertThatThrownBy(() -> SampleFile.read(dir)).hasMessageContaining("a folder");
        assertThatThrownBy(() -> SampleFile.read(dir.resolve("none.csv"))).hasMessageContaining("no such file");
        Path binary = dir.resolve("b.csv");
        Files.write(binary, new byte[] {'A', ',', 0, 1, 2});
        assertThatThrownBy(() -> SampleFile.read(binary)).hasMessageContaining("b.csv").hasMessageContaining("binary");
        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "A,B,C,D,D\nCa,Al,Ba,F,Xe\n");
        assertThatThrownBy(() -> SampleFile.read(twice)).hasMessageContaining("twice.csv: two columns named 'D'");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SampleFile.read(empty)).hasMessageContaining("empty.csv: empty table (no header line)");
    }

    @Test
    void aScoredFileGivesTheScoresOfTheSameStreamDrawnAsAModel() throws Exception {
        ElpasoliteDft.Table all = ElpasoliteDft.embedded();
        ElpasoliteDft.Table head = new ElpasoliteDft.Table("head", all.rows().subList(0, 300), List.of());
        Surrogate.Settings small = new Surrogate.Settings(List.of(2.0, 6.0), List.of(1e-3), 3, 200, 0.2, 7);
        TurkStudy.Prepared p = TurkStudy.prepare(head, small, 1, dir, 2, JobMonitor.NONE);
        TurkStudy.Run prevalence = TurkStudy.runBaselines(p, 500, 5, JobMonitor.NONE).get(1);
        // the baseline's samples written as a table, with malformed rows between them, and scored again
        StringBuilder text = new StringBuilder("A,B,C,D,note\n");
        int[] s = prevalence.sites();
        for (int i = 0; i < s.length; i += 4) {
            text.append("He,He,Li,F,\n");
            text.append(ElpasoliteDft.symbol(s[i])).append(',').append(ElpasoliteDft.symbol(s[i + 1])).append(',')
                .append(ElpasoliteDft.symbol(s[i + 2])).append(',').append(ElpasoliteDft.symbol(s[i + 3])).append(",\n");
        }
        Path csv = dir.resolve("prevalence.csv");
        Files.writeString(csv, text);
        TurkStudy.Run scored = TurkStudy.scoreFile(p, SampleFile.read(csv), 10_000, 5, JobMonitor.NONE);
        assertThat(scored.name()).isEqualTo("prevalence");
        assertThat(scored.sites()).isEqualTo(prevalence.sites());
        assertThat(scored.scores().precisionRight()).isEqualTo(prevalence.scores().precisionRight());
        assertThat(scored.scores().coverageRight()).isEqualTo(prevalence.scores().coverageRight());
        assertThat(scored.scores().jsMean()).isEqualTo(prevalence.scores().jsMean());
        assertThat(scored.scores().drawn()).isEqualTo(2 * 500);
        assertThat(scored.scores().wellFormed()).isEqualTo(500);
    }
}
