package org.example.genmat.core.job.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.LatentBatch;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.core.inference.NetworkRunner;

/**
 * Sampling, the one use case behind {@code genmat sample} and Sample Latent: every mode writes
 * {@link CandidateTable} rows to a sink, streaming (one batch of {@link Sampler#BATCH} rows in memory).
 * Row keys: prior samples {@code Sample<i>} (i = the row's index in the unsharded stream, so shards never share a
 * key), interpolation points {@code Step<i>}, encoded and decoded rows their input row's key. The rows of a shard of a
 * prior run name their run and shard in the origin column ({@link SampleRun}).
 */
public final class SampleJob {

    /** Rows between two progress reports of prior sampling: a structure model decodes that many in a fraction of a second. */
    private static final int PROGRESS_EVERY = 64;

    private final GenerativeModel model;
    private final SampleSettings settings;
    private final CandidateTable table;
    private final RowSink sink;
    private final JobMonitor monitor;
    private long rows;
    private long unclean;

    private SampleJob(GenerativeModel model, SampleSettings settings, RowSink sink, JobMonitor monitor) {
        this.model = model;
        this.settings = settings;
        this.table = CandidateTable.of(model);
        this.sink = sink;
        this.monitor = monitor == null ? JobMonitor.NONE : monitor;
        // TensorFlow's natives load in seconds without a look at the monitor: booted now, under it, a cancel is seen
        TfRuntime.boot(this.monitor);
    }

    /**
     * Prior sampling (the mode that reads no input).
     *
     * @throws IllegalArgumentException for a condition the model does not take
     */
    public static SampleResult prior(GenerativeModel model, SampleSettings settings, RowSink sink, JobMonitor monitor)
        throws IOException {
        requireMode(settings, SampleMode.PRIOR);
        SampleJob job = new SampleJob(model, settings, sink, monitor);
        job.runPrior();
        return job.result();
    }

    /**
     * Interpolation or encoding of input crystals, in input order.
     *
     * @param tableHasConditionColumn whether the input table has the model's condition column (its rows' conditions)
     * @throws SettingException       (setting {@code condition}) encoding with a conditioned model when the conditions
     *                                come from both the table and the settings, or from neither
     *
     * @throws IllegalArgumentException naming the row that cannot be used (interpolation) or a model without encoder
     */
    public static SampleResult crystals(GenerativeModel model, SampleSettings settings, Iterator<SampleInput.Crystal> input,
                                        boolean tableHasConditionColumn, RowSink sink, JobMonitor monitor) throws IOException {
        if (settings.mode() != SampleMode.INTERPOLATE && settings.mode() != SampleMode.ENCODE) {
            throw new IllegalArgumentException("mode " + settings.mode() + " reads no crystals");
        }
        if (!model.hasEncoder()) {
            throw new IllegalArgumentException("a " + model.family().displayName() + " model has no encoder: " + settings.mode().label()
                + " needs a VAE or VAE-GAN model");
        }
        if (settings.mode() == SampleMode.ENCODE) {
            requireOneConditionSource(model, settings.condition(), tableHasConditionColumn);
        }
        SampleJob job = new SampleJob(model, settings, sink, monitor);
        if (settings.mode() == SampleMode.INTERPOLATE) {
            job.runInterpolate(input);
        } else {
            job.runEncode(input);
        }
        return job.result();
    }

    /**
     * Decoding of a latent table, in input order.
     *
     * @throws SettingException for a class-conditioned model without a condition ({@link #requireDecodeCondition})
     */
    public static SampleResult latents(GenerativeModel model, SampleSettings settings, Iterator<SampleInput.Latent> input,
                                       RowSink sink, JobMonitor monitor) throws IOException {
        requireMode(settings, SampleMode.DECODE);
        SampleJob job = new SampleJob(model, settings, sink, monitor);
        job.runDecode(input);
        return job.result();
    }

