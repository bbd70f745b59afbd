package org.example.genmat.core.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.TableSchema;

/**
 * The study's output tables, one definition for the demo's report ({@code table.csv}, {@code candidates.csv}),
 * {@code genmat metrics --study} and Diversity Metrics: the scores of each generated stream and baseline, and the
 * ranked novel candidates.
 */
public final class StudyTables {

    /** The ranked novel candidates ({@link NovelCandidates}). */
    public static final TableSchema CANDIDATES = TableSchema.of(Column.count("rank"), Column.string("formula"), Column.string("A"),
        Column.string("B"), Column.string("C"), Column.string("D"), Column.number("predicted_energy_ev_per_atom"),
        Column.integer("stability_class"), Column.string("proposed_by"), Column.count("times_proposed"), Column.bool("valid"),
        Column.bool("valid_icsd24"), Column.string("verdict"));

    private StudyTables() {
    }

    /**
     * One row per scored stream: its name, family ("baseline" for a baseline, "table" for a scored table), seed,
     * well-formed samples and draws, Türk et al.'s precision and coverage (right and neighbouring class), the site-wise
     * JS distances (A and B both the pooled A+B distance) and their mean, unique / novel / rediscovered counts, the
     * novel compositions of the target class, and the seconds spent training and sampling.
     */
    public static TableSchema scores(int targetClass) {
        return TableSchema.of(Column.string("name"), Column.string("family"), Column.count("seed"), Column.count("samples"),
            Column.count("drawn"), Column.number("precision_right"), Column.number("precision_neighbouring"),
            Column.number("coverage_right"), Column.number("coverage_neighbouring"), Column.number("js_a"), Column.number("js_b"),
            Column.number("js_c"), Column.number("js_d"), Column.number("js_mean"), Column.count("unique"), Column.count("novel"),
            Column.count("rediscovered"), Column.count("novel_class" + targetClass), Column.number("train_seconds"),
            Column.number("sample_seconds"));
    }

    /** The rows of {@link #scores}, in the runs' order. */
    public static List<List<Object>> scoreRows(List<TurkStudy.Run> runs) {
        List<List<Object>> rows = new ArrayList<>();
        for (TurkStudy.Run r : runs) {
            StudyScorer.Scores c = r.scores();
            rows.add(Arrays.asList(r.name(), r.family() != null ? r.family().name() : r.baseline() ? "baseline" : "table", r.seed(),
                c.wellFormed(), c.drawn(), c.precisionRight(), c.precisionNeighbouring(), c.coverageRight(), c.coverageNeighbouring(),
                c.jsAB(), c.jsAB(), c.jsC(), c.jsD(), c.jsMean(), c.unique(), c.novel(), c.rediscovered(), c.novelTarget(),
                r.trainSeconds(), r.sampleSeconds()));
        }
        return rows;
    }

    /** The rows of {@link #CANDIDATES}, in rank order. */
    public static List<List<Object>> candidateRows(List<NovelCandidates.Candidate> candidates) {
        List<List<Object>> rows = new ArrayList<>();
        for (NovelCandidates.Candidate c : candidates) {
            rows.add(Arrays.asList((long) c.rank(), c.formula(), c.a(), c.b(), c.c(), c.d(), c.predictedEnergy(), c.stabilityClass(),
                String.join(" ", c.proposedBy()), c.timesProposed(), c.valid(), c.validIcsd24(), c.verdict()));
        }
        return rows;
    }
}
