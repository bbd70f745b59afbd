package org.example.genmat.nodes.validity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.filter.FilterJob;
import org.example.genmat.core.job.filter.FilterResult;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.table.JobTables;
import org.example.genmat.nodes.table.SampleTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
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

/** Filter Validity: candidate table → valid rows and rejected rows with the failed check and the reason. */
public final class FilterValidityNodeFactory extends DefaultNodeFactory {

    private static final String PORT = "candidate table";

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Filter Validity") //
        .icon("filter-validity.png") //
        .shortDescription("Splits candidates into chemically valid and rejected rows, with reasons.") //
        .fullDescription("<p>Applies the composition rule of SMACT as used by CDVAE (charge neutrality with the"
            + " chosen oxidation-state table, Pauling electronegativity order, all-metal alloys valid) and the"
            + " structure rule (cell volume, shortest distance between distinct sites) to every row of a crystal"
            + " or candidate table (cif, composition or formula column).</p><p>Valid rows pass unchanged to the"
            + " first output. Rejected rows go to the second output with the failed check (charge-balance,"
            + " electronegativity, distance, volume, disorder, prototype, input, ...) and a reason. The rules and the"
            + " reading of the table are those of <tt>genmat filter</tt>. Rows whose structure"
            + " or composition cannot be read (missing cells, bad CIF) are rejected with check <i>input</i>,"
            + " never dropped.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Candidates", "Crystal or candidate table with a cif, composition or formula"
            + " column (e.g. from Sample Latent or Read Crystals).") //
            .addOutputTable("Valid", "The rows that pass every enabled check, unchanged.") //
            .addOutputTable("Rejected", "The other rows, with composition_valid, structure_valid, failed_check and"
                + " reason columns appended; a name the input already has gets \"filter_\" in front (as"
                + " <tt>genmat filter</tt> names it), so a Rejected table can be filtered again.")) //
        .model(m -> m.parametersClass(ValidityParameters.class) //
            .configure(FilterValidityNodeFactory::configure) //
            .execute(FilterValidityNodeFactory::execute)) //
        .nodeType(NodeType.Manipulator) //
        .keywords("validity", "SMACT", "charge neutrality", "CDVAE", "filter") //
        .addExternalResource("https://arxiv.org/abs/2110.06197", "Xie et al., CDVAE (validity metrics)");

    /** Framework constructor. */
    public FilterValidityNodeFactory() {
        super(NODE);
    }

    /** The input's columns, then the verdict columns named by the job's rule (a name the input has gets "filter_"). */
    private static DataTableSpec rejectedSpec(final DataTableSpec in) {
        final List<DataColumnSpec> cols = new ArrayList<>();
        in.forEach(cols::add);
        final List<String> names = FilterJob.verdictNames(List.of(in.getColumnNames()));
        final List<DataColumnSpec> verdict = JobTables.columnSpecs(FilterJob.VERDICT_COLUMNS);
        for (int i = 0; i < verdict.size(); i++) {
            cols.add(new DataColumnSpecCreator(names.get(i), verdict.get(i).getType()).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final ValidityParameters p = in.getParameters();
        final DataTableSpec spec = in.getInTableSpec(0);
        SampleTables.check(spec, SampleRows.PrototypeColumns.of(p.readOptions()), PORT);
        out.setOutSpecs(spec, rejectedSpec(spec));
    }

    /** Failed checks named in the warning. */
    private static final int CHECKS_SHOWN = 3;

    /** One short line: the unreadable rows (the first one named), then what the rejected rows failed. */
    static String warning(final FilterResult r) {
        return r.unreadable() + " of " + r.rows() + " rows could not be read (missing or malformed"
            + " cif/composition/formula; first: " + r.firstUnreadable() + "). Rejected " + r.rejected() + " (first: "
            + r.firstRejected() + "): " + r.topChecks(CHECKS_SHOWN) + "; most often: " + r.topReason() + ".";
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ValidityParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable table = in.getInTable(0);
        final DataTableSpec spec = table.getDataTableSpec();
        final ValidityOptions options;
        final DataTableSpec rejectedSpec;
        try {
            options = p.readOptions();
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        rejectedSpec = rejectedSpec(spec);
        final BufferedDataContainer valid = exec.createDataContainer(spec);
        final BufferedDataContainer rejected = exec.createDataContainer(rejectedSpec);
        final long total = Math.max(1, table.size());
        // the row being judged: the job hands on its verdict, the node passes the row's cells on unchanged
        final DataRow[] current = new DataRow[1];
        final FilterResult result;
        final JobMonitor monitor = Cancellation.monitor(exec);
        try (CloseableRowIterator it = table.iterator()) {
            result = FilterJob.run(options, (reader, handler) -> {
                long done = 0;
                while (it.hasNext()) {
                    current[0] = it.next();
                    handler.row(current[0].getKey().getString(),
                        reader.toSample(current[0].getKey().getString(), SampleTables.values(spec, current[0])));
                    if (++done % 256 == 0 || done == total) {
                        monitor.progress(done / (double)total, "row " + done + "/" + total);
                    }
                }
            }, new FilterJob.Output() {
                @Override
                public void valid(final String key, final List<Object> verdict) {
                    valid.addRowToTable(current[0]);
                }

                @Override
                public void rejected(final String key, final List<Object> verdict) {
                    final List<DataCell> cells = new ArrayList<>();
                    current[0].forEach(cells::add);
                    cells.addAll(JobTables.cells(verdict, FilterJob.VERDICT_COLUMNS));
                    rejected.addRowToTable(new DefaultRow(current[0].getKey(), cells));
                }
            }, monitor);
        } catch (CancellationException e) {
            throw new CanceledExecutionException();
        } catch (IOException | RuntimeException e) {
            throw new KNIMEException("Cannot check the rows: " + e.getMessage(), e);
        }
        valid.close();
        rejected.close();
        if (result.unreadable() > 0) {
            out.setWarningMessage(warning(result));
        }
        out.setOutData(valid.getTable(), rejected.getTable());
    }
}
