package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.metrics.JensenShannon;
import org.example.genmat.core.surrogate.KernelRidge;
import org.example.genmat.core.surrogate.SpaceLabels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scores and baselines against a small real surrogate (400 DFT rows), recomputed here from plain sets. */
class StudyScorerTest {

    static ElpasoliteDft.Table data;
    static StudyReference ref;

    @BeforeAll
    static void setUp() throws Exception {
        ElpasoliteDft.Table all = ElpasoliteDft.embedded();
        data = new ElpasoliteDft.Table("head", all.rows().subList(0, 400), List.of());
        SpaceLabels labels = SpaceLabels.label(KernelRidge.fit(data.sites(), data.energies(), 6, 1e-3));
        ref = new StudyReference(labels, 2, data.rows());
    }

    @Test
    void scoresEqualAPlainRecount() {
        CompositionSource src = Baselines.uniform(3);
        StudyScorer scorer = new StudyScorer(ref, 500);
        List<int[]> drawn = new ArrayList<>();
        int[] s = new int[4];
        for (int i = 0; i < 5000; i++) {
            assertThat(src.next(s)).isTrue();
            scorer.add(s[0], s[1], s[2], s[3]);
            drawn.add(s.clone());
        }
        // a swapped copy of the first sample is the same composition: a repetition
        scorer.add(drawn.get(0)[1], drawn.get(0)[0], drawn.get(0)[2], drawn.get(0)[3]);
        drawn.add(new int[] {drawn.get(0)[1], drawn.get(0)[0], drawn.get(0)[2], drawn.get(0)[3]});
        scorer.malformed();
        StudyScorer.Scores sc = scorer.scores();

        Set<Long> training = new HashSet<>();
        for (ElpasoliteDft.Row r : data.rows()) {
            training.add(ElpasoliteSpace.key(r.a(), r.b(), r.c(), r.d()));
        }
        Map<Long, Integer> classOf = new HashMap<>();
        int inTarget = 0, inNeighbours = 0;
        double[][] gen = new double[3][ElpasoliteSpace.N];
        for (int[] x : drawn) {
            int c = ref.labels().classOf(x[0], x[1], x[2], x[3]);
            classOf.put(ElpasoliteSpace.key(x[0], x[1], x[2], x[3]), c);
            inTarget += c == 2 ? 1 : 0;
            inNeighbours += c == 1 || c == 3 ? 1 : 0;
            gen[0][x[0]]++;
            gen[0][x[1]]++;
            gen[1][x[2]]++;
            gen[2][x[3]]++;
        }
        long uniqueTarget = classOf.values().stream().filter(c -> c == 2).count();
        long novel = classOf.keySet().stream().filter(k -> !training.contains(k)).count();
        long novelTarget = classOf.entrySet().stream().filter(e -> e.getValue() == 2 && !training.contains(e.getKey())).count();
        long[] sizes = ref.classSizes();
        assertThat(sc.wellFormed()).isEqualTo(5001);
        assertThat(sc.drawn()).isEqualTo(5002);
        assertThat(sc.unique()).isEqualTo(classOf.size());
        assertThat(sc.novel()).isEqualTo(novel);
        assertThat(sc.rediscovered()).isEqualTo(classOf.size() - novel);
        assertThat(sc.novelTarget()).isEqualTo(novelTarget);
        assertThat(sc.precisionRight()).isCloseTo(inTarget / 5001.0, within(1e-12));
        assertThat(sc.precisionNeighbouring()).isCloseTo(inNeighbours / 5001.0, within(1e-12));
        assertThat(sc.coverageRight()).isCloseTo((double) uniqueTarget / sizes[2], within(1e-12));
        double[][] r = ref.siteCounts();
        double ab = JensenShannon.distance(gen[0], r[0]);
        assertThat(sc.jsAB()).isCloseTo(ab, within(1e-12));
        assertThat(sc.jsMean()).isCloseTo((2 * ab + JensenShannon.distance(gen[1], r[1]) + JensenShannon.distance(gen[2], r[2])) / 4, within(1e-12));
        assertThat(sc.curve()).hasSize(11);
        assertThat(sc.curve().get(0).wellFormed()).isEqualTo(500);
        assertThat(sc.curve().get(10).novelTarget()).isEqualTo(novelTarget);
    }

    @Test
    void uniformIsUniformAndPrevalenceDrawsOnlyTrainingElementsOfTheClass() {
        CompositionSource u = Baselines.uniform(11);
        int[] s = new int[4];
        long[] countA = new long[ElpasoliteSpace.N];
        for (int i = 0; i < 78_000; i++) {
            u.next(s);
            assertThat(Baselines.repeats(s)).isFalse();
            countA[s[0]]++;
        }
        for (long c : countA) {
            assertThat(c).isBetween(1600L, 2400L); // 2,000 expected per element
        }
        List<ElpasoliteDft.Row> rows = List.of(new ElpasoliteDft.Row(2, 10, 8, 16, -2.5), new ElpasoliteDft.Row(10, 18, 8, 17, -2.4));
        double[][] w = Baselines.siteFrequencies(rows);
        assertThat(w[0][10]).isEqualTo(2); // Na on A and on B, pooled
        CompositionSource p = Baselines.prevalence(rows, 5);
        int malformed = 0;
        for (int i = 0; i < 20_000; i++) {
            if (!p.next(s)) {
                malformed++;
                continue;
            }
            assertThat(s[0]).isIn(2, 10, 18);
            assertThat(s[1]).isIn(2, 10, 18);
            assertThat(s[2]).isEqualTo(8);
            assertThat(s[3]).isIn(16, 17);
        }
        // A and B both Na, or both Li, or both K: 1/4 + 1/16 + 1/16 of the draws
        assertThat(malformed).isBetween(7000, 8000);
        // same seed, same stream
        CompositionSource p1 = Baselines.prevalence(rows, 5), p2 = Baselines.prevalence(rows, 5);
        int[] a = new int[4], b = new int[4];
        for (int i = 0; i < 100; i++) {
            assertThat(p1.next(a)).isEqualTo(p2.next(b));
            assertThat(a).isEqualTo(b);
        }
    }
}
