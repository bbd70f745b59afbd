package org.example.genmat.nodes.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.Candidate;
import org.example.genmat.core.sample.LatentBatch;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.nodes.TensorFlowNatives;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.CrystalColumns;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
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

/** Sample Latent: model (+ optional table) → candidate table. */
public final class SampleLatentNodeFactory extends DefaultNodeFactory {

    /** Text columns of the candidate table before the crystal columns. */
    private static final List<String> TEXT_COLUMNS = List.of("origin", "formula", "composition", "condition",
        "decode_note", "sites");

    /** Crystal columns copied from the standard crystal table. */
    private static final List<String> CRYSTAL_COLUMNS = List.of("a", "b", "c", "alpha", "beta", "gamma", "volume",
        "nsites", "density", "cif");

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Sample Latent") //
        .icon("sample-latent.png") //
        .shortDescription("Generates candidate crystals from a trained generative model.") //
        .fullDescription("<p>Decodes latent vectors of a trained model (Train VAE, Train WGAN-GP, Train VAE-GAN)"
            + " into candidates: drawn from the prior (temperature T), given in a latent table, on the line"
            + " between two encoded crystals, or the encodings of crystals (reconstruction).</p><p>Each"
            + " candidate row has its formula, composition, condition, a decode note when the output is not a"
            + " clean structure (unknown element code, repeated element, bad lattice), the prototype site"
            + " assignment, the lattice and P1 CIF when the representation has a structure, and the latent"
            + " vector z1 ... zk. Feed it into Filter Validity and Diversity Metrics.</p>") //
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
        .keywords("generate", "sample", "latent", "interpolate", "encode");

    /** Framework constructor. */
    public SampleLatentNodeFactory() {
        super(NODE);
    }

