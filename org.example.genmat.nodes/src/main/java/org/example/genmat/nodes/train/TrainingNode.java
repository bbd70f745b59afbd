package org.example.genmat.nodes.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.job.train.TrainJob;
import org.example.genmat.core.job.train.TrainResult;
import org.example.genmat.core.job.train.TrainSettings;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.TensorFlowNatives;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.CrystalColumns;
import org.example.genmat.nodes.table.JobTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.DefaultNode;

/** What Train VAE, Train WGAN-GP and Train VAE-GAN share. */
final class TrainingNode {

    static final String IN_PORT_DESCRIPTION = "Crystal table (e.g. from Read Crystals) with a cif, composition or"
        + " formula column, plus the condition column when the model is conditional.";

    static final String MODEL_PORT_DESCRIPTION = "The trained model (the .genmat file) with its spec: family,"
        + " representation, condition, input columns and latent size. Saved with the workflow.";

    static final String HISTORY_PORT_DESCRIPTION = "One row every history interval: step, epoch, the loss terms"
        + " (reconstruction, KL, critic, generator, gradient penalty, Wasserstein estimate; missing where they do"
        + " not apply), learning rate, seconds and device.";

    static final String COMMON_OPTIONS = "<p>Rows that cannot be used (unreadable, missing condition value, not"
        + " fitting the representation) are skipped and counted in the node's warning. Progress shows"
        + " \"step 1200/10000 · loss 0.410\"; cancel stops training within a second and leaves nothing behind."
        + " The same data, settings and seed give the same model.</p>";

    /** A method paper the description links to ({@code DefaultNode.addExternalResource}). */
    record Citation(String href, String description) {
    }

    /** The study whose models and defaults these nodes follow: all three. */
    static final Citation TURK = new Citation("https://doi.org/10.1021/acs.chemmater.2c01807", "Türk et al.,"
        + " Assessing Deep Generative Models in Chemical Composition Space, Chem. Mater. 34, 9455 (2022)");

    /** The VAE: Train VAE and Train VAE-GAN. */
    static final Citation VAE = new Citation("https://arxiv.org/abs/1312.6114",
        "Kingma & Welling, Auto-Encoding Variational Bayes (2013)");

    /** The WGAN-GP critic: Train WGAN-GP and Train VAE-GAN. */
    static final Citation WGAN_GP = new Citation("https://arxiv.org/abs/1704.00028",
        "Gulrajani et al., Improved Training of Wasserstein GANs (2017)");

    /** The "Critic pack" setting: the nodes with a critic. */
    static final Citation PACGAN = new Citation("https://arxiv.org/abs/1712.04086",
        "Lin et al., PacGAN: The power of two samples in generative adversarial networks (2017)");

    /** The VAE-GAN: Train VAE-GAN. */
    static final Citation VAE_GAN = new Citation("https://arxiv.org/abs/1512.09300",
        "Larsen et al., Autoencoding beyond pixels using a learned similarity metric (2015)");

    private TrainingNode() {
    }

    /**
     * @param node      a Train node's definition
     * @param citations the method papers of its family
     * @return the node with a link to each paper
     */
    static DefaultNode cite(final DefaultNode node, final Citation... citations) {
        DefaultNode n = node;
        for (Citation c : citations) {
            n = n.addExternalResource(c.href(), c.description());
        }
        return n;
    }

    /** @return the training-history table spec (the job's {@link TrainJob#HISTORY}) */
    static DataTableSpec historySpec() {
        return JobTables.spec(TrainJob.HISTORY);
    }

    /** Input columns the model reads from the table. */
    private static List<String> inputColumns(final DataTableSpec spec, final TrainingParameters p) {
        final List<String> cols = new ArrayList<>();
        for (String c : CrystalColumns.STRUCTURE_COLUMNS) {
            if (spec.containsName(c)) {
                cols.add(c);
                break;
            }
        }
        if (p.conditionMode() != ConditionMode.NONE) {
            cols.add(p.conditionColumn());
        }
        return cols;
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final TrainingParameters p = in.getParameters();
        final DataTableSpec spec = in.getInTableSpec(0);
        CrystalColumns.requireCrystalColumns(spec, "training table");
        if (p.representation() == Representation.STRUCTURE && !spec.containsName("cif")) {
            throw new InvalidSettingsException("The periodic-structure representation needs a \"cif\" column;"
                + " the training table has only compositions or formulas.");
        }
        checkCondition(spec, p);
        final TrainingSettings s = p.settings();
        TensorFlowNatives.configure(out);
        out.setOutSpecs(spec(p, s, spec, List.of(), -1), historySpec());
    }

