package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.knimestandin.FlowVariableBinding;
import org.example.genmat.knimestandin.MapConfig;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.read.ReadCrystalsNodeFactory;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.train.TrainVaeGanNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.example.genmat.nodes.train.TrainWganGpNodeFactory;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.VariableType;

/**
 * Every node with every setting controlled by a flow variable, as on a KNIME executor (no dialog ever opens):
 * the model settings are first spoilt value by value, then each setting is bound to a variable carrying the
 * wanted value; the node must end up with exactly the wanted settings and run to the same result as when they
 * are set directly.
 */
class FlowVariablesTest {

    private static BufferedDataTable structures;

    private static BufferedDataTable crystals;

    private static GenerativeModelPortObject vae;

    @BeforeAll
    static void data() throws Exception {
        structures = TestData.structureTable(TestData.structures(40));
        crystals = NodeTestSupport.readCrystals(structures);
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        train.loadSettings(WorkflowTest.tiny(train, "COMPOSITION"));
        vae = (GenerativeModelPortObject)train.execute(crystals)[0];
    }

    /**
     * Loads {@code wanted} into the node through flow variables only and checks that every setting arrived.
     *
     * @return the number of settings bound to variables
     */
    static int loadThroughVariables(final NodeRunner node, final NodeSettings wanted) throws Exception {
        final List<String> paths = FlowVariableBinding.leafPaths(wanted);
        final NodeSettings spoilt = copy(wanted);
        final Map<String, String> bindings = new LinkedHashMap<>();
        final List<FlowVariable> stack = new ArrayList<>();
        for (String path : paths) {
            final String name = "genmat_" + path.replace('/', '_');
            bindings.put(path, name);
            stack.add(variable(name, value(wanted, path)));
            spoil(spoilt, path);
        }
        assertThat(spoilt).isNotEqualTo(wanted);
        node.loadSettings(spoilt, FlowVariableBinding.variablesTree(bindings), stack.toArray(FlowVariable[]::new));
        assertThat(node.saveSettings()).as("every setting controlled by its flow variable").isEqualTo(wanted);
        return paths.size();
    }

    private static FlowVariable variable(final String name, final Object v) {
        if (v instanceof Integer i) {
            return new FlowVariable(name, i.intValue());
        } else if (v instanceof Long l) {
            return new FlowVariable(name, VariableType.LongType.INSTANCE, l);
        } else if (v instanceof Double d) {
            return new FlowVariable(name, d.doubleValue());
        } else if (v instanceof Boolean b) {
            return new FlowVariable(name, VariableType.BooleanType.INSTANCE, b);
        } else if (v instanceof String s) {
            return new FlowVariable(name, s);
        }
        throw new IllegalArgumentException("no flow variable type for " + v);
    }

