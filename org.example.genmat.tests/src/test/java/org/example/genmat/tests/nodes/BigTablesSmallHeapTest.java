package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.ProgressSink;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeSettings;

/**
 * Diversity Metrics and Sample Latent on tables too large for the memory this test JVM has (surefire execution
 * "small-heap" in this module's pom: -Xmx64m): both nodes stream, as {@code genmat metrics} and
 * {@code genmat sample} do. Holding every generated row as a sample (Diversity Metrics before) or a set of every
 * row key handed out (Sample Latent before) does not fit here; the stand-in keeps large tables on disk, as KNIME.
 */
class BigTablesSmallHeapTest {

    private static final long METRICS_ROWS = Long.getLong("genmat.test.bigMetricsRows", 600_000);

    private static final long SAMPLES = Long.getLong("genmat.test.bigSamples", 800_000);

    /** Row i is Na(a)Cl(b), a = 1 + i mod 997, b = 1 + (i div 997) mod 991: distinct formulas, NaCl when a = b. */
    private static String formula(final long i) {
        return "Na" + (1 + i % 997) + "Cl" + (1 + (i / 997) % 991);
    }

    /** Only meaningful under the small heap: skipped when -Dtest makes the default execution pick it up too. */
    @org.junit.jupiter.api.BeforeAll
    static void smallHeap() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < (70L << 20),
            "runs in the surefire execution small-heap (-Xmx64m)");
    }

    @Test
    void diversityMetricsStreamsTheGeneratedTable() throws Exception {
        final DataTableSpec spec = Tables.spec("formula", StringCell.TYPE);
        final BufferedDataContainer c = new ExecutionContext(new ProgressSink()).createDataContainer(spec);
        for (long i = 0; i < METRICS_ROWS; i++) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i), new StringCell(formula(i))));
        }
        c.close();
        final BufferedDataTable generated = c.getTable();
        final BufferedDataTable training = Tables.table(spec, List.of(new Object[]{"NaCl"}, new Object[]{"LiF"},
            new Object[]{"MgO"}));
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addString("preset", "NONE");
        node.loadSettings(s);
        final BufferedDataTable[] out = java.util.Arrays.stream(node.execute(generated, training, null))
            .map(BufferedDataTable.class::cast).toArray(BufferedDataTable[]::new);
        assertThat(out[1].size()).as("one tag row per generated row").isEqualTo(METRICS_ROWS);
        // Na(a)Cl(a) reduces to NaCl, the only charge-balanced composition, and it is in the training table
        long validRows = 0;
        for (long i = 0; i < METRICS_ROWS; i++) {
            validRows += i % 997 == (i / 997) % 991 ? 1 : 0;
        }
        final long novelFormulas = 0;
        final var metrics = Tables.rows(out[0]).stream().collect(java.util.stream.Collectors.toMap(
            r -> ((StringCell)r.getCell(0)).getStringValue(), r -> NodeTestSupport.number(r.getCell(1))));
        assertThat(metrics.get("validity_composition")).isEqualTo(validRows / (double)METRICS_ROWS);
        assertThat(metrics.get("uniqueness")).isEqualTo(1.0 / validRows);
        assertThat(metrics.get("rediscovery")).isEqualTo(1.0);
        assertThat(metrics.get("repetitions")).isEqualTo(validRows - 1);
        long novel = 0;
        final int tag = out[1].getDataTableSpec().findColumnIndex("tag"); // index, formula, valid, tag
        try (CloseableRowIterator it = out[1].iterator()) {
            while (it.hasNext()) {
                final DataRow r = it.next();
                novel += "novel".equals(((StringCell)r.getCell(tag)).getStringValue()) ? 1 : 0;
            }
        }
        assertThat(novel).as("first occurrences of novel formulas").isEqualTo(novelFormulas);
    }

    @Test
    void sampleLatentDrawsMoreRowsThanAKeySetCouldHold() throws Exception {
        final BufferedDataTable crystals = NodeTestSupport.readCrystals(TestData.structureTable(TestData.structures(40)));
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        train.loadSettings(WorkflowTest.tiny(train, "COMPOSITION"));
        final var model = train.execute(crystals)[0];
        final NodeRunner sample = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings s = sample.saveSettings();
        s.addLong("samples", SAMPLES);
        sample.loadSettings(s);
        final BufferedDataTable out = (BufferedDataTable)sample.execute(model, null)[0];
        assertThat(out.size()).isEqualTo(SAMPLES);
        long n = 0;
        try (CloseableRowIterator it = out.iterator()) {
            while (it.hasNext()) {
                assertThat(it.next().getKey().getString()).isEqualTo("Sample" + n++);
            }
        }
        assertThat(n).isEqualTo(SAMPLES);
    }
}