    private static void requireMode(SampleSettings settings, SampleMode mode) {
        if (settings.mode() != mode) {
            throw new IllegalArgumentException("mode " + settings.mode() + " is not " + mode);
        }
    }

    private SampleResult result() {
        return new SampleResult(rows, unclean);
    }

    private void write(String key, String origin, Candidate c) throws IOException {
        rows++;
        if (!c.clean()) {
            unclean++;
        }
        sink.accept(key, table.row(origin, c));
    }

    private void writeProblem(String key, String note) throws IOException {
        rows++;
        unclean++;
        sink.accept(key, table.problemRow(key, note));
    }

    private void runPrior() throws IOException {
        String far = settings.condition() == null ? null : model.conditioning().farConditionWarning(settings.condition());
        if (far != null) {
            monitor.warning(far);
        }
        long n = settings.samples();
        int shard = settings.shard(), shards = settings.shards();
        long shardRows = Sampler.shardRows(n, shard, shards);
        // every row of a shard says which run and shard it is, so the merge can refuse shards of other runs
        SampleRun run = SampleRun.of(model, settings);
        String origin = run == null ? null : run.cell();
        try (Stream<Candidate> s = Sampler.sample(model, n, settings.condition(), settings.temperature(),
            settings.decoding(), settings.seed(), shard, shards)) {
            Iterator<Candidate> it = s.iterator();
            long k = 0; // index within this shard's stream
            while (true) {
                // every row: the stream decodes the next rows of a structure batch when asked (a fraction of a second),
                // so a cancel is seen at once and the progress moves within a batch (the monitor prints a few lines)
                monitor.checkCancelled();
                if (!it.hasNext()) {
                    break;
                }
                Candidate c = it.next();
                long index = (shard + (k / Sampler.BATCH) * shards) * Sampler.BATCH + k % Sampler.BATCH;
                write("Sample" + index, origin, c);
                k++;
                if (k % PROGRESS_EVERY == 0 || k == shardRows) {
                    monitor.progress(k / (double) Math.max(1, shardRows), "sample " + k + "/" + shardRows);
                }
            }
        }
    }

    /**
     * Encoding with a conditioned model takes each row's condition from exactly one place: the table's condition column,
     * or the settings' condition for every row when the table has no such column. Both would silently drop one of them;
     * neither leaves nothing to encode with. Checked before any row is read.
     *
     * @throws SettingException (setting {@code condition}) naming the column
     */
    public static void requireOneConditionSource(GenerativeModel model, String condition, boolean tableHasConditionColumn) {
        Conditioning c = model.conditioning();
        requireOneConditionSource(c.dimension() == 0 ? Conditioning.Kind.NONE : c.kind(), c.column(), condition,
            tableHasConditionColumn);
    }

    /**
     * {@link #requireOneConditionSource(GenerativeModel, String, boolean) The same rule} from what a model's description
     * records (Sample Latent checks it at configure time, before any model is loaded).
     *
     * @param kind      the model's conditioning
     * @param column    the model's condition column
     * @param condition the settings' condition; null or blank: none
     * @throws SettingException (setting {@code condition}) naming the column
     */
    public static void requireOneConditionSource(Conditioning.Kind kind, String column, String condition,
                                                 boolean tableHasConditionColumn) {
        if (kind == null || kind == Conditioning.Kind.NONE) {
            return;
        }
        boolean given = condition != null && !condition.isBlank();
        String what = kind == Conditioning.Kind.CLASS ? "class" : "property value";
        if (tableHasConditionColumn && given) {
            throw new SettingException("condition", "the input table has the model's condition column '" + column
                + "', which gives each row's " + what + "; drop the given condition (or the column), not both");
        }
        if (!tableHasConditionColumn && !given) {
            throw new SettingException("condition", "the input table has no column '" + column + "', the model's condition;"
                + " give the " + what + " of every row as the condition, or add the column");
        }
    }