    static DataTableSpec candidateSpec(final int latentSize) {
        final List<DataColumnSpec> cols = new ArrayList<>();
        for (String c : TEXT_COLUMNS) {
            cols.add(new DataColumnSpecCreator(c, StringCell.TYPE).createSpec());
        }
        for (String c : CRYSTAL_COLUMNS) {
            cols.add(new DataColumnSpecCreator(c, CrystalColumns.typeOf(c)).createSpec());
        }
        for (int j = 1; j <= latentSize; j++) {
            cols.add(new DataColumnSpecCreator("z" + j, DoubleCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final SampleLatentParameters p = in.getParameters();
        final GenerativeModelPortObjectSpec model = in.getInPortSpec(0);
        final DataTableSpec table = in.getInPortSpec(1);
        checkCondition(model, p.m_condition);
        final boolean hasEncoder = !"WGAN_GP".equals(model.getFamily());
        switch (p.m_mode) {
            case DECODE -> {
                requireTable(table, "decode");
                for (int j = 1; j <= model.getLatentSize(); j++) {
                    final DataColumnSpec z = table.getColumnSpec("z" + j);
                    if (z == null || !z.getType().isCompatible(DoubleValue.class)) {
                        throw new InvalidSettingsException("Decode mode needs numeric columns z1 ... z"
                            + model.getLatentSize() + " (the model's latent size); \"z" + j + "\" is "
                            + (z == null ? "missing." : "not numeric."));
                    }
                }
            }
            case INTERPOLATE, ENCODE -> {
                requireTable(table, p.m_mode == SampleLatentParameters.Mode.ENCODE ? "encode" : "interpolate");
                if (!hasEncoder) {
                    throw new InvalidSettingsException("A WGAN-GP model has no encoder: interpolate and encode need a"
                        + " VAE or VAE-GAN model.");
                }
                CrystalColumns.requireCrystalColumns(table, "input table");
            }
            default -> {
                // prior sampling needs no table
            }
        }
        TensorFlowNatives.configure(out);
        out.setOutSpecs(candidateSpec(model.getLatentSize()));
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
                if (!c.isEmpty()) {
                    try {
                        Double.parseDouble(c);
                    } catch (NumberFormatException e) {
                        throw new InvalidSettingsException("The model is conditioned on the property \""
                            + model.getConditionColumn() + "\"; the condition must be a number, not \"" + c + "\".");
                    }
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
        final String condition = p.m_condition == null || p.m_condition.isBlank() ? null : p.m_condition.trim();
        final int latent = model.latentSize();
        final BufferedDataContainer c = exec.createDataContainer(candidateSpec(latent));
        final Stats stats = new Stats();
        // Row keys need no set of all keys handed out (that grew with the output): prior samples are keyed
        // Sample<i>, interpolation points Step<i>, and every other output row by its input row's unique key.
        try {
            switch (p.m_mode) {
                case DECODE -> decode(model, table, condition, exec, c, stats);
                case INTERPOLATE -> interpolate(model, table, condition, p.m_interpolationSteps, exec, c, stats);
                case ENCODE -> encode(model, table, condition, exec, c, stats);
                default -> prior(model, p, condition, exec, c, stats);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KNIMEException("Sampling failed: " + e.getMessage(), e);
        }
        c.close();
        if (stats.unclean > 0) {
            out.setWarningMessage(stats.unclean + " of " + stats.rows + " candidates did not decode cleanly (see"
                + " decode_note).");
        }
        out.setOutData(c.getTable());
    }

    private static void prior(final GenerativeModel model, final SampleLatentParameters p, final String condition,
        final ExecutionContext exec, final BufferedDataContainer c, final Stats stats)
        throws CanceledExecutionException {
        final long n = p.m_samples;
        try (Stream<Candidate> s = Sampler.sample(model, n, condition, p.m_temperature, p.m_seed, 0, 1)) {
            final var it = s.iterator();
            long i = 0;
            while (it.hasNext()) {
                exec.checkCanceled();
                add(c, new RowKey("Sample" + i), "", it.next(), model.latentSize(), stats);
                i++;
                if (i % 256 == 0 || i == n) {
                    exec.setProgress(i / (double)n, "sample " + i + "/" + n);
                }
            }
        }
    }

    /** One input row of a batch: its key and either what to decode or why it cannot be. */
    private record Pending(String id, float[] z, CrystalRecord record, String problem) {
    }

    /** Reads the table in batches of {@link Sampler#BATCH} rows and hands each batch on, in row order. */
    @FunctionalInterface
    private interface BatchSink {
        void accept(List<Pending> batch) throws CanceledExecutionException;
    }

    private static void inBatches(final BufferedDataTable table, final ExecutionContext exec,
        final java.util.function.Function<DataRow, Pending> read, final BatchSink sink)
        throws CanceledExecutionException {
        final long total = Math.max(1, table.size());
        long done = 0;
        final List<Pending> batch = new ArrayList<>(Sampler.BATCH);
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                batch.add(read.apply(it.next()));
                if (batch.size() == Sampler.BATCH || !it.hasNext()) {
                    sink.accept(batch);
                    done += batch.size();
                    batch.clear();
                    exec.setProgress(done / (double)total, "row " + done + "/" + total);
                }
            }
        }
    }

    private static void decode(final GenerativeModel model, final BufferedDataTable table, final String condition,
        final ExecutionContext exec, final BufferedDataContainer c, final Stats stats)
        throws CanceledExecutionException {
        final int latent = model.latentSize();
        final DataTableSpec spec = table.getDataTableSpec();
        final int[] idx = new int[latent];
        for (int j = 0; j < latent; j++) {
            idx[j] = spec.findColumnIndex("z" + (j + 1));
        }
        final float[] cond;
        final String label;
        if (model.conditioning().dimension() > 0) {
            label = condition != null ? condition : Double.toString(model.conditioning().mean());
            if (condition == null && model.conditioning().kind() == Conditioning.Kind.CLASS) {
                throw new IllegalArgumentException("Decoding a latent table with a class-conditioned model needs"
                    + " the condition (one of " + model.conditioning().classes() + ").");
            }
            cond = model.conditioning().encode(label);
        } else {
            cond = null;
            label = null;
        }
        final long[] batchIndex = {0};
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            inBatches(table, exec, row -> {
                final float[] z = new float[latent];
                boolean missing = false;
                for (int j = 0; j < latent; j++) {
                    final double v = Cells.number(row.getCell(idx[j]));
                    missing |= Double.isNaN(v);
                    z[j] = (float)v;
                }
                final String id = row.getKey().getString();
                return missing ? new Pending(id, null, null, "missing latent value") : new Pending(id, z, null, null);
            }, batch -> {
                final List<Pending> good = batch.stream().filter(e -> e.problem() == null).toList();
                final float[][] z = good.stream().map(Pending::z).toArray(float[][]::new);
                final float[][] conds = cond == null ? null : Collections.nCopies(z.length, cond)
                    .toArray(float[][]::new);
                final Candidate[] decoded = z.length == 0 ? new Candidate[0] : Sampler.decodeBatch(model,
                    model.featurizer(), runner, new LatentBatch(batchIndex[0]++, z, conds,
                        Collections.nCopies(z.length, label).toArray(String[]::new)));
                emit(batch, decoded, c, latent, stats);
            });
        }
    }

    /** Writes a batch in row order: decoded candidates for the good rows, note rows for the others. */
    private static void emit(final List<Pending> batch, final Candidate[] decoded, final BufferedDataContainer c,
        final int latent, final Stats stats) {
        int k = 0;
        for (Pending e : batch) {
            if (e.problem() != null) {
                stats.rows++;
                stats.unclean++;
                c.addRowToTable(note(new RowKey(e.id()), e.id(), e.problem(), latent));
            } else {
                add(c, new RowKey(e.id()), e.id(), decoded[k++], latent, stats);
            }
        }
    }

    private static void interpolate(final GenerativeModel model, final BufferedDataTable table,
        final String condition, final int steps, final ExecutionContext exec, final BufferedDataContainer c,
        final Stats stats) throws CanceledExecutionException {
        final List<String> ids = new ArrayList<>();
        final List<CrystalRecord> records = new ArrayList<>();
        final DataTableSpec spec = table.getDataTableSpec();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext() && records.size() < 2) { // only the first two crystals are used
                exec.checkCanceled();
                final DataRow row = it.next();
                records.add(CrystalColumns.record(spec, row));
                ids.add(row.getKey().getString());
            }
        }
        if (records.size() < 2) {
            throw new IllegalArgumentException("Interpolation needs two crystals in the input table; it has "
                + records.size() + " rows.");
        }
        for (int k = 0; k < 2; k++) {
            if (!records.get(k).ok()) {
                throw new IllegalArgumentException("Row " + ids.get(k) + " cannot be read: " + records.get(k).error());
            }
        }
        final List<Candidate> line = Sampler.interpolate(model, records.get(0), records.get(1), steps, condition);
        final String origin = ids.get(0) + " → " + ids.get(1);
        for (int k = 0; k < line.size(); k++) {
            add(c, new RowKey("Step" + k), origin, line.get(k), model.latentSize(), stats);
        }
        exec.setProgress(1.0);
    }

