package org.example.genmat.core.job.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.core.train.HistoryRow;

/**
 * Trains a generative model on crystal rows: fits the featurizer and conditioning to the usable rows, trains the
 * network and returns the model with its history and the rows it skipped (each with its reason).
 */
public final class TrainJob {

    /** The history table: {@code step} integer, {@code device} text, the loss terms and timings as numbers. */
    public static final TableSchema HISTORY = history();

    private TrainJob() {
    }

    private static TableSchema history() {
        List<Column> columns = new ArrayList<>();
        for (String name : HistoryRow.COLUMNS) {
            columns.add(switch (name) {
                case "step" -> Column.integer(name);
                case "device" -> Column.string(name);
                default -> Column.number(name);
            });
        }
        return new TableSchema(columns);
    }

    /**
     * Trains on rows already read (a KNIME table).
     *
     * @param settings   the checked settings
     * @param dataSource what the rows are, for the model's provenance
     * @param rows       the input rows with their condition values
     * @param monitor    progress (the stage "training FAMILY") and cancellation
     * @param historyListener told every history row as it is recorded; null: none
     * @param log        one line per skipped row (the first 20) and a summary, then the training set's warnings; null: silent
     * @throws java.util.concurrent.CancellationException when the monitor cancels
     * @throws IllegalArgumentException   when no row can be used
     */
    public static TrainResult run(TrainSettings settings, String dataSource, List<ModelTrainer.Row> rows,
        JobMonitor monitor, Consumer<HistoryRow> historyListener, Consumer<String> log) {
        ModelTrainer.Request request = settings.request();
        ModelTrainer.Prepared prepared = ModelTrainer.prepare(rows, request);
        GenerativeModel model = ModelTrainer.train(dataSource, prepared, request, monitor, historyListener, log);
        return new TrainResult(model, model.network().history(), prepared.rowsUsed(), prepared.skipped(),
            prepared.warnings());
    }

    /**
     * Reads a crystal table (CSV or CIF file) and trains. Where TensorFlow cannot run on this platform it fails
     * before the table is read; where its natives are still to be downloaded it logs so first.
     *
     * @throws IOException when the table cannot be read
     */
    public static TrainResult run(TrainSettings settings, Path table, JobMonitor monitor, Consumer<HistoryRow> historyListener,
        Consumer<String> log) throws IOException {
        TfRuntime.NativeSource natives = TfRuntime.requireUsable();
        if (natives.source() == TfRuntime.Source.DOWNLOAD && log != null) {
            log.accept(natives.message());
        }
        List<String> tableWarnings = new ArrayList<>();
        List<ModelTrainer.Row> rows = ModelTrainer.readRows(table, settings.conditionColumn(), tableWarnings::add);
        if (log != null) {
            tableWarnings.forEach(w -> log.accept("warning: " + w));
        }
        TrainResult r = run(settings, table.getFileName().toString(), rows, monitor, historyListener, log);
        if (tableWarnings.isEmpty()) {
            return r;
        }
        List<String> warnings = new ArrayList<>(tableWarnings);
        warnings.addAll(r.warnings());
        return new TrainResult(r.model(), r.history(), r.rowsUsed(), r.skipped(), warnings);
    }

    /**
     * Writes history rows as {@link #HISTORY} rows (numbers as their shortest double text, NaN missing), keyed by
     * their index.
     */
    public static void writeHistory(List<HistoryRow> history, RowSink sink) throws IOException {
        long i = 0;
        for (HistoryRow h : history) {
            List<Object> values = new ArrayList<>(HISTORY.size());
            for (String v : h.values()) {
                values.add(v.isEmpty() ? null : v);
            }
            sink.accept("Row" + i++, values);
        }
    }
}