    /**
     * Decoding a latent table with a class-conditioned model needs the class to decode with: a latent row has no class
     * of its own, and none is drawn for it (a property model decodes at the training mean).
     *
     * @throws SettingException (setting {@code condition}) naming the model's classes
     */
    public static void requireDecodeCondition(GenerativeModel model, String condition) {
        Conditioning c = model.conditioning();
        if (condition == null && c.kind() == Conditioning.Kind.CLASS) {
            throw new SettingException("condition", "decoding a latent table with a class-conditioned model (column "
                + c.column() + ") needs the class to decode with, one of " + c.knownClasses());
        }
    }

    /** The row's condition, else the settings' (a conditional model needs one of them to encode). */
    private String conditionOf(SampleInput.Crystal row) {
        if (model.conditioning().dimension() == 0) {
            return settings.condition();
        }
        String own = row.condition() == null || row.condition().isBlank() ? null : row.condition().trim();
        return own != null ? own : settings.condition();
    }

    private void runInterpolate(Iterator<SampleInput.Crystal> input) throws IOException {
        int first = settings.firstRow(), second = settings.secondRow();
        int last = Math.max(first, second);
        SampleInput.Crystal[] ends = new SampleInput.Crystal[2];
        int n = 0;
        while (n < last && input.hasNext()) { // only the two rows are read
            monitor.checkCancelled();
            SampleInput.Crystal row = input.next();
            n++;
            if (n == first) {
                ends[0] = row;
            }
            if (n == second) {
                ends[1] = row;
            }
        }
        if (ends[0] == null || ends[1] == null) {
            throw new IllegalArgumentException("interpolation between rows " + first + " and " + second
                + " needs " + last + " input rows; the table has " + n);
        }
        // each end under its own condition (its row's, else the settings'), so the line runs from the first row's own
        // encoding to the second's; a condition in the settings overrides both rows' (the line under one condition)
        String[] conditions = new String[2];
        for (int i = 0; i < 2; i++) {
            CrystalRecord r = ends[i].record();
            int row = i == 0 ? first : second;
            if (!r.ok()) {
                throw new IllegalArgumentException("row " + row + " (" + ends[i].key() + ") cannot be read: " + r.error());
            }
            conditions[i] = settings.condition() != null ? settings.condition() : conditionOf(ends[i]);
        }
        if (model.conditioning().dimension() > 0) {
            if (conditions[0] == null && conditions[1] == null) {
                throw new SettingException("condition", "neither row " + first + " nor row " + second + " has a value in"
                    + " the model's condition column '" + model.conditioning().column() + "'; give the condition for the line");
            }
            // a row without a value takes the other end's, so the line is under one condition, as before
            conditions[0] = conditions[0] != null ? conditions[0] : conditions[1];
            conditions[1] = conditions[1] != null ? conditions[1] : conditions[0];
        }
        List<Candidate> line = Sampler.interpolate(model, ends[0].record(), ends[1].record(), settings.steps(), conditions[0],
            conditions[1]);
        String origin = ends[0].key() + " → " + ends[1].key();
        for (int k = 0; k < line.size(); k++) {
            write("Step" + k, origin, line.get(k));
        }
        monitor.progress(1.0, "interpolated " + line.size() + " points");
    }

    /** One input row of a batch: its key and what to decode, or why it cannot be. */
    private record Pending(String key, CrystalRecord record, String condition, float[] z, String problem) {
    }

