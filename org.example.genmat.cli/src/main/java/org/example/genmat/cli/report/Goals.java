package org.example.genmat.cli.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.example.genmat.core.study.StudyScorer;
import org.example.genmat.core.study.TurkStudy;

/**
 * The report's "Goals" table: issue 11's goals for the study, each judged on this run's rows (one seed), with the model
 * that meets or misses it and by how much. Nothing here is remembered from other runs.
 */
final class Goals {

    static final double BEST_PRECISION = 0.90;
    static final double BEST_COVERAGE = 0.62;
    static final double BEST_JS = 0.16;
    static final double TIMES_UNIFORM = 20;
    static final long NOVEL_TARGET = 1500;
    /** Well-formed samples per model the goals are set for (the demo's and Türk et al.'s 10,000). */
    static final long GOAL_SAMPLES = 10_000;

    private Goals() {
    }

    static void append(StringBuilder h, List<TurkStudy.Run> runs, int target) {
        List<TurkStudy.Run> models = runs.stream().filter(r -> r.family() != null).toList();
        Optional<TurkStudy.Run> uniform = runs.stream().filter(r -> r.name().equals("uniform")).findFirst();
        Optional<TurkStudy.Run> prevalence = runs.stream().filter(r -> r.name().equals("prevalence")).findFirst();
        if (models.isEmpty()) {
            return;
        }
        h.append("<h2>Goals</h2>\n<p>The goals GenMat set itself for this study, judged on this run's rows: one seed, "
            + "so a goal met here may be missed on another seed and the other way round."
            + (models.stream().allMatch(m -> m.scores().wellFormed() == GOAL_SAMPLES) ? "" : String.format(Locale.ROOT, " The goals are set "
                + "for %,d well-formed samples per model; this run drew %s, so its coverage and novel counts are not comparable with them.",
                GOAL_SAMPLES, models.stream().map(m -> String.format(Locale.ROOT, "%,d", m.scores().wellFormed())).distinct()
                    .collect(java.util.stream.Collectors.joining(" / "))))
            + "</p>\n<table><tr><th class=\"l\">goal</th>"
            + "<th class=\"l\">this run</th><th class=\"l\">verdict</th></tr>\n");
        TurkStudy.Run p = best(models, c -> c.precisionRight(), true);
        row(h, "best precision &ge; 90 %", name(p), p.scores().precisionRight(), BEST_PRECISION, true, Shown.PERCENT);
        TurkStudy.Run c = best(models, x -> x.coverageRight(), true);
        row(h, "best coverage &ge; 62 %", name(c), c.scores().coverageRight(), BEST_COVERAGE, true, Shown.PERCENT);
        TurkStudy.Run j = best(models, x -> x.jsMean(), false);
        row(h, "best JS &le; 0.16", name(j), j.scores().jsMean(), BEST_JS, false, Shown.DISTANCE);
        if (prevalence.isPresent()) {
            StudyScorer.Scores b = prevalence.get().scores();
            List<String> behind = models.stream().filter(m -> !(m.scores().precisionRight() > b.precisionRight()
                && m.scores().coverageRight() > b.coverageRight() && m.scores().jsMean() < b.jsMean())).map(TurkStudy.Run::name).toList();
            verdictRow(h, "every model ahead of the prevalence baseline on precision, coverage and JS at once",
                behind.isEmpty() ? "all " + models.size() + " models" : "behind: " + String.join(", ", behind), behind.isEmpty());
        }
        if (uniform.isPresent()) {
            StudyScorer.Scores u = uniform.get().scores();
            List<String> short20 = models.stream().filter(m -> !(m.scores().precisionRight() >= TIMES_UNIFORM * u.precisionRight()
                && m.scores().coverageRight() >= TIMES_UNIFORM * u.coverageRight())).map(TurkStudy.Run::name).toList();
            verdictRow(h, "every model &ge; 20&times; the uniform baseline on precision and coverage",
                short20.isEmpty() ? "all " + models.size() + " models" : "short: " + String.join(", ", short20), short20.isEmpty());
        }
        TurkStudy.Run n = best(models, x -> x.novelTarget(), true);
        verdictRow(h, "&gt; 1,500 novel class-" + target + " compositions from one model",
            name(n) + String.format(Locale.ROOT, "%,d", n.scores().novelTarget()), n.scores().novelTarget() > NOVEL_TARGET);
        h.append("</table>\n");
    }

    private static TurkStudy.Run best(List<TurkStudy.Run> models, ToDoubleFunction<StudyScorer.Scores> score, boolean highest) {
        TurkStudy.Run best = models.get(0);
        for (TurkStudy.Run r : models) {
            double a = score.applyAsDouble(r.scores()), b = score.applyAsDouble(best.scores());
            if (highest ? a > b : a < b) {
                best = r;
            }
        }
        return best;
    }

    /** How a goal's figure is shown: a share as a percentage with one decimal (margins in points), or a distance with three. */
    private enum Shown {
        PERCENT(100, 1, " points", " %"), DISTANCE(1, 3, "", "");

        final double scale;
        final int decimals;
        final String marginUnit;
        final String valueUnit;

        Shown(double scale, int decimals, String marginUnit, String valueUnit) {
            this.scale = scale;
            this.decimals = decimals;
            this.marginUnit = marginUnit;
            this.valueUnit = valueUnit;
        }

        /** The figure as the tables show it (formatted as {@link Html#pct} does), in its scale. */
        java.math.BigDecimal rounded(double v) {
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%." + decimals + "f", scale * v));
        }
    }

    /**
     * A goal judged on the exact figure; the margin is the difference of the figures as shown, so that a reader who
     * subtracts them gets it (93.55 % shows as 93.6 %, met by 3.6 points, not 3.5); a miss smaller than the last shown
     * digit is "missed by less than" it.
     */
    private static void row(StringBuilder h, String goal, String name, double value, double target, boolean higherIsBetter, Shown shown) {
        boolean met = higherIsBetter ? value >= target : value <= target;
        java.math.BigDecimal by = shown.rounded(value).subtract(shown.rounded(target)).abs();
        String margin = by.signum() == 0 && !met
            ? "less than " + java.math.BigDecimal.ONE.movePointLeft(shown.decimals).toPlainString() + shown.marginUnit
            : by.toPlainString() + shown.marginUnit;
        h.append("<tr><td class=\"l\">").append(goal).append("</td><td class=\"l\">")
            .append(Html.esc(name + shown.rounded(value).toPlainString() + shown.valueUnit)).append("</td><td class=\"l\">")
            .append(met ? "met (by " + margin + ")" : "<b>missed by " + margin + "</b>").append("</td></tr>\n");
    }

    private static void verdictRow(StringBuilder h, String goal, String value, boolean met) {
        h.append("<tr><td class=\"l\">").append(goal).append("</td><td class=\"l\">").append(Html.esc(value)).append("</td><td class=\"l\">")
            .append(met ? "met" : "<b>missed</b>").append("</td></tr>\n");
    }

    private static String name(TurkStudy.Run r) {
        return r.name() + ": ";
    }
}
