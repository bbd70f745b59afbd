package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.nio.file.Path;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.metrics.MetricsJob;
import org.example.genmat.core.study.Baselines;
import org.example.genmat.core.study.CompositionSource;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.SampleFile;
import org.example.genmat.core.study.StudyScorer;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;

class DiversityMetricsNodeTest {

    private static BufferedDataTable formulas(final String... f) {
        final DataTableSpec spec = Tables.spec("formula", StringCell.TYPE, "class", StringCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        for (String s : f) {
            final String[] parts = s.split("/");
            rows.add(new Object[]{parts[0].isEmpty() ? null : parts[0], parts.length > 1 ? parts[1] : null});
        }
        return Tables.table(spec, rows);
    }

    static Map<String, Double> metrics(final BufferedDataTable t) {
        final Map<String, Double> m = new HashMap<>();
        for (DataRow r : Tables.rows(t)) {
            m.put(((StringValue)r.getCell(0)).getStringValue(),
                r.getCell(1).isMissing() ? Double.NaN : ((DoubleValue)r.getCell(1)).getDoubleValue());
        }
        return m;
    }

    @Test
    void countsValidityNoveltyAndTagsEverySample() throws Exception {
        final BufferedDataTable generated = formulas("NaCl", "KCl", "KCl", "NaCl2", "", "LiF", "CsBr");
        final BufferedDataTable training = formulas("NaCl/1", "KBr/1", "LiF/2", "CsI/2", "RbCl/3");
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final PortObject[] out = node.execute(generated, training, null);
        final Map<String, Double> m = metrics((BufferedDataTable)out[0]);
        assertThat(m.get("validity_both")).isEqualTo(5.0 / 7);
        assertThat(m.get("validity_composition")).isEqualTo(5.0 / 7);
        assertThat(m.get("uniqueness")).isEqualTo(4.0 / 5);
        assertThat(m.get("novelty")).isEqualTo(2.0 / 4); // KCl, CsBr new; NaCl, LiF rediscovered
        assertThat(m.get("rediscovery")).isEqualTo(2.0 / 4);
        assertThat(m.get("novel_count")).isEqualTo(2.0);
        assertThat(m.get("repetition_rate")).isEqualTo(1.0 / 5);
        // no coverage by default (as genmat metrics without --cutoffs): the presets are calibrated per dataset
        assertThat(m).containsKey("emd_num_elements").doesNotContainKeys("cov_recall_composition_only",
            "cov_precision_composition_only");
        final BufferedDataTable tags = (BufferedDataTable)out[1];
        assertThat(tags.size()).isEqualTo(7);
        assertThat(strings(tags, "tag")).containsExactly("rediscovery", "novel", "repetition", "invalid",
            "invalid", "rediscovery", "novel");
        final BufferedDataTable curve = (BufferedDataTable)out[2];
        final DataRow last = Tables.rows(curve).get((int)curve.size() - 1);
        assertThat(((LongValue)last.getCell(0)).getLongValue()).isEqualTo(7);
        assertThat(((LongValue)last.getCell(3)).getLongValue()).isEqualTo(2);
        assertThat(node.warning()).contains("1 generated (first: Row4)").doesNotContain("training");
        // the element distribution (genmat metrics --elements): the shares of the valid generated rows sum to 1
        final BufferedDataTable elements = (BufferedDataTable)out[5];
        assertThat(List.of(elements.getDataTableSpec().getColumnNames())).containsExactly("site", "element", "p_generated",
            "p_reference");
        assertThat(Tables.column(elements, "p_generated").stream().mapToDouble(c -> ((DoubleValue)c).getDoubleValue()).sum())
            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(strings(elements, "element")).contains("Na", "Cl", "Cs");

        final NodeSettings s = node.saveSettings();
        s.addString("preset", "PEROV_5");
        node.loadSettings(s);
        // unreadable rows of every table are counted, the first of each named
        final Map<String, Double> withCov = metrics((BufferedDataTable)node.execute(generated, training,
            formulas("NaCl/1", "", "KBr/1"))[0]);
        assertThat(withCov).containsKeys("cov_recall_composition_only", "cov_precision_composition_only");
        assertThat(withCov.get("cov_precision_composition_only")).isBetween(0.0, 1.0);
        assertThat(node.warning()).contains("1 generated (first: Row4)", "1 reference (first: Row1)");
    }

    @Test
    void classMetricsForATargetClass() throws Exception {
        final BufferedDataTable generated = formulas("LiF", "CsI", "CsI", "NaCl", "KCl");
        final BufferedDataTable training = formulas("NaCl/1", "KBr/1", "LiF/2", "CsI/2", "RbCl/3");
        assertThat(training.size()).isEqualTo(5);
        final NodeRunner node = targetClass2();
        final Map<String, Double> m = metrics((BufferedDataTable)node.execute(generated, training, null)[0]);
        assertThat(m.get("precision_right_class")).isEqualTo(3.0 / 5);
        assertThat(m.get("coverage_right_class")).isEqualTo(1.0);
        assertThat(m.get("precision_neighbouring_classes")).isEqualTo(1.0 / 5); // NaCl in class 1; KCl unknown
    }

    /** The node with the class column "class" and the target class 2. */
    private static NodeRunner targetClass2() throws Exception {
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addString("classColumn", "class");
        s.addInt("targetClass", 2);
        node.loadSettings(s);
        return node;
    }

    /**
     * As genmat metrics: a missing class cell or one that is no class leaves that row out of the class figures with a
     * warning naming the first such row; the other rows are used and the row still counts by its composition.
     */
    @Test
    void missingOrBadClassCellsAreLeftOutOfTheClassFiguresWithAWarning() throws Exception {
        final BufferedDataTable generated = formulas("LiF", "CsI", "CsI", "NaCl", "KCl");
        final BufferedDataTable training = formulas("NaCl/1", "KBr/abc", "LiF/2", "CsI/2", "RbCl/");
        final NodeRunner node = targetClass2();
        final Map<String, Double> m = metrics((BufferedDataTable)node.execute(generated, training, null)[0]);
        assertThat(m.get("precision_right_class")).isEqualTo(3.0 / 5);
        assertThat(m.get("coverage_right_class")).isEqualTo(1.0);
        assertThat(m.get("rediscovery")).isEqualTo(3.0 / 4); // LiF, CsI, NaCl: training compositions all the same
        assertThat(node.warning()).contains("2 training rows have no usable class in column \"class\" (first: Row1)");
    }

    @Test
    void configureChecksTablesAndClassColumn() throws Exception {
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final DataTableSpec ok = Tables.spec("formula", StringCell.TYPE);
        assertThatThrownBy(() -> node.configure(Tables.spec("x", StringCell.TYPE), ok, null))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("generated table");
        final NodeSettings s = node.saveSettings();
        s.addString("classColumn", "polymorphs");
        s.addInt("targetClass", 1);
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(ok, ok, null)).hasMessageContaining("\"polymorphs\"");
        s.addInt("targetClass", -1);
        assertThatThrownBy(() -> node.loadSettings(s)).hasMessageContaining("target class");
        s.addInt("targetClass", 1);
        s.addString("classColumn", "formula");
        node.loadSettings(s);
        assertThat(node.configure(ok, ok, null)).hasSize(6); // a string class column is accepted at configure
        // a column in which no row holds a class is refused once, as genmat metrics refuses it (a bad cell among good
        // ones leaves its row out with a warning: missingOrBadClassCellsAreLeftOutOfTheClassFiguresWithAWarning)
        assertThatThrownBy(() -> node.execute(formulas("NaCl"), formulas("NaCl"), null)).hasMessageContaining(
            "training table: no row has a usable class in the class column 'formula' (Row0 holds 'NaCl')");
        // a number column cannot hold the classes (the dialog does not offer it either)
        final DataTableSpec energies = Tables.spec("formula", StringCell.TYPE, "energy", DoubleCell.TYPE);
        s.addString("classColumn", "energy");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(ok, energies, null)).hasMessageContaining("must hold integer");
    }

    /**
     * With the elpasolite study on, the node scores the generated elpasolites as the study scores a table (genmat demo
     * --score): the same figures for the table and the baselines, the novel class-1 candidates ranked by predicted
     * energy; a training row without an energy is left out of the surrogate with a warning naming it.
     */
    @Test
    void theElpasoliteStudyScoresAsTheStudyDoes(@TempDir final Path cache) throws Exception {
        final StudyFixture f = new StudyFixture();
        // the surrogate cache folder setting (--cache-dir of genmat metrics), not the home folder
        final NodeRunner node = studyNode(300, 5, cache);
        final PortObject[] out = node.execute(f.generated(), f.training(), null);
        assertThat(node.warning()).contains("1 training rows were left out of the surrogate", "Row7", "formation energy is missing");

        final TurkStudy.Prepared p = TurkStudy.prepare(f.expectedData().build(), Surrogate.Settings.defaults(), 1, cache, 2,
            JobMonitor.NONE);
        assertThat(p.surrogate().fromCache()).as("the node's surrogate, cached").isTrue();
        final List<TurkStudy.Run> runs = TurkStudy.scoreTables(p, List.of(f.expectedFile().build()), 300, 5, JobMonitor.NONE);
        assertThat(metrics((BufferedDataTable)out[0])).containsEntry("surrogate_holdout_mae_ev_per_atom", p.surrogate().holdoutMae())
            .containsEntry("study_target_class_compositions", (double)p.reference().classSizes()[1]);
        final BufferedDataTable study = (BufferedDataTable)out[3];
        assertThat(strings(study, "name")).containsExactly("generated", "uniform", "prevalence");
        assertThat(strings(study, "family")).containsExactly("table", "baseline", "baseline");
        for (int i = 0; i < runs.size(); i++) {
            final StudyScorer.Scores expected = runs.get(i).scores();
            final DataRow row = Tables.rows(study).get(i);
            final DataTableSpec spec = study.getDataTableSpec();
            assertThat(((LongValue)row.getCell(spec.findColumnIndex("samples"))).getLongValue()).isEqualTo(expected.wellFormed());
            assertThat(((LongValue)row.getCell(spec.findColumnIndex("drawn"))).getLongValue()).isEqualTo(expected.drawn());
            assertThat(((DoubleValue)row.getCell(spec.findColumnIndex("precision_right"))).getDoubleValue())
                .isEqualTo(expected.precisionRight());
            assertThat(((DoubleValue)row.getCell(spec.findColumnIndex("coverage_right"))).getDoubleValue())
                .isEqualTo(expected.coverageRight());
            assertThat(((DoubleValue)row.getCell(spec.findColumnIndex("js_mean"))).getDoubleValue()).isEqualTo(expected.jsMean());
            assertThat(((LongValue)row.getCell(spec.findColumnIndex("novel_class1"))).getLongValue())
                .isEqualTo(expected.novelTarget());
        }
        // the generated table: 398 well-formed rows, the first 300 scored in 302 draws (the note and the repeat)
        assertThat(runs.get(0).samples()).isEqualTo(300);
        assertThat(runs.get(0).scores().drawn()).isEqualTo(302);
        final BufferedDataTable candidates = (BufferedDataTable)out[4];
        final List<NovelCandidates.Candidate> ranked = NovelCandidates.rank(p, runs);
        assertThat(ranked).isNotEmpty();
        assertThat(strings(candidates, "formula")).containsExactlyElementsOf(ranked.stream().map(NovelCandidates.Candidate::formula)
            .toList());
        final List<Double> energies = Tables.column(candidates, "predicted_energy_ev_per_atom").stream()
            .map(c -> ((DoubleValue)c).getDoubleValue()).toList();
        assertThat(energies).isSorted();
        assertThat(Tables.column(candidates, "stability_class")).allMatch(c -> ((IntValue)c).getIntValue() == 1);
    }

    @Test
    void theStudyNeedsTheElpasolitePrototypeAndTheSiteAndEnergyColumns() throws Exception {
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addBoolean("study", true);
        assertThatThrownBy(() -> node.loadSettings(s)).hasMessageContaining("set the class column");
        s.addString("classColumn", "stability_class");
        s.addInt("targetClass", 1);
        assertThatThrownBy(() -> node.loadSettings(s)).hasMessageContaining("prototype Elpasolite");
        final DataTableSpec sites = Tables.spec("A", StringCell.TYPE, "B", StringCell.TYPE, "C", StringCell.TYPE, "D",
            StringCell.TYPE, "stability_class", IntCell.TYPE);
        NodeTestSupport.group(s, "validity").addString("prototype", "ELPASOLITE");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(sites, sites, null)).hasMessageContaining("\"" + ElpasoliteDft.ENERGY + "\"")
            .hasMessageContaining("training table");
        s.addInt("targetClass", 11);
        assertThatThrownBy(() -> node.loadSettings(s)).hasMessageContaining("target class 1..10");
    }

    /**
     * Elpasolites to score: a training table of the first 500 DFT rows and every class-1 row (Row7 without its energy),
     * and a generated table of 400 draws of the prevalence baseline, with a note on Row5 and a repeated element on Row3;
     * with the {@link ElpasoliteDft} and {@link SampleFile} the study reads from them.
     */
    static final class StudyFixture {
        private final List<Object[]> trainingRows = new ArrayList<>();
        private final List<Object[]> generatedRows = new ArrayList<>();
        private final ElpasoliteDft.Builder expectedData = new ElpasoliteDft.Builder("fixture");
        private final SampleFile.Builder expectedFile = new SampleFile.Builder(MetricsJob.GENERATED);
        private final DataTableSpec trainingSpec;
        private final DataTableSpec generatedSpec;

        StudyFixture() throws Exception {
            final List<ElpasoliteDft.Row> all = ElpasoliteDft.embedded().rows();
            final List<ElpasoliteDft.Row> dft = new ArrayList<>(all.subList(0, 500));
            all.subList(500, all.size()).stream().filter(r -> r.stabilityClass() == 1).forEach(dft::add);
            trainingSpec = Tables.spec("A", StringCell.TYPE, "B", StringCell.TYPE, "C", StringCell.TYPE, "D",
                StringCell.TYPE, ElpasoliteDft.ENERGY, DoubleCell.TYPE, "stability_class", IntCell.TYPE);
            for (int i = 0; i < dft.size(); i++) {
                final ElpasoliteDft.Row r = dft.get(i);
                final Double energy = i == 7 ? null : r.energy(); // Row7 has no energy
                trainingRows.add(new Object[]{ElpasoliteDft.symbol(r.a()), ElpasoliteDft.symbol(r.b()), ElpasoliteDft.symbol(r.c()),
                    ElpasoliteDft.symbol(r.d()), energy, r.stabilityClass()});
                expectedData.add("Row" + i, ElpasoliteDft.symbol(r.a()), ElpasoliteDft.symbol(r.b()), ElpasoliteDft.symbol(r.c()),
                    ElpasoliteDft.symbol(r.d()), energy == null ? "" : Double.toString(energy));
            }
            // generated: draws of the prevalence baseline, a row with a note and a row with a repeated element
            generatedSpec = Tables.spec("A", StringCell.TYPE, "B", StringCell.TYPE, "C", StringCell.TYPE, "D",
                StringCell.TYPE, "note", StringCell.TYPE);
            final CompositionSource prevalence = Baselines.prevalence(dft.stream().filter(r -> r.stabilityClass() == 1).toList(), 11);
            final int[] x = new int[4];
            for (int i = 0; i < 400; i++) {
                final String[] sites = new String[4];
                String note = null;
                if (i == 3) {
                    sites[0] = "Na";
                    sites[1] = "Na";
                    sites[2] = "K";
                    sites[3] = "F";
                } else {
                    while (!prevalence.next(x)) {
                        // a draw with a repeated element: drawn again
                    }
                    for (int k = 0; k < 4; k++) {
                        sites[k] = ElpasoliteDft.symbol(x[k]);
                    }
                    note = i == 5 ? "no element near the decoded code" : null;
                }
                generatedRows.add(new Object[]{sites[0], sites[1], sites[2], sites[3], note});
                expectedFile.add("Row" + i, note, sites);
            }
        }

        BufferedDataTable training() {
            return Tables.table(trainingSpec, trainingRows);
        }

        BufferedDataTable generated() {
            return Tables.table(generatedSpec, generatedRows);
        }

        ElpasoliteDft.Builder expectedData() {
            return expectedData;
        }

        SampleFile.Builder expectedFile() {
            return expectedFile;
        }
    }

    /**
     * Diversity Metrics with the elpasolite study on, class 1 of the column stability_class, the surrogate cached in
     * {@code cache}.
     */
    static NodeRunner studyNode(final int samples, final long seed, final Path cache) throws Exception {
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addString("classColumn", "stability_class");
        s.addInt("targetClass", 1);
        s.addBoolean("study", true);
        s.addInt("studySamples", samples);
        s.addLong("seed", seed);
        s.addString("cacheDir", cache.toString());
        NodeTestSupport.group(s, "validity").addString("prototype", "ELPASOLITE");
        node.loadSettings(s);
        return node;
    }
}
