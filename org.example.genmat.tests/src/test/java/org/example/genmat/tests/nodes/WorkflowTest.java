package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.util.List;
import java.util.Map;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.train.TrainVaeGanNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.example.genmat.nodes.train.TrainWganGpNodeFactory;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.study.ElpasoliteDft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.DefaultNodeFactory;

/**
 * Whole workflows Read Crystals → Train → Sample Latent → Filter Validity → Diversity Metrics, passing tables and
 * the model port between the nodes as KNIME does (configure everything first from specs, then execute).
 */
class WorkflowTest {

    static NodeSettings tiny(final NodeRunner train, final String representation) throws InvalidSettingsException {
        final NodeSettings s = train.saveSettings();
        NodeTestSupport.group(s, "data").addString("representation", representation);
        final NodeSettings network = NodeTestSupport.group(s, "network");
        network.addString("hiddenLayers", "16");
        network.addInt("latentSize", 4);
        network.addInt("steps", 40);
        network.addInt("batchSize", 16);
        network.addInt("historyEvery", 10);
        network.addDouble("learningRate", 1e-3);
        network.addString("device", "CPU");
        if (s.containsKey("critic")) {
            NodeTestSupport.group(s, "critic").addString("criticLayers", "16");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"VAE, STRUCTURE", "WGAN_GP, COMPOSITION", "VAE_GAN, PEROVSKITE"})
    void readTrainSampleFilterEvaluate(final String family, final String representation) throws Exception {
        final Class<? extends DefaultNodeFactory> factory = switch (family) {
            case "VAE" -> TrainVaeNodeFactory.class;
            case "WGAN_GP" -> TrainWganGpNodeFactory.class;
            default -> TrainVaeGanNodeFactory.class;
        };
        final BufferedDataTable structures = TestData.structureTable(TestData.structures(48));
        final BufferedDataTable crystals = NodeTestSupport.readCrystals(structures);

        final NodeRunner train = NodeRunner.of(factory);
        train.loadSettings(tiny(train, representation));
        final NodeRunner sample = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings ss = sample.saveSettings();
        ss.addLong("samples", 200);
        sample.loadSettings(ss);
        final NodeRunner filter = NodeRunner.of(FilterValidityNodeFactory.class);
        final NodeRunner metrics = NodeRunner.of(DiversityMetricsNodeFactory.class);

        // configure the whole chain before anything executes
        final PortObjectSpec[] trainSpecs = train.configure(crystals.getDataTableSpec());
        final GenerativeModelPortObjectSpec modelSpec = (GenerativeModelPortObjectSpec)trainSpecs[0];
        assertThat(modelSpec.getFamily()).isEqualTo(family);
        assertThat(modelSpec.getLatentSize()).isEqualTo(4);
        assertThat(modelSpec.getTrainingRows()).isEqualTo(-1);
        final DataTableSpec candidateSpec = (DataTableSpec)sample.configure(modelSpec, null)[0];
        assertThat(candidateSpec.getColumnNames()).contains("origin", "formula", "z1", "z4", "note").doesNotContain("z5");
        // the crystal block for structure models, the site columns for prototype models: one candidate table
        assertThat(candidateSpec.containsName("cif")).isEqualTo("STRUCTURE".equals(representation));
        assertThat(candidateSpec.containsName("X3")).isEqualTo("PEROVSKITE".equals(representation));
        final PortObjectSpec[] filterSpecs = filter.configure(candidateSpec);
        metrics.configure((DataTableSpec)filterSpecs[0], crystals.getDataTableSpec(), null);

        // execute
        final PortObject[] trained = train.execute(crystals);
        final GenerativeModelPortObject model = (GenerativeModelPortObject)trained[0];
        assertThat(model.getSpec().getTrainingRows()).isEqualTo(48);
        assertThat(model.getSummary()).isEqualTo(switch (family) {
            case "WGAN_GP" -> "WGAN-GP";
            case "VAE_GAN" -> "VAE-GAN";
            default -> "VAE";
        } + " · latent 4 · 40 steps · 48 rows");
        final BufferedDataTable history = (BufferedDataTable)trained[1];
        assertThat(Tables.column(history, "step")).extracting(Object::toString).containsExactly("10", "20", "30",
            "40");
        assertThat(train.progress().reports()).anySatisfy(r -> assertThat(r.message()).matches(
            "step 40/40 · loss -?[0-9.e+-]+"));

        final BufferedDataTable candidates = (BufferedDataTable)sample.execute(model, null)[0];
        assertThat(candidates.size()).isEqualTo(200);
        assertThat(candidates.getDataTableSpec()).isEqualTo(candidateSpec);
        final PortObject[] split = filter.execute(candidates);
        final BufferedDataTable valid = (BufferedDataTable)split[0];
        final BufferedDataTable rejected = (BufferedDataTable)split[1];
        assertThat(valid.size() + rejected.size()).isEqualTo(200);

        final PortObject[] evaluated = metrics.execute(candidates, crystals, null);
        final Map<String, Double> m = DiversityMetricsNodeTest.metrics((BufferedDataTable)evaluated[0]);
        assertThat(m.get("validity_both")).isEqualTo(valid.size() / 200.0); // same rules as Filter Validity
        assertThat(strings((BufferedDataTable)evaluated[1], "tag")).hasSize(200)
            .allSatisfy(t -> assertThat(List.of("novel", "repetition", "rediscovery", "invalid")).contains(t));
    }

