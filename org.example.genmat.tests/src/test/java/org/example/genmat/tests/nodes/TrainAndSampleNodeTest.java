package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.ProgressSink;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.example.genmat.nodes.train.TrainWganGpNodeFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;

class TrainAndSampleNodeTest {

    private static BufferedDataTable crystals;

    private static GenerativeModelPortObject vae;

    @BeforeAll
    static void trainOnce() throws Exception {
        crystals = NodeTestSupport.readCrystals(TestData.structureTable(TestData.structures(40)));
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        train.loadSettings(WorkflowTest.tiny(train, "COMPOSITION"));
        vae = (GenerativeModelPortObject)train.execute(crystals)[0];
    }

    private static NodeRunner sampler(final String mode, final long n) throws InvalidSettingsException {
        final NodeRunner sample = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings s = sample.saveSettings();
        s.addString("mode", mode);
        s.addLong("samples", n);
        sample.loadSettings(s);
        return sample;
    }

    private static List<String> rowsAsText(final BufferedDataTable t) {
        return Tables.rows(t).stream().map(DataRow::toString).toList();
    }

    @Test
    void modelPortSurvivesSaveAndReloadWithIdenticalSamples() throws Exception {
        final GenerativeModelPortObject reloaded = NodeRunner.roundTrip(vae);
        assertThat(reloaded).isNotSameAs(vae);
        assertThat(reloaded.getSpec()).isEqualTo(vae.getSpec());
        assertThat(reloaded.getSummary()).isEqualTo(vae.getSummary());
        assertThat(reloaded.getModelFile()).isEqualTo(vae.getModelFile());
        final NodeRunner sample = sampler("PRIOR", 64);
        final BufferedDataTable before = (BufferedDataTable)sample.execute(vae, null)[0];
        final BufferedDataTable after = (BufferedDataTable)sample.execute(reloaded, null)[0];
        assertThat(rowsAsText(after)).isEqualTo(rowsAsText(before));
    }

    @Test
    void savedSettingsReproduceTheSameModelAndSamples() throws Exception {
        final NodeRunner a = NodeRunner.of(TrainVaeNodeFactory.class);
        a.loadSettings(WorkflowTest.tiny(a, "COMPOSITION"));
        final NodeSettings saved = a.saveSettings();
        final NodeRunner b = NodeRunner.of(TrainVaeNodeFactory.class);
        b.loadSettings(saved);
        assertThat(b.saveSettings()).isEqualTo(saved);
        final GenerativeModelPortObject ma = (GenerativeModelPortObject)a.execute(crystals)[0];
        final GenerativeModelPortObject mb = (GenerativeModelPortObject)b.execute(crystals)[0];
        final BufferedDataTable sa = (BufferedDataTable)sampler("PRIOR", 50).execute(ma, null)[0];
        final BufferedDataTable sb = (BufferedDataTable)sampler("PRIOR", 50).execute(mb, null)[0];
        assertThat(rowsAsText(sb)).isEqualTo(rowsAsText(sa));
        assertThat(rowsAsText(sa)).isEqualTo(rowsAsText((BufferedDataTable)sampler("PRIOR", 50).execute(vae, null)[0]));

        final NodeSettings otherSeed = a.saveSettings();
        NodeTestSupport.group(otherSeed, "network").addLong("seed", 7);
        b.loadSettings(otherSeed);
        final GenerativeModelPortObject mc = (GenerativeModelPortObject)b.execute(crystals)[0];
        assertThat(mc.getModelFile()).isNotEqualTo(ma.getModelFile());
    }