    private static void checkCondition(final DataTableSpec spec, final TrainingParameters p)
        throws InvalidSettingsException {
        if (p.conditionMode() == ConditionMode.NONE) {
            return;
        }
        final DataColumnSpec col = spec.getColumnSpec(p.conditionColumn());
        if (col == null) {
            throw new InvalidSettingsException("Condition column \"" + p.conditionColumn() + "\" is not in the"
                + " training table.");
        }
        if (!p.conditionMode().fits(col.getType())) {
            throw new InvalidSettingsException(p.conditionMode() == ConditionMode.PROPERTY
                ? "Property condition column \"" + p.conditionColumn() + "\" must be numeric; it is "
                    + col.getType() + ". Use Class conditioning for labels."
                : "Class condition column \"" + p.conditionColumn() + "\" must hold labels (strings or whole"
                    + " numbers); it is " + col.getType() + ". Use Property conditioning for a numeric property.");
        }
    }

    private static GenerativeModelPortObjectSpec spec(final TrainingParameters p, final TrainingSettings s,
        final DataTableSpec in, final List<String> classes, final long rows) {
        return new GenerativeModelPortObjectSpec(p.family().name(), p.representation().m_engineName,
            p.conditionMode().name(), p.conditionMode() == ConditionMode.NONE ? "" : p.conditionColumn(), classes,
            inputColumns(in, p), s.latentSize(), s.steps(), rows);
    }

    /** The node's choices as the training job's settings. */
    static TrainSettings settings(final TrainingParameters p, final TrainingSettings network,
        final Featurizers.Options featurizer) {
        return new TrainSettings(p.family(), p.representation().m_engineName, featurizer,
            p.conditionMode() == ConditionMode.CLASS ? p.conditionColumn() : null,
            p.conditionMode() == ConditionMode.PROPERTY ? p.conditionColumn() : null, network, p.describe());
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final TrainingParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable table = in.getInTable(0);
        final DataTableSpec spec = table.getDataTableSpec();
        final TrainingSettings settings;
        final Featurizers.Options featurizer;
        try {
            settings = p.settings();
            featurizer = p.featurizer();
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        exec.setMessage("reading the training table");
        final int condIdx = p.conditionMode() == ConditionMode.NONE ? -1 : spec.findColumnIndex(p.conditionColumn());
        final List<ModelTrainer.Row> rows = new ArrayList<>();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                final DataRow row = it.next();
                rows.add(new ModelTrainer.Row(CrystalColumns.record(spec, row),
                    condIdx < 0 ? null : Cells.text(row.getCell(condIdx))));
            }
        }
        TensorFlowNatives.boot(exec);
        final TrainResult result;
        try {
            result = TrainJob.run(settings(p, settings, featurizer), "KNIME table (" + table.size() + " rows)", rows,
                Cancellation.monitor(exec), lossMessages(exec, p.family(), settings.steps()), null);
        } catch (CancellationException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KNIMEException("Training failed: " + e.getMessage(), e);
        }
        final GenerativeModel model = result.model();
        exec.checkCanceled();
        final byte[] bytes;
        try {
            final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            model.save(buffer);
            bytes = buffer.toByteArray();
        } catch (IOException e) {
            throw new KNIMEException("Cannot write the trained model: " + e.getMessage(), e);
        }
        final GenerativeModelPortObjectSpec modelSpec =
            spec(p, settings, spec, model.conditioning().classes(), model.provenance().rowCount());
        final BufferedDataContainer c = exec.createDataContainer(historySpec());
        try {
            TrainJob.writeHistory(result.history(), JobTables.sink(c, TrainJob.HISTORY));
        } catch (IOException e) {
            throw new KNIMEException("Cannot write the training history: " + e.getMessage(), e);
        }
        c.close();
        final String warning = warning(result, model.provenance().skippedRows(), rows.size());
        if (warning != null) {
            out.setWarningMessage(warning);
        }
        out.setOutData(new GenerativeModelPortObject(modelSpec, bytes), c.getTable());
    }

    /**
     * The node's one warning message: the skipped rows (counted by the model's own record), then the training set's
     * warnings (too few rows, a property column with one value), one line each; null when there is none.
     */
    static String warning(final TrainResult result, final long skippedRows, final int rows) {
        final List<String> lines = new ArrayList<>();
        if (skippedRows > 0) {
            lines.add(skippedRows + " of " + rows + " rows were skipped; first: " + result.skipped().get(0));
        }
        lines.addAll(result.warnings());
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /**
     * Each recorded history row as the progress message with its loss; the fraction comes from the job monitor, which
     * is told the step just before.
     */
    private static Consumer<HistoryRow> lossMessages(final ExecutionContext exec, final ModelFamily family,
        final int totalSteps) {
        return row -> {
            final double loss = loss(family, row);
            exec.setMessage("step " + row.step() + "/" + totalSteps + " · loss "
                + (Double.isNaN(loss) ? "n/a" : String.format(Locale.ROOT, "%.3g", loss)));
        };
    }

    /** The loss shown in the progress: VAE-type reconstruction + KL, WGAN-GP the critic loss. */
    static double loss(final ModelFamily family, final HistoryRow row) {
        if (family == ModelFamily.WGAN_GP) {
            return row.critic();
        }
        final double kl = Double.isNaN(row.kl()) ? 0 : row.kl();
        return row.reconstruction() + kl;
    }
}
