package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.SampleFile;
import org.example.genmat.core.study.StudyTable;
import org.example.genmat.core.study.StudyTables;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.job.metrics.MetricsJob;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.surrogate.SurrogateCache;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.StandInFileSystems;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.JobTables;
import org.example.genmat.knimestandin.Tables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.node.DefaultNodeFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The example workflow in {@code examples/} (written by {@code examples/make_workflows.py}) still fits the nodes:
 * every node's factory exists, its "model" config has exactly the keys the node saves (nested groups included)
 * and the node loads it; every connection joins two nodes of the workflow. Fails when a node's settings keys are
 * renamed and the example generator is not updated.
 */
class ExampleWorkflowTest {

    /**
     * {@code -Dgenmat.examples.full=true}: the example at its own length (4,000 steps, 14,000 draws), as a chemist
     * runs it; it prints each branch's Study table. Run by hand (6 minutes on 2 cores: each plan is trained twice),
     * not in the build.
     */
    private static final boolean FULL = Boolean.getBoolean("genmat.examples.full");
    private static final int DRAWS = FULL ? 14_000 : 1000;
    private static final int STEPS = FULL ? TurkStudy.TUNED_STEPS : 150;

    private static final Path WORKFLOW = Path.of(System.getProperty("genmat.examples.dir", "../examples"), "elpasolite-pipeline");

