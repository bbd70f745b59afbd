package org.example.genmat.nodes.metrics;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.job.metrics.MetricsJob;
import org.example.genmat.core.job.metrics.MetricsSettings;
import org.example.genmat.core.job.metrics.MetricsTables;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.table.JobTables;
import org.example.genmat.nodes.table.SampleTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Diversity Metrics: generated + training (+ reference) tables → metrics, per-sample tags, discovery curve. */
public final class DiversityMetricsNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Diversity Metrics") //
        .icon("diversity-metrics.png") //
        .shortDescription("Validity, uniqueness, novelty, coverage and distribution distances of generated"
            + " crystals.") //
        .fullDescription("<p>Evaluates a table of generated crystals or compositions against the training table"
            + " (and optionally a reference/test table): validity under the CDVAE/SMACT rule (SMACT 1.4"
            + " oxidation states, distance cutoff 0.5 Å), uniqueness, novelty, rediscovery and repetitions (Türk"
            + " et al.), COV-R and COV-P on the standardised Magpie composition fingerprint (composition-only"
            + " coverage), earth mover's distances of density and number of elements, Fréchet fingerprint"
            + " distance and element-distribution Jensen-Shannon distance against the reference, and - with a"
            + " class column - the class precision and coverage of Türk et al.</p><p>Outputs: one row per metric with its value,"
            + " the number of items it is computed on and its definition; the generated rows tagged novel,"
            + " repetition, rediscovery or invalid; the cumulative discovery curve. The metrics, their names and"
            + " definitions are those of <tt>genmat metrics</tt>.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Generated", "Generated crystals or compositions (cif, composition or"
            + " formula column), e.g. from Sample Latent.") //
            .addInputTable("Training", "The training table of the model (novelty is measured against it).") //
            .addInputPort("Reference", "Optional reference (test) table for coverage and EMDs; the training"
                + " table is used when not connected.", BufferedDataTable.TYPE_OPTIONAL) //
            .addOutputTable("Metrics", "metric, value, n, definition") //
            .addOutputTable("Per-sample tags", "The generated rows' keys with index, formula, validity and tag.") //
            .addOutputTable("Discovery curve", "Cumulative counts after every n generated rows.")) //
        .model(m -> m.parametersClass(DiversityMetricsParameters.class) //
            .configure(DiversityMetricsNodeFactory::configure) //
            .execute(DiversityMetricsNodeFactory::execute)) //
        .nodeType(NodeType.Other) //
        .keywords("novelty", "coverage", "EMD", "CDVAE", "uniqueness", "discovery") //
        .addExternalResource("https://arxiv.org/abs/2110.06197", "Xie et al., CDVAE (coverage and EMD metrics)");

    /** Framework constructor. */
    public DiversityMetricsNodeFactory() {
        super(NODE);
    }

    static DataTableSpec metricsSpec() {
        return JobTables.spec(MetricsTables.METRICS);
    }

    static DataTableSpec tagsSpec() {
        return JobTables.spec(MetricsTables.TAGS);
    }

    static DataTableSpec curveSpec() {
        return JobTables.spec(MetricsTables.CURVE);
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final DiversityMetricsParameters p = in.getParameters();
        p.m_validity.checkFiles();
        final SampleRows.PrototypeColumns proto = SampleRows.PrototypeColumns.of(p.m_validity.toOptions());
        SampleTables.check(in.getInTableSpec(0), proto, "generated table");
        SampleTables.check(in.getInTableSpec(1), proto, "training table");
        final DataTableSpec ref = in.getInPortSpec(2);
        if (ref != null) {
            SampleTables.check(ref, proto, "reference table");
        }
        if (!p.m_classColumn.isBlank()) {
            final DataTableSpec population = ref != null ? ref : in.getInTableSpec(1);
            final DataColumnSpec col = population.getColumnSpec(p.m_classColumn);
            if (col == null) {
                throw new InvalidSettingsException("Class column \"" + p.m_classColumn + "\" is not in the "
                    + (ref != null ? "reference" : "training") + " table.");
            }
            if (!col.getType().isCompatible(IntValue.class) && !col.getType().isCompatible(StringValue.class)) {
                throw new InvalidSettingsException("Class column \"" + p.m_classColumn + "\" must hold integer"
                    + " classes; it is " + col.getType() + ".");
            }
            p.targetClass();
        }
        out.setOutSpecs(metricsSpec(), tagsSpec(), curveSpec());
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final DiversityMetricsParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable generatedTable = in.getInTable(0);
        final BufferedDataTable trainingTable = in.getInTable(1);
        final BufferedDataTable refTable = in.getInPortObject(2);
        final MetricsSettings settings;
        try {
            p.m_validity.checkFiles();
            settings = p.toSettings();
        } catch (InvalidSettingsException | IllegalArgumentException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final BufferedDataContainer tags = exec.createDataContainer(tagsSpec());
        final long[] unreadable = new long[2]; // generated, training
        final MetricsEngine.Result result;
        try {
            result = MetricsJob.run(settings, table(trainingTable, unreadable, 1),
                refTable == null ? null : table(refTable, new long[2], 1), table(generatedTable, unreadable, 0),
                JobTables.sink(tags, MetricsTables.TAGS), Cancellation.monitor(exec));
        } catch (CancellationException e) {
            throw new CanceledExecutionException();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new KNIMEException("Metrics failed: " + e.getMessage(), e);
        }
        tags.close();
        out.setOutData(fill(exec, metricsSpec(), MetricsTables.METRICS, MetricsTables.metricRows(result)), tags.getTable(),
            fill(exec, curveSpec(), MetricsTables.CURVE, MetricsTables.curveRows(result)));
        if (unreadable[0] > 0 || unreadable[1] > 0) {
            out.setWarningMessage(unreadable[0] + " generated and " + unreadable[1] + " training rows could not"
                + " be read (missing or malformed cells); generated ones count as invalid.");
        }
        exec.setProgress(1.0);
    }

    /** A table's rows for the job, counting unreadable ones in {@code unreadable[slot]}. */
    private static MetricsJob.Input table(final BufferedDataTable table, final long[] unreadable, final int slot) {
        return (reader, classColumn, sink) -> {
            final DataTableSpec spec = table.getDataTableSpec();
            try (CloseableRowIterator it = table.iterator()) {
                while (it.hasNext()) {
                    final DataRow r = it.next();
                    final Sample s = reader.toSample(r.getKey().getString(), SampleTables.values(spec, r), classColumn);
                    if (s.composition() == null) {
                        unreadable[slot]++;
                    }
                    sink.accept(new MetricsJob.Keyed(r.getKey().getString(), s));
                }
            }
        };
    }

    private static BufferedDataTable fill(final ExecutionContext exec, final DataTableSpec spec, final TableSchema schema,
        final List<List<Object>> rows) {
        final BufferedDataContainer c = exec.createDataContainer(spec);
        long i = 0;
        for (List<Object> row : rows) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), JobTables.cells(row, schema.columns())));
        }
        c.close();
        return c.getTable();
    }
}
