package org.example.genmat.nodes.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.example.genmat.core.train.NetworkRunner;
import org.example.genmat.nodes.TensorFlowNatives;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.CrystalColumns;
import org.example.genmat.nodes.table.RowKeys;
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
        final RowKeys keys = new RowKeys();
        final Stats stats = new Stats();
        try {
            switch (p.m_mode) {
                case DECODE -> decode(model, table, condition, exec, c, keys, stats);
                case INTERPOLATE -> interpolate(model, table, condition, p.m_interpolationSteps, exec, c, keys,
                    stats);
                case ENCODE -> encode(model, table, condition, exec, c, keys, stats);
                default -> prior(model, p, condition, exec, c, keys, stats);
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
        final ExecutionContext exec, final BufferedDataContainer c, final RowKeys keys, final Stats stats)
        throws CanceledExecutionException {
        final long n = p.m_samples;
        try (Stream<Candidate> s = Sampler.sample(model, n, condition, p.m_temperature, p.m_seed, 0, 1)) {
            final var it = s.iterator();
            long i = 0;
            while (it.hasNext()) {
                exec.checkCanceled();
                add(c, keys.next("Sample" + i), "", it.next(), model.latentSize(), stats);
                i++;
                if (i % 256 == 0 || i == n) {
                    exec.setProgress(i / (double)n, "sample " + i + "/" + n);
                }
            }
        }
    }

    private static void decode(final GenerativeModel model, final BufferedDataTable table, final String condition,
        final ExecutionContext exec, final BufferedDataContainer c, final RowKeys keys, final Stats stats)
        throws CanceledExecutionException {
        final int latent = model.latentSize();
        final DataTableSpec spec = table.getDataTableSpec();
        final int[] idx = new int[latent];
        for (int j = 0; j < latent; j++) {
            idx[j] = spec.findColumnIndex("z" + (j + 1));
        }
        final List<String> ids = new ArrayList<>();
        final List<float[]> zs = new ArrayList<>();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                final DataRow row = it.next();
                final float[] z = new float[latent];
                boolean missing = false;
                for (int j = 0; j < latent; j++) {
                    final double v = Cells.number(row.getCell(idx[j]));
                    missing |= Double.isNaN(v);
                    z[j] = (float)v;
                }
                if (missing) {
                    stats.rows++;
                    stats.unclean++;
                    c.addRowToTable(note(keys.next(row.getKey().getString()), row.getKey().getString(),
                        "missing latent value", latent));
                } else {
                    ids.add(row.getKey().getString());
                    zs.add(z);
                }
            }
        }
        final float[][] cond;
        final String[] labels = new String[zs.size()];
        if (model.conditioning().dimension() > 0) {
            final String label = condition != null ? condition : Double.toString(model.conditioning().mean());
            if (condition == null && model.conditioning().kind() == Conditioning.Kind.CLASS) {
                throw new IllegalArgumentException("Decoding a latent table with a class-conditioned model needs"
                    + " the condition (one of " + model.conditioning().classes() + ").");
            }
            final float[] v = model.conditioning().encode(label);
            cond = new float[zs.size()][];
            Arrays.fill(cond, v);
            Arrays.fill(labels, label);
        } else {
            cond = null;
        }
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            for (int from = 0; from < zs.size(); from += Sampler.BATCH) {
                exec.checkCanceled();
                final int to = Math.min(zs.size(), from + Sampler.BATCH);
                final Candidate[] out = Sampler.decodeBatch(model, model.featurizer(), runner,
                    new LatentBatch(from / Sampler.BATCH, zs.subList(from, to).toArray(float[][]::new),
                        cond == null ? null : Arrays.copyOfRange(cond, from, to),
                        Arrays.copyOfRange(labels, from, to)));
                for (int k = 0; k < out.length; k++) {
                    add(c, keys.next(ids.get(from + k)), ids.get(from + k), out[k], model.latentSize(), stats);
                }
                exec.setProgress(to / (double)zs.size(), "row " + to + "/" + zs.size());
            }
        }
    }

    private static List<CrystalRecord> records(final BufferedDataTable table, final ExecutionContext exec,
        final List<String> ids) throws CanceledExecutionException {
        final List<CrystalRecord> records = new ArrayList<>();
        final DataTableSpec spec = table.getDataTableSpec();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                final DataRow row = it.next();
                records.add(CrystalColumns.record(spec, row));
                ids.add(row.getKey().getString());
            }
        }
        return records;
    }

    private static void interpolate(final GenerativeModel model, final BufferedDataTable table,
        final String condition, final int steps, final ExecutionContext exec, final BufferedDataContainer c,
        final RowKeys keys, final Stats stats) throws CanceledExecutionException {
        final List<String> ids = new ArrayList<>();
        final List<CrystalRecord> records = records(table, exec, ids);
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
            add(c, keys.next("Step" + k), origin, line.get(k), model.latentSize(), stats);
        }
        exec.setProgress(1.0);
    }

    private static void encode(final GenerativeModel model, final BufferedDataTable table, final String condition,
        final ExecutionContext exec, final BufferedDataContainer c, final RowKeys keys, final Stats stats)
        throws CanceledExecutionException {
        final List<String> ids = new ArrayList<>();
        final List<CrystalRecord> all = records(table, exec, ids);
        final List<CrystalRecord> good = new ArrayList<>();
        final List<String> goodIds = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            final CrystalRecord r = all.get(k);
            String problem = r.ok() ? null : r.error();
            if (problem == null) {
                try {
                    model.featurizer().encode(r);
                } catch (IllegalArgumentException e) {
                    problem = "cannot encode: " + e.getMessage();
                }
            }
            if (problem != null) {
                stats.rows++;
                stats.unclean++;
                c.addRowToTable(note(keys.next(ids.get(k)), ids.get(k), problem, model.latentSize()));
            } else {
                good.add(r);
                goodIds.add(ids.get(k));
            }
        }
        exec.checkCanceled();
        final List<String> conditions = model.conditioning().dimension() == 0 ? null
            : Collections.nCopies(good.size(), condition);
        final float[][] z = Sampler.encode(model, good, conditions);
        final String[] labels = new String[z.length];
        final float[][] cond;
        if (model.conditioning().dimension() > 0) {
            final float[] v = model.conditioning().encode(condition);
            cond = new float[z.length][];
            Arrays.fill(cond, v);
            Arrays.fill(labels, condition);
        } else {
            cond = null;
        }
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            final Candidate[] out = z.length == 0 ? new Candidate[0]
                : Sampler.decodeBatch(model, model.featurizer(), runner, new LatentBatch(0, z, cond, labels));
            for (int k = 0; k < out.length; k++) {
                exec.checkCanceled();
                add(c, keys.next(goodIds.get(k)), goodIds.get(k), out[k], model.latentSize(), stats);
            }
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
