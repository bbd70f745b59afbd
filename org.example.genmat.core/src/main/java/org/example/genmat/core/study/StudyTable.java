package org.example.genmat.core.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;


/** The study's console table: one row per model and baseline, beside Türk et al.'s Table 1; mean ± s.d. over seeds. */
public final class StudyTable {

    private StudyTable() {
    }

    private record Column(String head, ToDoubleFunction<StudyScorer.Scores> value, boolean percent) {
    }

    private static final List<Column> COLUMNS = List.of(
        new Column("prec.right", StudyScorer.Scores::precisionRight, true),
        new Column("prec.neigh", StudyScorer.Scores::precisionNeighbouring, true),
        new Column("cov.right", StudyScorer.Scores::coverageRight, true),
        new Column("cov.neigh", StudyScorer.Scores::coverageNeighbouring, true),
        new Column("JS", StudyScorer.Scores::jsMean, false),
        new Column("unique", s -> s.unique(), false),
        new Column("novel", s -> s.novel(), false),
        new Column("novel c1", s -> s.novelTarget(), false));

    /** The table of one or several seeds (runs grouped by name; with several seeds each cell is mean ± s.d.). */
    public static String format(List<TurkStudy.Run> runs) {
        Map<String, List<StudyScorer.Scores>> byName = new LinkedHashMap<>();
        for (TurkStudy.Run r : runs) {
            byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.scores());
        }
        boolean several = byName.values().stream().anyMatch(l -> l.size() > 1);
        int w = several ? 15 : 10;
        // names wider than the column (a scored file's name) widen it, so the columns stay aligned
        String name = "%-" + Math.max(11, 1 + byName.keySet().stream().mapToInt(String::length).max().orElse(0)) + "s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, name, "generator"));
        for (Column c : COLUMNS) {
            sb.append(String.format(Locale.ROOT, " %" + w + "s", c.head()));
        }
        sb.append("   Türk et al. Table 1\n");
        for (Map.Entry<String, List<StudyScorer.Scores>> e : byName.entrySet()) {
            sb.append(String.format(Locale.ROOT, name, e.getKey()));
            for (Column c : COLUMNS) {
                double[] v = e.getValue().stream().mapToDouble(c.value()).toArray();
                sb.append(String.format(Locale.ROOT, " %" + w + "s", cell(v, c.percent(), c.head())));
            }
            sb.append("   ").append(TurkStudy.TABLE_1.getOrDefault(e.getKey(), "")).append('\n');
        }
        return sb.toString();
    }

    private static String cell(double[] v, boolean percent, String head) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double sd = 0;
        for (double x : v) {
            sd += (x - m) * (x - m);
        }
        sd = v.length > 1 ? Math.sqrt(sd / (v.length - 1)) : 0;
        if (percent) {
            return v.length > 1 ? String.format(Locale.ROOT, "%.1f±%.1f %%", 100 * m, 100 * sd) : String.format(Locale.ROOT, "%.1f %%", 100 * m);
        }
        if (head.equals("JS")) {
            return v.length > 1 ? String.format(Locale.ROOT, "%.3f±%.3f", m, sd) : String.format(Locale.ROOT, "%.3f", m);
        }
        return v.length > 1 ? String.format(Locale.ROOT, "%.0f±%.0f", m, sd) : String.format(Locale.ROOT, "%.0f", m);
    }
}