    private static void encode(final GenerativeModel model, final BufferedDataTable table, final String condition,
        final ExecutionContext exec, final BufferedDataContainer c, final Stats stats)
        throws CanceledExecutionException {
        final DataTableSpec spec = table.getDataTableSpec();
        final float[] cond = model.conditioning().dimension() > 0 ? model.conditioning().encode(condition) : null;
        final long[] batchIndex = {0};
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            inBatches(table, exec, row -> {
                final String id = row.getKey().getString();
                final CrystalRecord r = CrystalColumns.record(spec, row);
                String problem = r.ok() ? null : r.error();
                if (problem == null) {
                    try {
                        model.featurizer().encode(r);
                    } catch (IllegalArgumentException e) {
                        problem = "cannot encode: " + e.getMessage();
                    }
                }
                return new Pending(id, null, problem == null ? r : null, problem);
            }, batch -> {
                final List<CrystalRecord> good = batch.stream().filter(e -> e.problem() == null)
                    .map(Pending::record).toList();
                final List<String> conditions = cond == null ? null : Collections.nCopies(good.size(), condition);
                final float[][] z = Sampler.encode(model, good, conditions);
                final Candidate[] decoded = z.length == 0 ? new Candidate[0] : Sampler.decodeBatch(model,
                    model.featurizer(), runner, new LatentBatch(batchIndex[0]++, z,
                        cond == null ? null : Collections.nCopies(z.length, cond).toArray(float[][]::new),
                        Collections.nCopies(z.length, cond == null ? null : condition).toArray(String[]::new)));
                emit(batch, decoded, c, model.latentSize(), stats);
            });
        }
        exec.setProgress(1.0);
    }

    private static DataRow note(final RowKey key, final String origin, final String note,
        final int latent) {
        final List<DataCell> cells = new ArrayList<>();
        cells.add(Cells.string(origin));
        cells.add(DataType.getMissingCell());
        cells.add(DataType.getMissingCell());
        cells.add(DataType.getMissingCell());
        cells.add(Cells.string(note));
        cells.add(DataType.getMissingCell());
        for (int i = 0; i < CRYSTAL_COLUMNS.size() + latent; i++) {
            cells.add(DataType.getMissingCell());
        }
        return new DefaultRow(key, cells);
    }

    private static void add(final BufferedDataContainer c, final RowKey key, final String origin,
        final Candidate cand, final int latent, final Stats stats) {
        stats.rows++;
        if (!cand.clean()) {
            stats.unclean++;
        }
        final List<DataCell> cells = new ArrayList<>();
        cells.add(Cells.string(origin));
        cells.add(Cells.string(cand.composition() != null ? cand.composition().reducedFormula() : cand.formula()));
        cells.add(Cells.string(cand.composition() != null ? cand.composition().toCellString() : null));
        cells.add(Cells.string(cand.condition()));
        cells.add(Cells.string(cand.decodeNote()));
        cells.add(Cells.string(sites(cand.sites())));
        final Map<String, String> crystal = cand.crystal() == null ? Map.of()
            : CrystalTable.toRow(CrystalRecord.of(cand.crystal(), ""));
        for (String col : CRYSTAL_COLUMNS) {
            cells.add(Cells.parse(crystal.get(col), CrystalColumns.typeOf(col)));
        }
        final float[] z = cand.latent();
        for (int j = 0; j < latent; j++) {
            cells.add(z == null || j >= z.length ? DataType.getMissingCell() : new DoubleCell(z[j]));
        }
        c.addRowToTable(new DefaultRow(key, cells));
    }

    private static String sites(final Map<String, String> sites) {
        if (sites.isEmpty()) {
            return null;
        }
        final StringBuilder s = new StringBuilder();
        sites.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }

    private static final class Stats {
        long rows;

        long unclean;
    }
}
