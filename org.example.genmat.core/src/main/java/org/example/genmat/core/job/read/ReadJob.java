package org.example.genmat.core.job.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.io.CrystalReadException;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.job.CrystalSchema;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.job.UniqueKeys;

/**
 * Reads crystals into the standard crystal table ({@link #TABLE}): from files, folders, zips and CSV tables (any
 * {@link Path}, so KNIME's file systems too) or from the text cells of a table. An input that cannot be read gives an
 * error row naming it, unless {@link ReadSettings#failFast()}, which ends the read with a
 * {@link CrystalReadException}. Row keys are the records' sources, made unique.
 */
public final class ReadJob {

    /** The output table. */
    public static final TableSchema TABLE = CrystalSchema.TABLE;

    /** Records turned into rows together (P1 CIF text, density ... are made in parallel, written in input order). */
    private static final int ROW_BATCH = 512;

    /** One text cell of an input table: the row's key (the records' source) and its text, null when missing. */
    public record TextCell(String source, String text) {
    }

    private final ReadSettings settings;
    private final RowSink sink;
    private final JobMonitor monitor;
    private final UniqueKeys keys = new UniqueKeys();
    private final List<CrystalRecord> batch = new ArrayList<>(ROW_BATCH);
    private long rows;
    private long errors;
    private String firstError;

    /**
     * @param settings the checked settings
     * @param sink     where the rows go, in {@link #TABLE}'s columns
     * @param monitor  progress and cancellation
     */
    public ReadJob(ReadSettings settings, RowSink sink, JobMonitor monitor) {
        this.settings = settings;
        this.sink = sink;
        this.monitor = monitor;
    }

    /**
     * Reads files, folders, zip archives and CSV tables.
     *
     * @param inputs   the inputs, on any file system
     * @param progress told after every parsed batch (null: {@link JobMonitor#progress} with a message)
     * @param skipped  told about each thing passed over, e.g. a file of an unknown type in a folder (null: silent)
     * @return what was written
     * @throws IOException when a row cannot be written
     * @throws CrystalReadException with {@link ReadSettings#failFast()} at the first unreadable input
     * @throws UncheckedIOException when an input cannot be listed or opened
     */
    public ReadResult files(List<Path> inputs, CrystalReader.Progress progress, CrystalReader.Skipped skipped)
        throws IOException {
        CrystalReader.Options options = settings.readerOptions().withCancelled(monitor::cancelled).withSkipped(skipped)
            .withProgress(progress != null ? progress
                : (n, bytes, current) -> monitor.progress(Double.NaN, n + " inputs read · " + current));
        try (Stream<CrystalRecord> records = CrystalReader.read(inputs, options)) {
            Iterator<CrystalRecord> it = records.iterator();
            while (it.hasNext()) {
                monitor.checkCancelled();
                add(it.next());
            }
        }
        flush();
        monitor.checkCancelled(); // the reader stops early on cancel
        return result();
    }

    /**
     * Reads the text cells of a table (CIF text, POSCAR text or formulas), with the format detection of files.
     *
     * @param cells the cells in table order
     * @param total the number of cells, for progress (0 when unknown)
     * @return what was written
     * @throws IOException when a row cannot be written
     * @throws CrystalReadException with {@link ReadSettings#failFast()} at the first unreadable cell
     */
    public ReadResult cells(Iterator<TextCell> cells, long total) throws IOException {
        long done = 0;
        while (cells.hasNext()) {
            monitor.checkCancelled();
            TextCell cell = cells.next();
            List<CrystalRecord> records = cell.text() == null
                ? List.of(CrystalRecord.failed(cell.source(), cell.source() + ": missing cell"))
                : CrystalReader.readText(cell.text(), cell.source(), settings.format());
            for (CrystalRecord r : records) {
                add(r);
            }
            done++;
            monitor.progress(total > 0 ? done / (double) total : Double.NaN,
                "row " + done + (total > 0 ? "/" + total : ""));
        }
        flush();
        return result();
    }

    private void add(CrystalRecord r) throws IOException {
        if (!r.ok()) {
            if (settings.failFast()) {
                flush();
                throw new CrystalReadException("Cannot read " + r.source() + ": " + r.error());
            }
            if (errors++ == 0) {
                firstError = r.error();
            }
        }
        rows++;
        batch.add(r);
        if (batch.size() == ROW_BATCH) {
            flush();
        }
    }

    private void flush() throws IOException {
        List<List<Object>> values = batch.parallelStream()
            .map(r -> CrystalSchema.values(r, CrystalTable.COLUMNS)).toList();
        for (int i = 0; i < values.size(); i++) {
            sink.accept(keys.next(batch.get(i).source()), values.get(i));
        }
        batch.clear();
    }

    private ReadResult result() {
        return new ReadResult(rows, errors, firstError);
    }
}