    @Test
    void everyNodeOfTheExampleLoadsItsSettingsAndTheConnectionsJoinItsNodes() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(WORKFLOW.resolve("workflow.knime")), WORKFLOW + " absent: skipped");
        final Element workflow = parse(WORKFLOW.resolve("workflow.knime"));
        final Set<Integer> ids = new HashSet<>();
        for (Element node : children(child(workflow, "nodes"))) {
            ids.add(Integer.parseInt(entry(node, "id")));
            final Element settings = parse(WORKFLOW.resolve(entry(node, "node_settings_file")));
            @SuppressWarnings("unchecked")
            final Class<? extends DefaultNodeFactory> factory =
                (Class<? extends DefaultNodeFactory>)Class.forName(entry(settings, "factory"));
            final NodeRunner runner = NodeRunner.of(factory);
            final NodeSettings example = toSettings(child(settings, "model"), "model");
            final NodeSettings saved = runner.saveSettings();
            assertThat(keys(example, "")).as(entry(settings, "node-name") + " settings keys").isEqualTo(keys(saved, ""));
            runner.loadSettings(example);
        }
        assertThat(ids).hasSize(17);
        for (Element c : children(child(workflow, "connections"))) {
            assertThat(ids).contains(Integer.parseInt(entry(c, "sourceID")), Integer.parseInt(entry(c, "destID")));
        }
    }

    /**
     * The example as a chemist opens it: its nodes with its settings (fewer training steps and samples), chained as
     * its connections say, on the training table {@code genmat demo} writes, copied into the workflow's data folder.
     * Read Crystals keeps the stability class, so Train VAE trains conditioned on it and Sample Latent draws class 1.
     */
    @Test
    void theExampleRunsOnTheDemosTrainingTable(@TempDir final Path workflow, @TempDir final Path cache) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(WORKFLOW.resolve("workflow.knime")), WORKFLOW + " absent: skipped");
        final Path data = Files.createDirectories(workflow.resolve("data"));
        try (var out = Files.newBufferedWriter(data.resolve("training-data.csv"))) {
            out.write("formula,A,B,C,D,formation_energy_ev_per_atom,stability_class\n");
            for (ElpasoliteDft.Row r : ElpasoliteDft.embedded().rows()) {
                out.write(r.formula() + "," + ElpasoliteDft.symbol(r.a()) + "," + ElpasoliteDft.symbol(r.b()) + ","
                    + ElpasoliteDft.symbol(r.c()) + "," + ElpasoliteDft.symbol(r.d()) + "," + r.energy() + ","
                    + r.stabilityClass() + "\n");
            }
        }
        final Map<Integer, NodeRunner> nodes = new HashMap<>();
        for (Element node : children(child(parse(WORKFLOW.resolve("workflow.knime")), "nodes"))) {
            final Element settings = parse(WORKFLOW.resolve(entry(node, "node_settings_file")));
            @SuppressWarnings("unchecked")
            final NodeRunner runner = NodeRunner.of((Class<? extends DefaultNodeFactory>)Class.forName(entry(settings,
                "factory")));
            final NodeSettings model = toSettings(child(settings, "model"), "model");
            if (model.containsKey("network") && !FULL) {
                model.getNodeSettings("network").addInt("steps", 150);
            }
            if (model.containsKey("samples") && !FULL) {
                model.addLong("samples", DRAWS);
            }
            runner.loadSettings(model);
            nodes.put(Integer.parseInt(entry(node, "id")), runner);
        }
        StandInFileSystems.setWorkflowDir(workflow);
        System.setProperty(SurrogateCache.DIR_PROPERTY, cache.toString());
        try {
            // the surrogate of the study, as Diversity Metrics fits it on the training table (the same cache file)
            final TurkStudy.Prepared study = TurkStudy.prepare(ElpasoliteDft.embedded(), Surrogate.Settings.defaults(), 1, cache,
                Runtime.getRuntime().availableProcessors(), JobMonitor.NONE);
            final BufferedDataTable crystals = (BufferedDataTable)nodes.get(1).execute((BufferedDataTable)null,
                null)[0];
            assertThat(crystals.size()).isEqualTo(ElpasoliteDft.embedded().rows().size());
            assertThat(crystals.getDataTableSpec().getColumnSpec("stability_class").getType()).isEqualTo(IntCell.TYPE);
            // the branches are the demo's four plans as nodes (train, sample, filter, metrics): the same candidates
            // as the study's training and sampling of each plan
            final List<TurkStudy.ModelPlan> plans = new ArrayList<>(TurkStudy.tuned(ModelFamily.VAE, STEPS));
            plans.addAll(TurkStudy.tuned(ModelFamily.WGAN_GP, STEPS));
            plans.addAll(TurkStudy.tuned(ModelFamily.VAE_GAN, STEPS));
            assertThat(plans).extracting(TurkStudy.ModelPlan::name).containsExactly("VAE", "VAE-wide", "WGAN-GP",
                "VAE-GAN");
            for (int branch = 0; branch < plans.size(); branch++) {
                final int train = 2 + 4 * branch;
                final GenerativeModelPortObject model = (GenerativeModelPortObject)nodes.get(train).execute(
                    crystals)[0];
                assertThat(model.getSpec().getConditionClasses()).contains("1");
                final BufferedDataTable candidates = (BufferedDataTable)nodes.get(train + 1).execute(model, null)[0];
                assertThat(candidates.size()).isEqualTo(DRAWS);
                assertThat(NodeTestSupport.strings(candidates, "condition")).containsOnly("1");
                final List<List<String>> drawn = siteRows(candidates);
                assertThat(drawn).as(plans.get(branch).name()).isEqualTo(studyPlan(plans.get(branch), DRAWS));
                final BufferedDataTable valid = (BufferedDataTable)nodes.get(train + 2).execute(candidates)[0];
                assertThat(valid.size()).isPositive();
                final PortObject[] measured = nodes.get(train + 3).execute(candidates, crystals, null);
                final Map<String, Double> metrics = DiversityMetricsNodeTest.metrics((BufferedDataTable)measured[0]);
                assertThat(metrics).containsKeys("uniqueness", "novelty", "precision_right_class",
                    "coverage_right_class");
                // the study's figures of the candidates, beside the baselines: those genmat demo --score gives
                final SampleFile.Builder file = new SampleFile.Builder(MetricsJob.GENERATED);
                final List<String> notes = NodeTestSupport.strings(candidates, "note");
                for (int i = 0; i < drawn.size(); i++) {
                    file.add("row " + i, notes.get(i), drawn.get(i).toArray(String[]::new));
                }
                final List<TurkStudy.Run> runs = TurkStudy.scoreTables(study, List.of(file.build()), 10_000, 1,
                    JobMonitor.NONE);
                assertThat(withoutSeconds(rows((BufferedDataTable)measured[3]))).as(plans.get(branch).name())
                    .isEqualTo(withoutSeconds(StudyTables.scoreRows(runs).stream().map(r -> JobTables.cells(r,
                        StudyTables.scores(1).columns()).stream().map(Cells::text).toList()).toList()));
                if (FULL) {
                    System.out.println(plans.get(branch).name() + ": " + StudyTable.format(runs));
                }
                final List<String> ranked = NodeTestSupport.strings((BufferedDataTable)measured[4], "formula");
                assertThat(ranked).isEqualTo(StudyTables.candidateRows(NovelCandidates.rank(study, runs))
                    .stream().map(r -> (String)r.get(1)).toList());
            }
        } finally {
            StandInFileSystems.setWorkflowDir(null);
            System.clearProperty(SurrogateCache.DIR_PROPERTY);
        }
    }

    /** A table's cells as the text a CSV file holds. */
    private static List<List<String>> rows(final BufferedDataTable table) {
        final List<List<String>> out = new ArrayList<>();
        for (org.knime.core.data.DataRow r : Tables.rows(table)) {
            final List<String> row = new ArrayList<>();
            for (int i = 0; i < r.getNumCells(); i++) {
                row.add(Cells.text(r.getCell(i)));
            }
            out.add(row);
        }
        return out;
    }

    /** The rows without their last two columns, the seconds spent training and sampling. */
    private static List<List<String>> withoutSeconds(final List<List<String>> rows) {
        return rows.stream().map(r -> r.subList(0, r.size() - 2)).toList();
    }

    /** The site columns A, B, C, D of a candidate table, row by row ("?" or missing kept as they are). */
    private static List<List<String>> siteRows(final BufferedDataTable candidates) {
        final List<List<String>> sites = new ArrayList<>();
        for (String site : List.of("A", "B", "C", "D")) {
            sites.add(NodeTestSupport.strings(candidates, site));
        }
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            final int row = i;
            rows.add(sites.stream().map(column -> column.get(row)).toList());
        }
        return rows;
    }

    /** The sites of the first draws of a plan of {@code genmat demo} (seed 1), as the study trains and samples it. */
    private static List<List<String>> studyPlan(final TurkStudy.ModelPlan plan, final int draws) throws Exception {
        final GenerativeModel model = TurkStudy.train(ElpasoliteDft.embedded(), plan.family(),
            plan.settings().toBuilder().seed(1).build(), JobMonitor.NONE);
        try (Stream<Candidate> stream = Sampler.sample(model, draws, "1", plan.temperature(), plan.decoding(), 1, 0, 1)) {
            return stream.map(c -> List.of("A", "B", "C", "D").stream().map(site -> c.sites().get(site)).toList())
                .toList();
        }
    }

    private static Element parse(final Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static List<Element> children(final Element e) {
        final List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }

    private static Element child(final Element e, final String key) {
        return children(e).stream().filter(c -> key.equals(c.getAttribute("key"))).findFirst()
            .orElseThrow(() -> new AssertionError("no key '" + key + "' under " + e.getAttribute("key")));
    }

    private static String entry(final Element e, final String key) {
        return child(e, key).getAttribute("value");
    }

    /** An XMLConfig config as stand-in node settings (entries by their type, configs as child settings). */
    private static NodeSettings toSettings(final Element config, final String key) {
        final NodeSettings s = new NodeSettings(key);
        fill(s, config);
        return s;
    }

    private static void fill(final NodeSettings s, final Element config) {
        for (Element c : children(config)) {
            final String k = c.getAttribute("key");
            final String v = c.getAttribute("value");
            if (c.getTagName().equals("config")) {
                fill((NodeSettings)s.addNodeSettings(k), c);
                continue;
            }
            switch (c.getAttribute("type")) {
                case "xint" -> s.addInt(k, Integer.parseInt(v));
                case "xlong" -> s.addLong(k, Long.parseLong(v));
                case "xdouble" -> s.addDouble(k, Double.parseDouble(v));
                case "xboolean" -> s.addBoolean(k, Boolean.parseBoolean(v));
                default -> s.addString(k, "true".equals(c.getAttribute("isnull")) ? null : v);
            }
        }
    }

    /** Every key path of a settings tree, but a file location's specifier (present only for some file systems). */
    private static Set<String> keys(final NodeSettings s, final String prefix) throws Exception {
        final Set<String> out = new HashSet<>();
        for (String k : s.keySet()) {
            if (!k.equals("file_system_specifier")) {
                out.add(prefix + k);
            }
            if (s.raw(k) instanceof NodeSettings) {
                out.addAll(keys(s.getNodeSettings(k), prefix + k + "/"));
            }
        }
        return out;
    }
}
