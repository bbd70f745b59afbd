package org.example.genmat.nodes.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.job.sample.CandidateTable;
import org.example.genmat.core.job.sample.SampleInput;
import org.example.genmat.core.job.sample.SampleJob;
import org.example.genmat.core.job.sample.SampleMode;
import org.example.genmat.core.job.sample.SampleResult;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.EngineRange;
import org.example.genmat.nodes.TensorFlowNatives;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.CrystalColumns;
import org.example.genmat.nodes.table.JobTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.CloseableRowIterator;
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

/**
 * Sample Latent: maps its parameters onto {@link SampleSettings}, runs the engine's {@link SampleJob} (the use case
 * behind {@code genmat sample}) and writes the one {@link CandidateTable}.
 */
public final class SampleLatentNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Sample Latent") //
        .icon("sample-latent.png") //
        .shortDescription("Generates candidate crystals from a trained generative model.") //
        .fullDescription("<p>Decodes latent vectors of a trained model (Train VAE, Train WGAN-GP, Train VAE-GAN)"
            + " into candidates: drawn from the prior (temperature T), given in a latent table, on the line"
            + " between two encoded crystals, or the encodings of crystals (reconstruction).</p><p>Each"
            + " candidate row has its origin (the input row; for a shard of a prior run, the run and the shard),"
            + " formula, composition, condition, one column per"
            + " prototype site (A, B, C, D or A, B, X1, X2, X3), the lattice, space group and P1 CIF when the"
            + " representation has a structure, the latent vector z1 ... zk and a note when the output is not a"
            + " clean candidate (unknown element code, repeated element, bad lattice). It is the table"
            + " <tt>genmat sample</tt> writes. Feed it into Filter Validity and Diversity Metrics.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputPort("Generative model", "A trained model.", GenerativeModelPortObject.TYPE) //
            .addInputPort("Latent vectors or crystals", "Optional: latent vectors (z1 ... zk) for decode mode,"
                + " crystals (cif, composition or formula) for interpolate and encode modes.",
                BufferedDataTable.TYPE_OPTIONAL) //
            .addOutputTable("Candidates", "One row per candidate.")) //
        .model(m -> m.parametersClass(SampleLatentParameters.class) //
            .configure(SampleLatentNodeFactory::configure) //
            .execute(SampleLatentNodeFactory::execute)) //
        .nodeType(NodeType.Predictor) //
        .keywords("generate", "sample", "latent", "interpolate", "encode") //
        .addExternalResource("https://doi.org/10.1021/acs.chemmater.2c01807", "Türk et al., Chem. Mater. 34, 9455"
            + " (2022): class-conditioned generative models of elpasolites, the sampling this node follows");

    /** Framework constructor. */
    public SampleLatentNodeFactory() {
        super(NODE);
    }

    static DataTableSpec candidateSpec(final GenerativeModelPortObjectSpec model) {
        return JobTables.spec(CandidateTable.forRepresentation(model.getRepresentation(), model.getLatentSize()).schema());
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final SampleLatentParameters p = in.getParameters();
        final GenerativeModelPortObjectSpec model = in.getInPortSpec(0);
        final DataTableSpec table = in.getInPortSpec(1);
        checkCondition(model, p.m_condition);
        String warning = null;
        final boolean hasEncoder = model.hasEncoder();
        switch (p.m_mode) {
            case DECODE -> {
                requireTable(table, "decode");
                for (int j = 1; j <= model.getLatentSize(); j++) {
                    final DataColumnSpec z = table.getColumnSpec(CandidateTable.latentColumn(j));
                    if (z == null || !z.getType().isCompatible(DoubleValue.class)) {
                        throw new InvalidSettingsException("Decode mode needs numeric columns z1 ... z"
                            + model.getLatentSize() + " (the model's latent size); \"z" + j + "\" is "
                            + (z == null ? "missing." : "not numeric."));
                    }
                }
                if ("CLASS".equals(model.getConditionKind()) && blank(p.m_condition)) {
                    // decoded rows have no class of their own: the setting is the only source
                    throw new InvalidSettingsException("Decoding a latent table with a class-conditioned model needs"
                        + " a class: set \"" + CONDITION_TITLE + "\" to " + classes(model) + ".");
                }
            }
            case INTERPOLATE, ENCODE -> {
                requireTable(table, p.m_mode == SampleLatentParameters.Mode.ENCODE ? "encode" : "interpolate");
                if (!hasEncoder) {
                    throw new InvalidSettingsException("A WGAN-GP model has no encoder: interpolate and encode need a"
                        + " VAE or VAE-GAN model.");
                }
                CrystalColumns.requireCrystalColumns(table, "input table");
                requireStructureColumn(model, table);
                warning = checkConditionColumn(model, table, p.m_condition);
                if (p.m_mode == SampleLatentParameters.Mode.ENCODE) {
                    requireOneConditionSource(model, table, p);
                }
            }
            default -> {
                // prior sampling needs no table
            }
        }
        TensorFlowNatives.configure(out, warning);
        out.setOutSpecs(candidateSpec(model));
    }

    private static final String CONDITION_TITLE = SampleLatentParameters.CONDITION_TITLE;

    /** @return the model's classes as a message names them (a model not yet trained has none in its spec) */
    private static String classes(final GenerativeModelPortObjectSpec model) {
        return model.getConditionClasses().isEmpty() ? "a class of the training column \"" + model.getConditionColumn()
            + "\"" : "one of " + model.getConditionClasses();
    }

    private static boolean blank(final String s) {
        return s == null || s.isBlank();
    }

    /**
     * A model with a crystal-structure representation encodes from the {@code cif} column (the structure input
     * column it was trained on); compositions or formulas alone cannot be encoded by it.
     */
    private static void requireStructureColumn(final GenerativeModelPortObjectSpec model, final DataTableSpec table)
        throws InvalidSettingsException {
        if (!Featurizers.hasStructure(model.getRepresentation())) {
            return; // a composition or prototype model reads any crystal column
        }
        final String column = model.getInputColumns().stream().filter(CrystalColumns.STRUCTURE_COLUMNS::contains)
            .findFirst().orElse(CrystalColumns.STRUCTURE_COLUMNS.get(0));
        if (!table.containsName(column)) {
            throw new InvalidSettingsException("The model reads crystal structures (representation "
                + model.getRepresentation() + ") from the column \"" + column + "\", which the input table lacks;"
                + " connect crystals with structures (e.g. Read Crystals of CIF or POSCAR files), not formulas.");
        }
    }

    /**
     * @return a warning when the input table lacks the model's condition column (every row then takes the condition
     *         setting); null when it has it or the model is unconditional
     * @throws InvalidSettingsException when it lacks it and the setting is empty too: no row could be encoded
     */
    private static String checkConditionColumn(final GenerativeModelPortObjectSpec model, final DataTableSpec table,
        final String condition) throws InvalidSettingsException {
        final String column = model.getConditionColumn();
        if ("NONE".equals(model.getConditionKind()) || column == null || column.isEmpty()
            || table.containsName(column)) {
            return null;
        }
        final String what = "CLASS".equals(model.getConditionKind())
            ? classes(model) : "a number (the property)";
        if (blank(condition)) {
            throw new InvalidSettingsException("The model is conditioned on \"" + column + "\", which the input table"
                + " lacks: add that column or set \"" + CONDITION_TITLE + "\" to " + what + ".");
        }
        return "The input table has no column \"" + column + "\" (the model's condition): every row uses \""
            + CONDITION_TITLE + "\" = " + condition.trim() + ".";
    }

    /**
     * Encode mode: the engine's rule ({@link SampleJob#requireOneConditionSource}), checked here so that a condition value
     * set while the table has the condition column fails at configure, naming the setting and the mode, not at execute.
     */
    private static void requireOneConditionSource(final GenerativeModelPortObjectSpec model,
        final DataTableSpec table, final SampleLatentParameters p) throws InvalidSettingsException {
        final String column = model.getConditionColumn();
        try {
            EngineRange.settings(p, () -> {
                SampleJob.requireOneConditionSource(Conditioning.Kind.valueOf(model.getConditionKind()), column,
                    p.m_condition, column != null && !column.isEmpty() && table.containsName(column));
                return null;
            });
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException("Encode mode: " + e.getMessage(), e);
        }
    }

    private static void requireTable(final DataTableSpec table, final String mode) throws InvalidSettingsException {
        if (table == null) {
            throw new InvalidSettingsException("Connect the input table: " + mode + " mode reads it.");
        }
    }

    private static void checkCondition(final GenerativeModelPortObjectSpec model, final String condition)
        throws InvalidSettingsException {
        final String c = condition == null ? "" : condition.trim();
        switch (model.getConditionKind()) {
            case "NONE" -> {
                if (!c.isEmpty()) {
                    throw new InvalidSettingsException("The model is unconditional; clear the condition \"" + c
                        + "\".");
                }
            }
            case "CLASS" -> {
                if (!c.isEmpty() && !model.getConditionClasses().isEmpty()
                    && !model.getConditionClasses().contains(c)) {
                    throw new InvalidSettingsException("Class \"" + c + "\" is not one the model was trained on: "
                        + model.getConditionClasses());
                }
            }
            default -> {
                // the engine's one rule for a property value (Conditioning.encode applies it when sampling)
                if (!c.isEmpty() && Conditioning.propertyValue(c) == null) {
                    throw new InvalidSettingsException("The model is conditioned on the property \""
                        + model.getConditionColumn() + "\"; \"" + CONDITION_TITLE + "\" must be a number within "
                        + Conditioning.PROPERTY_RANGE + ", not \"" + c + "\".");
                }
            }
        }
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final SampleLatentParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final GenerativeModelPortObject port = in.getInPortObject(0);
        final BufferedDataTable table = in.getInPortObject(1);
        final GenerativeModel model;
        try {
            model = GenerativeModel.load(new ByteArrayInputStream(port.getModelFile()), "model port");
        } catch (IOException e) {
            throw new KNIMEException("Cannot read the generative model: " + e.getMessage(), e);
        }
        TensorFlowNatives.boot(exec);
        final SampleSettings settings;
        try {
            settings = p.toSettings();
        } catch (IllegalArgumentException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final CandidateTable candidates = CandidateTable.of(model);
        final BufferedDataContainer c = exec.createDataContainer(JobTables.spec(candidates.schema()));
        final RowSink sink = JobTables.sink(c, candidates.schema());
        final JobMonitor monitor = Cancellation.monitor(exec);
        final SampleResult result;
        try {
            if (settings.mode() == SampleMode.PRIOR) {
                result = SampleJob.prior(model, settings, sink, monitor);
            } else {
                if (table == null) {
                    throw new KNIMEException("Connect the input table: " + p.m_mode + " mode reads it.");
                }
                try (CloseableRowIterator it = table.iterator()) {
                    result = settings.mode() == SampleMode.DECODE
                        ? SampleJob.latents(model, settings, map(it, latentReader(table, model)), sink, monitor)
                        : SampleJob.crystals(model, settings, map(it, crystalReader(table, model)),
                            model.conditioning().column() != null
                                && table.getDataTableSpec().findColumnIndex(model.conditioning().column()) >= 0, sink, monitor);
                }
            }
        } catch (CancellationException e) {
            throw new CanceledExecutionException();
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            throw new KNIMEException("Sampling failed: " + e.getMessage(), e);
        }
        c.close();
        if (result.unclean() > 0) {
            out.setWarningMessage(result.unclean() + " of " + result.rows() + " candidates did not decode cleanly (see"
                + " note).");
        }
        out.setOutData(c.getTable());
    }

    /** The input crystals: the crystal columns and the model's condition column where the table has it. */
    private static Function<DataRow, SampleInput.Crystal> crystalReader(final BufferedDataTable table,
        final GenerativeModel model) {
        final DataTableSpec spec = table.getDataTableSpec();
        final String column = model.conditioning().column();
        final int conditionIndex = column == null ? -1 : spec.findColumnIndex(column);
        return row -> new SampleInput.Crystal(row.getKey().getString(), CrystalColumns.record(spec, row),
            conditionIndex < 0 ? null : Cells.text(row.getCell(conditionIndex)));
    }

    /** The input latent vectors: columns z1 ... zk; a missing cell makes the row a problem row. */
    private static Function<DataRow, SampleInput.Latent> latentReader(final BufferedDataTable table,
        final GenerativeModel model) {
        final DataTableSpec spec = table.getDataTableSpec();
        final int latent = model.latentSize();
        final int[] idx = new int[latent];
        for (int j = 0; j < latent; j++) {
            idx[j] = spec.findColumnIndex(CandidateTable.latentColumn(j + 1));
        }
        return row -> {
            final float[] z = new float[latent];
            for (int j = 0; j < latent; j++) {
                final double v = Cells.number(row.getCell(idx[j]));
                if (Double.isNaN(v)) {
                    return new SampleInput.Latent(row.getKey().getString(), null, "missing latent value");
                }
                z[j] = (float)v;
            }
            return new SampleInput.Latent(row.getKey().getString(), z, null);
        };
    }

    /** The rows of the input table as the job reads them, one at a time. */
    private static <T> Iterator<T> map(final CloseableRowIterator it, final Function<DataRow, T> read) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return read.apply(it.next());
            }
        };
    }
}