    private static MapConfig parent(final NodeSettings root, final String path) throws InvalidSettingsException {
        NodeSettings c = root;
        final String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            c = c.getNodeSettings(parts[i]);
        }
        return c;
    }

    private static String leaf(final String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Object value(final NodeSettings root, final String path) throws InvalidSettingsException {
        return parent(root, path).raw(leaf(path));
    }

    private static void spoil(final NodeSettings root, final String path) throws InvalidSettingsException {
        final MapConfig c = parent(root, path);
        final String k = leaf(path);
        final Object v = c.raw(k);
        if (v instanceof Integer i) {
            c.addInt(k, i + 1);
        } else if (v instanceof Long l) {
            c.addLong(k, l + 1);
        } else if (v instanceof Double d) {
            c.addDouble(k, d + 0.5);
        } else if (v instanceof Boolean b) {
            c.addBoolean(k, !b);
        } else {
            c.addString(k, v + "-spoilt");
        }
    }

    private static NodeSettings copy(final NodeSettings s) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out);
        return MapConfig.readFrom(new ByteArrayInputStream(out.toByteArray()), NodeSettings.class);
    }

    private static List<String> rows(final PortObject o) {
        return Tables.rows((BufferedDataTable)o).stream().map(DataRow::toString).toList();
    }

    private static BufferedDataTable formulas(final String... f) {
        final DataTableSpec spec = Tables.spec("formula", StringCell.TYPE, "class", StringCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        for (String s : f) {
            final String[] parts = s.split("/");
            rows.add(new Object[]{parts[0], parts.length > 1 ? parts[1] : null});
        }
        return Tables.table(spec, rows);
    }

    @Test
    void readCrystals() throws Exception {
        final NodeRunner direct = NodeRunner.of(ReadCrystalsNodeFactory.class);
        direct.initParameters(structures.getDataTableSpec());
        final NodeSettings wanted = direct.saveSettings();
        wanted.addString("column", "cif");
        wanted.addBoolean("failOnFirstError", true);
        direct.loadSettings(wanted);
        final NodeRunner viaVariables = NodeRunner.of(ReadCrystalsNodeFactory.class);
        assertThat(loadThroughVariables(viaVariables, wanted)).isGreaterThanOrEqualTo(4);
        assertThat(rows(viaVariables.execute(structures, null)[0])).isEqualTo(rows(direct.execute(structures, null)[0]))
            .hasSize(40);
    }

    @Test
    void filterValidity() throws Exception {
        final BufferedDataTable in = formulas("NaCl", "KCl", "NaCl2", "BaTiO3", "Fe3O4");
        final NodeRunner direct = NodeRunner.of(FilterValidityNodeFactory.class);
        final NodeSettings wanted = direct.saveSettings();
        wanted.addDouble("minDistance", 0.3);
        wanted.addBoolean("mixedValence", true);
        direct.loadSettings(wanted);
        final NodeRunner viaVariables = NodeRunner.of(FilterValidityNodeFactory.class);
        assertThat(loadThroughVariables(viaVariables, wanted)).isGreaterThanOrEqualTo(8);
        final PortObject[] a = viaVariables.execute(in);
        final PortObject[] b = direct.execute(in);
        assertThat(rows(a[0])).isEqualTo(rows(b[0])).hasSize(4); // Fe3O4 valid only with mixed valence
        assertThat(rows(a[1])).isEqualTo(rows(b[1]));
    }

    @Test
    void diversityMetrics() throws Exception {
        final BufferedDataTable generated = formulas("LiF", "CsI", "CsI", "NaCl", "KCl");
        final BufferedDataTable training = formulas("NaCl/1", "KBr/1", "LiF/2", "CsI/2", "RbCl/3");
        final NodeRunner direct = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings wanted = direct.saveSettings();
        wanted.addString("classColumn", "class");
        wanted.addInt("targetClass", 2);
        direct.loadSettings(wanted);
        final NodeRunner viaVariables = NodeRunner.of(DiversityMetricsNodeFactory.class);
        assertThat(loadThroughVariables(viaVariables, wanted)).isGreaterThanOrEqualTo(10);
        final PortObject[] a = viaVariables.execute(generated, training, training);
        final PortObject[] b = direct.execute(generated, training, training);
        for (int i = 0; i < a.length; i++) {
            assertThat(rows(a[i])).isEqualTo(rows(b[i]));
        }
        assertThat(DiversityMetricsNodeTest.metrics((BufferedDataTable)a[0])).containsKey("precision_right_class");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VAE", "WGAN_GP", "VAE_GAN"})
    void training(final String family) throws Exception {
        final NodeRunner node = NodeRunner.of(switch (family) {
            case "VAE" -> TrainVaeNodeFactory.class;
            case "WGAN_GP" -> TrainWganGpNodeFactory.class;
            default -> TrainVaeGanNodeFactory.class;
        });
        final NodeSettings wanted = WorkflowTest.tiny(node, "COMPOSITION");
        NodeTestSupport.group(wanted, "network").addLong("seed", 7);
        assertThat(loadThroughVariables(node, wanted)).isGreaterThanOrEqualTo(12);
        final GenerativeModelPortObject model = (GenerativeModelPortObject)node.execute(crystals)[0];
        assertThat(model.getSpec().getLatentSize()).isEqualTo(4);
        assertThat(model.getSummary()).contains("latent 4 · 40 steps · 40 rows");
    }

    @Test
    void sampleLatent() throws Exception {
        final NodeRunner direct = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings wanted = direct.saveSettings();
        wanted.addLong("samples", 300);
        wanted.addDouble("temperature", 0.8);
        wanted.addLong("seed", 11);
        direct.loadSettings(wanted);
        final NodeRunner viaVariables = NodeRunner.of(SampleLatentNodeFactory.class);
        assertThat(loadThroughVariables(viaVariables, wanted)).isGreaterThanOrEqualTo(5);
        assertThat(rows(viaVariables.execute(vae, null)[0])).isEqualTo(rows(direct.execute(vae, null)[0]))
            .hasSize(300);
    }

    @Test
    void aVariableOfTheWrongTypeOrAMissingVariableIsAClearError() throws Exception {
        final NodeRunner node = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        assertThatThrownBy(() -> node.loadSettings(s, FlowVariableBinding.variablesTree(Map.of("temperature", "t")),
            new FlowVariable("t", "hot"))).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("cannot control \"temperature\"");
        assertThatThrownBy(() -> node.loadSettings(s, FlowVariableBinding.variablesTree(Map.of("seed", "s"))))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("\"s\"");
        assertThatThrownBy(() -> node.loadSettings(s, FlowVariableBinding.variablesTree(Map.of("samples", "n")),
            new FlowVariable("n", -5))).isInstanceOf(InvalidSettingsException.class); // bounds still checked
    }
}