    private void runEncode(Iterator<SampleInput.Crystal> input) throws IOException {
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            inBatches(input, row -> {
                String condition = conditionOf(row);
                CrystalRecord r = row.record();
                String problem = r.ok() ? null : r.error();
                if (problem == null && condition == null && model.conditioning().dimension() > 0) {
                    // a blank cell of the condition column: named, never encoded as 'null'
                    problem = "cannot encode: no value in column '" + model.conditioning().column() + "'";
                }
                if (problem == null) {
                    try {
                        model.featurizer().encode(r);
                        if (model.conditioning().dimension() > 0) {
                            model.conditioning().encode(condition);
                        } else if (row.condition() != null && !row.condition().isBlank()) {
                            model.conditioning().encode(row.condition());
                        }
                    } catch (IllegalArgumentException e) {
                        problem = "cannot encode: " + e.getMessage();
                    }
                }
                return new Pending(row.key(), problem == null ? r : null, condition, null, problem);
            }, batch -> {
                List<Pending> good = batch.stream().filter(p -> p.problem() == null).toList();
                boolean conditional = model.conditioning().dimension() > 0;
                List<String> conditions = conditional ? good.stream().map(Pending::condition).toList() : null;
                float[][] z = Sampler.encode(model, good.stream().map(Pending::record).toList(), conditions);
                float[][] cond = conditional ? good.stream().map(p -> model.conditioning().encode(p.condition()))
                    .toArray(float[][]::new) : null;
                String[] labels = good.stream().map(p -> conditional ? p.condition() : null).toArray(String[]::new);
                emit(batch, z.length == 0 ? new Candidate[0]
                    : Sampler.decodeBatch(model, model.featurizer(), runner, new LatentBatch(0, z, cond, labels),
                        monitor::checkCancelled));
            });
        }
    }

    private void runDecode(Iterator<SampleInput.Latent> input) throws IOException {
        Conditioning c = model.conditioning();
        float[] cond = null;
        String label = null;
        if (c.dimension() > 0) {
            requireDecodeCondition(model, settings.condition());
            label = settings.condition() != null ? settings.condition() : Double.toString(c.mean());
            cond = c.encode(label);
        } else {
            c.encode(settings.condition()); // refuses a condition for an unconditional model
        }
        int latent = model.latentSize();
        float[] condition = cond;
        String conditionLabel = label;
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            inBatches(input, row -> {
                String problem = row.problem();
                if (problem == null && (row.z() == null || row.z().length != latent)) {
                    problem = "needs " + latent + " latent values z1 ... z" + latent;
                }
                for (int j = 0; problem == null && j < latent; j++) {
                    problem = SampleInput.Latent.notFinite(CandidateTable.latentColumn(j + 1), row.z()[j], Float.toString(row.z()[j]));
                }
                return new Pending(row.key(), null, null, problem == null ? row.z() : null, problem);
            }, batch -> {
                float[][] z = batch.stream().filter(p -> p.problem() == null).map(Pending::z).toArray(float[][]::new);
                float[][] conds = condition == null ? null : Collections.nCopies(z.length, condition).toArray(float[][]::new);
                String[] labels = Collections.nCopies(z.length, conditionLabel).toArray(String[]::new);
                emit(batch, z.length == 0 ? new Candidate[0]
                    : Sampler.decodeBatch(model, model.featurizer(), runner, new LatentBatch(0, z, conds, labels),
                        monitor::checkCancelled));
            });
        }
    }

    /** Writes a batch in row order: decoded candidates for the good rows, problem rows for the others. */
    private void emit(List<Pending> batch, Candidate[] decoded) {
        int k = 0;
        try {
            for (Pending p : batch) {
                if (p.problem() != null) {
                    writeProblem(p.key(), p.problem());
                } else {
                    write(p.key(), p.key(), decoded[k++]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface BatchAction {
        void accept(List<Pending> batch);
    }

    /** Reads the input in batches of {@link Sampler#BATCH} rows and hands each batch on, in row order. */
    private <T> void inBatches(Iterator<T> input, java.util.function.Function<T, Pending> read, BatchAction action)
        throws IOException {
        List<Pending> batch = new ArrayList<>(Sampler.BATCH);
        long done = 0;
        try {
            while (input.hasNext()) {
                monitor.checkCancelled();
                batch.add(read.apply(input.next()));
                if (batch.size() == Sampler.BATCH || !input.hasNext()) {
                    action.accept(batch);
                    done += batch.size();
                    batch.clear();
                    monitor.progress(Double.NaN, "row " + done);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
