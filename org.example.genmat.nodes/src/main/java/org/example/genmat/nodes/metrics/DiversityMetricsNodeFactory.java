package org.example.genmat.nodes.metrics;

import java.util.List;

import org.example.genmat.core.metrics.DiscoveryTracker;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.SampleTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.IntValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.BooleanCell.BooleanCellFactory;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
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
            .addOutputTable("Per-sample tags", "The generated rows' keys with formula, validity and tag.") //
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
        return new DataTableSpec(new String[]{"metric", "value", "n", "definition"},
            new DataType[]{StringCell.TYPE, DoubleCell.TYPE, LongCell.TYPE, StringCell.TYPE});
    }

    static DataTableSpec tagsSpec() {
        return new DataTableSpec(new String[]{"formula", "valid", "tag"},
            new DataType[]{StringCell.TYPE, BooleanCell.TYPE, StringCell.TYPE});
    }

    static DataTableSpec curveSpec() {
        return new DataTableSpec(new String[]{"samples_drawn", "valid_samples", "unique", "novel", "rediscovered"},
            new DataType[]{LongCell.TYPE, LongCell.TYPE, LongCell.TYPE, LongCell.TYPE, LongCell.TYPE});
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
        final Integer target;
        final SampleRows rows;
        final ValidityOptions options;
        try {
            target = p.targetClass();
            p.m_validity.checkFiles();
            options = p.m_validity.toOptions();
            rows = new SampleRows(options);
        } catch (InvalidSettingsException | IllegalArgumentException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final String classColumn = p.m_classColumn.isBlank() ? null : p.m_classColumn;
        exec.setMessage("reading and checking the training and reference tables");
        final List<Sample> training = SampleTables.samples(trainingTable, rows,
            refTable == null ? classColumn : null, exec.createSubProgress(0.1));
        final List<Sample> reference = refTable == null ? training
            : SampleTables.samples(refTable, rows, classColumn, exec.createSubProgress(0.1));
        final MetricsEngine.Settings settings = new MetricsEngine.Settings(target, p.cutoffs(), p.m_emdSampleSize,
            p.m_seed, options.prototype() == null ? null : options.prototypeColumns(), p.m_curveEvery,
            options.checker().describe());
        final MetricsEngine.Result result;
        final BufferedDataContainer tags = exec.createDataContainer(tagsSpec());
        long unreadable = 0;
        try {
            // the generated rows stream through the engine's accumulator, as in genmat metrics: memory does not
            // grow with their number (beyond one key per distinct valid composition), and tags are written at once
            final MetricsEngine.Accumulator acc = new MetricsEngine(settings).start(training, reference);
            final ExecutionMonitor generatedProgress = exec.createSubProgress(0.6);
            final DataTableSpec spec = generatedTable.getDataTableSpec();
            final long total = Math.max(1, generatedTable.size());
            long done = 0;
            try (CloseableRowIterator it = generatedTable.iterator()) {
                while (it.hasNext()) {
                    generatedProgress.checkCanceled();
                    final DataRow r = it.next();
                    final Sample s;
                    try {
                        s = rows.toSample(r.getKey().getString(), SampleTables.values(spec, r), null);
                    } catch (IllegalArgumentException e) {
                        throw new KNIMEException(e.getMessage(), e);
                    }
                    final String tag = acc.add(s).label();
                    if (s.composition() == null) {
                        unreadable++;
                    }
                    tags.addRowToTable(new DefaultRow(r.getKey(), s.composition() == null ? DataType.getMissingCell()
                        : new StringCell(s.composition().reducedFormula()), BooleanCellFactory.create(s.valid()),
                        new StringCell(tag)));
                    if (++done % 4096 == 0) {
                        generatedProgress.setProgress(done / (double)total, "generated row " + done + "/" + total);
                    }
                }
            }
            exec.setMessage("computing metrics");
            result = acc.finish(() -> Cancellation.requested(exec));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KNIMEException("Metrics failed: " + e.getMessage(), e);
        }
        exec.checkCanceled(); // the engine stops early on cancel
        tags.close();

        final BufferedDataContainer m = exec.createDataContainer(metricsSpec());
        long row = 0;
        for (MetricRow r : result.metrics()) {
            m.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(r.metric()),
                Cells.number(r.value()), new LongCell(r.n()), Cells.string(r.definition())));
        }
        m.close();
        final BufferedDataContainer curve = exec.createDataContainer(curveSpec());
        row = 0;
        for (DiscoveryTracker.CurvePoint cp : result.curve()) {
            curve.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new LongCell(cp.samplesDrawn()),
                new LongCell(cp.validSamples()), new LongCell(cp.unique()), new LongCell(cp.novel()),
                new LongCell(cp.rediscovered())));
        }
        curve.close();
        final long unreadableTraining = training.stream().filter(s -> s.composition() == null).count();
        if (unreadable > 0 || unreadableTraining > 0) {
            out.setWarningMessage(unreadable + " generated and " + unreadableTraining + " training rows could not"
                + " be read (missing or malformed cells); generated ones count as invalid.");
        }
        exec.setProgress(1.0);
        out.setOutData(m.getTable(), tags.getTable(), curve.getTable());
    }

}