    @Test
    void cancelStopsTrainingWithinASecond() throws Exception {
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        final NodeSettings s = WorkflowTest.tiny(train, "COMPOSITION");
        NodeTestSupport.group(s, "network").addInt("steps", 1_000_000);
        train.loadSettings(s);
        final ProgressSink sink = new ProgressSink();
        final CompletableFuture<PortObject[]> run = CompletableFuture.supplyAsync(() -> {
            try {
                return train.execute(sink, crystals);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sink.reports().stream().noneMatch(r -> r.message().startsWith("step ")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sink.reports()).anySatisfy(r -> assertThat(r.message()).matches("step \\d+/1000000 · loss .*"));
        final long cancelledAt = System.nanoTime();
        sink.cancel();
        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CanceledExecutionException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(1000);
    }

    @Test
    void trainConfigureRejectsWrongTablesAndMissingConditionColumns() throws Exception {
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        assertThatThrownBy(() -> train.configure(Tables.spec("name", StringCell.TYPE)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("none of the columns");
        final NodeSettings s = train.saveSettings();
        NodeTestSupport.group(s, "data").addString("conditionMode", "PROPERTY");
        NodeTestSupport.group(s, "data").addString("conditionColumn", "band_gap");
        train.loadSettings(s);
        assertThatThrownBy(() -> train.configure(crystals.getDataTableSpec()))
            .hasMessageContaining("Condition column \"band_gap\" is not in the training table");
        NodeTestSupport.group(s, "data").addString("conditionColumn", "heat_ref");
        train.loadSettings(s);
        assertThatThrownBy(() -> train.configure(Tables.spec("formula", StringCell.TYPE, "heat_ref",
            StringCell.TYPE))).hasMessageContaining("must be numeric");
        // class labels are strings or whole numbers: the same rule as the drop-down's (ConditionMode.fits)
        NodeTestSupport.group(s, "data").addString("conditionMode", "CLASS");
        train.loadSettings(s);
        assertThatThrownBy(() -> train.configure(Tables.spec("formula", StringCell.TYPE, "heat_ref",
            DoubleCell.TYPE))).hasMessageContaining("Class condition column \"heat_ref\" must hold labels");
        NodeTestSupport.group(s, "data").addString("conditionMode", "PROPERTY");
        NodeTestSupport.group(s, "data").addString("representation", "STRUCTURE");
        train.loadSettings(s);
        assertThatThrownBy(() -> train.configure(Tables.spec("formula", StringCell.TYPE, "heat_ref",
            DoubleCell.TYPE))).hasMessageContaining("needs a \"cif\" column");
        final NodeSettings bad = train.saveSettings();
        NodeTestSupport.group(bad, "network").addString("hiddenLayers", "64, x");
        assertThatThrownBy(() -> train.loadSettings(bad)).hasMessageContaining("\"x\" is not a whole number");
        NodeTestSupport.group(bad, "network").addString("hiddenLayers", "64");
        NodeTestSupport.group(bad, "network").addInt("steps", 0);
        assertThatThrownBy(() -> train.loadSettings(bad)).hasMessageContaining("Steps");
        // the featurizer options are checked by the engine's ranges, naming the dialog field
        NodeTestSupport.group(bad, "network").addInt("steps", 10);
        NodeTestSupport.group(bad, "featurization").addInt("maxAtoms", 0);
        assertThatThrownBy(() -> train.loadSettings(bad))
            .hasMessageContaining("\"Max atoms\": the largest formula unit must be from 1 to 1000, was 0");
        final NodeSettings noColumn = train.saveSettings();
        NodeTestSupport.group(noColumn, "data").addString("conditionColumn", "");
        assertThatThrownBy(() -> train.loadSettings(noColumn)).hasMessageContaining("condition column");
    }

    @Test
    void classBalancedBatchesLeftTickedCountOnlyForClassConditioning() throws Exception {
        // ticked under class conditioning, then conditioning switched: the checkbox is hidden (DialogEffectsTest)
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        final NodeSettings s = WorkflowTest.tiny(train, "COMPOSITION");
        NodeTestSupport.group(s, "data").addBoolean("classBalanced", true);
        NodeTestSupport.group(s, "data").addString("conditionMode", "PROPERTY");
        NodeTestSupport.group(s, "data").addString("conditionColumn", "heat_ref");
        train.loadSettings(s);
        NodeTestSupport.group(s, "data").addString("conditionMode", "NONE");
        train.loadSettings(s);
        // and the engine, which refuses class-balanced batches without a class column, gets them off
        final GenerativeModelPortObject model = (GenerativeModelPortObject)train.execute(crystals)[0];
        assertThat(model.getSpec().getConditionKind()).isEqualTo("NONE");
        assertThat(train.warning()).isNull();
    }

    @Test
    void aTableWithoutUsableRowsFailsWithAClearMessage() throws Exception {
        final BufferedDataTable unreadable = Tables.table(Tables.spec("formula", StringCell.TYPE),
            List.of(new Object[]{null}, new Object[]{"Qq2Xx"}));
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        train.loadSettings(WorkflowTest.tiny(train, "COMPOSITION"));
        assertThatThrownBy(() -> train.execute(unreadable)).isInstanceOf(org.knime.core.node.KNIMEException.class)
            .hasMessageContaining("no usable training rows");
    }

    @Test
    void aPropertyColumnWithOneValueIsWarnedAboutInTheNodesMessage() throws Exception {
        final List<TestData.Structure> st = TestData.structures(30);
        final BufferedDataTable in = NodeTestSupport.readCrystals(TestData.structureTable(st));
        final BufferedDataTable withProperty = PropertyTables.append(in, "constant",
            st.stream().map(x -> 1.5).toList());
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        final NodeSettings s = WorkflowTest.tiny(train, "COMPOSITION");
        NodeTestSupport.group(s, "data").addString("conditionMode", "PROPERTY");
        NodeTestSupport.group(s, "data").addString("conditionColumn", "constant");
        train.loadSettings(s);
        train.execute(withProperty);
        assertThat(train.warning()).contains("'constant' has one value only (1.5)").contains("carries no information");
    }

    @Test
    void propertyConditionedTrainingSkipsMissingValuesWithAWarning() throws Exception {
        final List<Object[]> rows = new ArrayList<>();
        final List<TestData.Structure> st = TestData.structures(30);
        for (int i = 0; i < st.size(); i++) {
            rows.add(new Object[]{st.get(i).id(), st.get(i).cif(), i % 10 == 0 ? null : st.get(i).property()});
        }
        final BufferedDataTable in = NodeTestSupport.readCrystals(TestData.structureTable(st));
        // add the property with gaps through a new table: crystal columns + heat_with_gaps
        final BufferedDataTable withProperty = PropertyTables.append(in, "heat_with_gaps",
            rows.stream().map(r -> (Double)r[2]).toList());
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        final NodeSettings s = WorkflowTest.tiny(train, "COMPOSITION");
        NodeTestSupport.group(s, "data").addString("conditionMode", "PROPERTY");
        NodeTestSupport.group(s, "data").addString("conditionColumn", "heat_with_gaps");
        train.loadSettings(s);
        final GenerativeModelPortObject model = (GenerativeModelPortObject)train.execute(withProperty)[0];
        assertThat(train.warning()).startsWith("3 of 30 rows were skipped").contains("heat_with_gaps");
        assertThat(model.getSpec().getTrainingRows()).isEqualTo(27);
        assertThat(model.getSpec().getConditionKind()).isEqualTo("PROPERTY");
        assertThat(model.getSpec().getInputColumns()).containsExactly("cif", "heat_with_gaps");

        final NodeRunner sample = sampler("PRIOR", 20);
        final NodeSettings ss = sample.saveSettings();
        ss.addString("condition", "high");
        sample.loadSettings(ss);
        assertThatThrownBy(() -> sample.configure(model.getSpec(), null)).hasMessageContaining("must be a number");
        // the engine's rule: a 32-bit condition, as genmat sample --condition
        ss.addString("condition", "1e39");
        sample.loadSettings(ss);
        assertThatThrownBy(() -> sample.configure(model.getSpec(), null))
            .hasMessageContaining("\"Condition value (class or property)\" must be a number within ±3.4028235E38");
        ss.addString("condition", "-0.5");
        sample.loadSettings(ss);
        final BufferedDataTable out = (BufferedDataTable)sample.execute(model, null)[0];
        assertThat(NodeTestSupport.strings(out, "condition")).containsOnly("-0.5");
    }

    @Test
    void decodeInterpolateAndEncodeModes() throws Exception {
        // prior samples carry their latent vectors; decoding them again gives the same candidates
        final BufferedDataTable prior = (BufferedDataTable)sampler("PRIOR", 30).execute(vae, null)[0];
        final BufferedDataTable decoded = (BufferedDataTable)sampler("DECODE", 1).execute(vae, prior)[0];
        assertThat(NodeTestSupport.strings(decoded, "formula")).isEqualTo(NodeTestSupport.strings(prior, "formula"));
        assertThat(NodeTestSupport.strings(decoded, "origin").get(0)).isEqualTo("Sample0");

        final BufferedDataTable line = (BufferedDataTable)sampler("INTERPOLATE", 1).execute(vae, crystals)[0];
        assertThat(line.size()).isEqualTo(10);
        assertThat(NodeTestSupport.strings(line, "origin")).containsOnly("Row0#" + firstBlock() + " → "
            + secondKey());

        final BufferedDataTable encoded = (BufferedDataTable)sampler("ENCODE", 1).execute(vae, crystals)[0];
        assertThat(encoded.size()).isEqualTo(crystals.size());
        assertThat(Tables.column(encoded, "z1")).noneMatch(c -> c.isMissing());

        final NodeRunner decodeWithoutTable = sampler("DECODE", 1);
        assertThatThrownBy(() -> decodeWithoutTable.configure(vae.getSpec(), null))
            .hasMessageContaining("Connect the input table");
        assertThatThrownBy(() -> decodeWithoutTable.configure(vae.getSpec(), crystals.getDataTableSpec()))
            .hasMessageContaining("z1");
    }

    private static String firstBlock() {
        return Tables.rows(crystals).get(0).getKey().getString().substring("Row0#".length());
    }

    private static String secondKey() {
        return Tables.rows(crystals).get(1).getKey().getString();
    }

    @Test
    void wganHasNoEncoderAndUnconditionalModelsRefuseAConditionAtConfigure() throws Exception {
        final GenerativeModelPortObjectSpec wgan = new GenerativeModelPortObjectSpec("WGAN_GP", "composition", "NONE",
            "", List.of(), List.of("cif"), 4, 10, -1);
        final NodeRunner encode = sampler("ENCODE", 1);
        assertThatThrownBy(() -> encode.configure(wgan, crystals.getDataTableSpec()))
            .hasMessageContaining("no encoder");
        final NodeRunner prior = sampler("PRIOR", 5);
        final NodeSettings s = prior.saveSettings();
        s.addString("condition", "cubic");
        prior.loadSettings(s);
        assertThatThrownBy(() -> prior.configure(wgan, null)).hasMessageContaining("unconditional");
        assertThat(NodeRunner.of(TrainWganGpNodeFactory.class).configure(crystals.getDataTableSpec())[1])
            .isInstanceOf(DataTableSpec.class);
    }

    @Test
    void configureChecksTheModelsInputAndConditionColumnsAgainstTheTable() throws Exception {
        final DataTableSpec formulas = Tables.spec("formula", StringCell.TYPE, "stability_class", StringCell.TYPE);
        final DataTableSpec structures = Tables.spec("cif", StringCell.TYPE, "formula", StringCell.TYPE);
        final GenerativeModelPortObjectSpec structureModel = new GenerativeModelPortObjectSpec("VAE", "structure",
            "NONE", "", List.of(), List.of("cif"), 4, 10, 40);
        for (String mode : List.of("ENCODE", "INTERPOLATE")) {
            final NodeRunner node = sampler(mode, 1);
            assertThatThrownBy(() -> node.configure(structureModel, formulas)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("\"cif\"").hasMessageContaining("structure");
            node.configure(structureModel, structures);
            assertThat(node.warning()).isNull();
        }
        // a composition model reads formulas, whatever column its training table had
        final GenerativeModelPortObjectSpec classModel = new GenerativeModelPortObjectSpec("VAE", "composition",
            "CLASS", "stability_class", List.of("0", "1"), List.of("cif", "stability_class"), 4, 10, 40);
        final NodeRunner encode = sampler("ENCODE", 1);
        encode.configure(classModel, formulas);
        assertThat(encode.warning()).isNull();
        // without the condition column: an error when nothing else gives the class, a warning when the setting does
        final DataTableSpec noClass = Tables.spec("formula", StringCell.TYPE);
        assertThatThrownBy(() -> encode.configure(classModel, noClass)).hasMessageContaining("\"stability_class\"")
            .hasMessageContaining("Condition value (class or property)").hasMessageContaining("[0, 1]");
        final NodeSettings s = encode.saveSettings();
        s.addString("condition", "1");
        encode.loadSettings(s);
        encode.configure(classModel, noClass);
        assertThat(encode.warning()).contains("\"stability_class\"").contains("= 1");

        // decode: a class-conditioned model needs the class (prior mode draws it, decode has none to draw from)
        final DataTableSpec latent = Tables.spec("z1", DoubleCell.TYPE, "z2", DoubleCell.TYPE, "z3", DoubleCell.TYPE,
            "z4", DoubleCell.TYPE);
        final NodeRunner decode = sampler("DECODE", 1);
        assertThatThrownBy(() -> decode.configure(classModel, latent)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("Condition value (class or property)").hasMessageContaining("one of [0, 1]");
        final NodeSettings d = decode.saveSettings();
        d.addString("condition", "0");
        decode.loadSettings(d);
        decode.configure(classModel, latent);
        sampler("PRIOR", 5).configure(classModel, null);
    }

    @Test
    void encodeRefusesAConditionValueAtConfigureWhenTheTableHasTheConditionColumn() throws Exception {
        final DataTableSpec formulas = Tables.spec("formula", StringCell.TYPE, "stability_class", StringCell.TYPE);
        final GenerativeModelPortObjectSpec classModel = new GenerativeModelPortObjectSpec("VAE", "composition",
            "CLASS", "stability_class", List.of("0", "1"), List.of("cif", "stability_class"), 4, 10, 40);
        final NodeRunner encode = sampler("ENCODE", 1);
        final NodeSettings s = encode.saveSettings();
        s.addString("condition", "1");
        encode.loadSettings(s);
        // the engine's rule (SampleJob.requireOneConditionSource): the column or the value, not both
        assertThatThrownBy(() -> encode.configure(classModel, formulas)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageStartingWith("Encode mode").hasMessageContaining("\"Condition value (class or property)\"")
            .hasMessageContaining("'stability_class'");
        // interpolate decodes the whole line with the value set, whatever the table holds
        final NodeRunner interpolate = sampler("INTERPOLATE", 1);
        final NodeSettings i = interpolate.saveSettings();
        i.addString("condition", "1");
        interpolate.loadSettings(i);
        interpolate.configure(classModel, formulas);
        assertThat(interpolate.warning()).isNull();
    }

    /** A row as text without its origin cell (the first): a shard's rows name their run and shard there. */
    private static List<String> rowsWithoutOrigin(final BufferedDataTable t) {
        final List<String> out = new ArrayList<>();
        for (final DataRow r : Tables.rows(t)) {
            final List<String> cells = new ArrayList<>();
            for (int i = 1; i < r.getNumCells(); i++) {
                cells.add(r.getCell(i).toString());
            }
            out.add(r.getKey() + ": " + cells);
        }
        return out;
    }

    @Test
    void shardsOfOneSeedAreDisjointPartsOfTheUnshardedStream() throws Exception {
        final BufferedDataTable whole = (BufferedDataTable)sampler("PRIOR", 5000).execute(vae, null)[0];
        final String model = org.example.genmat.core.model.ModelArchive.sha256(vae.getModelFile()).substring(0, 8);
        final List<String> parts = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            final NodeRunner node = sampler("PRIOR", 5000);
            final NodeSettings s = node.saveSettings();
            s.addInt("shard", k);
            s.addInt("shards", 2);
            node.loadSettings(s);
            final BufferedDataTable part = (BufferedDataTable)node.execute(vae, null)[0];
            // the run and the shard, as genmat sample --shard writes them, for genmat filter and metrics to check
            final String record = "shard " + k + "/2 of seed ";
            assertThat(Tables.column(part, "origin")).isNotEmpty().allSatisfy(c -> assertThat(c.toString())
                .startsWith(record).contains(", n 5000, model " + model + ", options "));
            parts.addAll(rowsWithoutOrigin(part));
        }
        assertThat(Tables.column(whole, "origin")).allSatisfy(c -> assertThat(c.isMissing()).isTrue());
        assertThat(parts).hasSize((int)whole.size()).containsExactlyInAnyOrderElementsOf(rowsWithoutOrigin(whole));
        final NodeRunner bad = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings s = bad.saveSettings();
        s.addInt("shard", 2);
        s.addInt("shards", 2);
        assertThatThrownBy(() -> bad.loadSettings(s)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("Shard");
    }
}