    /** Türk et al.'s setting on the embedded DFT elpasolites: class-conditioned on the stability class (1 = most stable). */
    @Test
    void conditionalElpasoliteWorkflowOnTheEmbeddedDftData() throws Exception {
        final List<Object[]> rows = new java.util.ArrayList<>();
        final java.util.Set<String> classes = new java.util.TreeSet<>();
        for (ElpasoliteDft.Row r : ElpasoliteDft.embedded().rows()) {
            rows.add(new Object[]{r.formula(), Integer.toString(r.stabilityClass())});
            classes.add(Integer.toString(r.stabilityClass()));
        }
        final BufferedDataTable training = Tables.table(Tables.spec("formula", StringCell.TYPE, "stability_class",
            StringCell.TYPE), rows);
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        final NodeSettings ts = tiny(train, "ELPASOLITE");
        NodeTestSupport.group(ts, "data").addString("conditionMode", "CLASS");
        NodeTestSupport.group(ts, "data").addString("conditionColumn", "stability_class");
        NodeTestSupport.group(ts, "network").addInt("steps", 60);
        NodeTestSupport.group(ts, "network").addInt("batchSize", 64);
        train.loadSettings(ts);
        final GenerativeModelPortObject model = (GenerativeModelPortObject)train.execute(training)[0];
        assertThat(model.getSpec().getConditionClasses()).containsExactlyInAnyOrderElementsOf(classes).contains("1");
        assertThat(model.getSpec().getRepresentation()).isEqualTo("elpasolite");

        final NodeRunner sample = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings ss = sample.saveSettings();
        ss.addLong("samples", 300);
        ss.addString("condition", "11");
        sample.loadSettings(ss);
        assertThatThrownBy(() -> sample.configure(model.getSpec(), null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("\"11\" is not one the model was trained on");
        ss.addString("condition", "1");
        sample.loadSettings(ss);
        final BufferedDataTable candidates = (BufferedDataTable)sample.execute(model, null)[0];
        assertThat(strings(candidates, "condition")).containsOnly("1");
        assertThat(candidates.getDataTableSpec().getColumnNames()).containsSubsequence("origin", "formula",
            "composition", "condition", "A", "B", "C", "D", "z1", "note");
        assertThat(strings(candidates, "A")).hasSize(300).allSatisfy(x -> assertThat(x).isNotEmpty());

        // the study's per-site decoding as node settings: the candidates of the engine's sampler with that decoding
        ss.addDouble("outputNoise", 0.05);
        ss.addDouble("guidance", 0.1);
        ss.addString("siteGuidance", "D=0, C=0");
        ss.addString("conditionGuidance", "D=0.8");
        ss.addDouble("guidanceSpread", 1);
        sample.loadSettings(ss);
        final BufferedDataTable guided = (BufferedDataTable)sample.execute(model, null)[0];
        final GenerativeModel engineModel = GenerativeModel.load(new java.io.ByteArrayInputStream(model.getModelFile()));
        try (java.util.stream.Stream<Candidate> engine = Sampler.sample(engineModel, 300, "1", 1.0,
            new Sampler.Decoding(0.05, 0.1, Map.of(), Map.of("D", 0.0, "C", 0.0), 1, Map.of("D", 0.8)),
            ss.getLong("seed"), 0, 1)) {
            assertThat(strings(guided, "formula")).isEqualTo(engine.map(Candidate::formula).toList());
        }
        assertThat(strings(guided, "formula")).isNotEqualTo(strings(candidates, "formula"));
        ss.addString("siteGuidance", "E=0.2");
        sample.loadSettings(ss);
        assertThatThrownBy(() -> sample.execute(model, null)).hasMessageContaining("site 'E'")
            .hasMessageContaining("A, B, C, D");
        ss.addString("siteGuidance", "D=-1");
        assertThatThrownBy(() -> sample.loadSettings(ss)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining(">= 0");
        ss.addString("siteGuidance", "");
        sample.loadSettings(ss);

        final NodeRunner filter = NodeRunner.of(FilterValidityNodeFactory.class);
        final NodeSettings fs = filter.saveSettings();
        fs.addString("prototype", "ELPASOLITE");
        filter.loadSettings(fs);
        final PortObject[] split = filter.execute(candidates);
        assertThat(((BufferedDataTable)split[0]).size() + ((BufferedDataTable)split[1]).size()).isEqualTo(300);

        final NodeRunner metrics = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings ms = metrics.saveSettings();
        NodeTestSupport.group(ms, "validity").addString("prototype", "ELPASOLITE");
        metrics.loadSettings(ms);
        final Map<String, Double> m = DiversityMetricsNodeTest.metrics(
            (BufferedDataTable)metrics.execute(candidates, training, null)[0]);
        assertThat(m.get("validity_both")).isEqualTo(((BufferedDataTable)split[0]).size() / 300.0);
        assertThat(m).containsKey("js_distance");
    }
}
