package org.example.genmat.core.job.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
import org.example.genmat.core.job.WarningLines;

/**
 * Reads crystals into the standard crystal table ({@link #TABLE}): from files, folders, zips and CSV tables (any
 * {@link Path}, so KNIME's file systems too) or from the text cells of a table. The other columns of the input are
 * kept after the crystal table's: those of a single CSV/TSV table ({@link PassThrough#ofFiles}, {@link #table}) or
 * the values a face gives with each {@link TextCell}. An input that cannot be read gives an error row naming it,
 * unless {@link ReadSettings#failFast()}, which ends the read with a {@link CrystalReadException}. Row keys are the
 * records' sources, made unique. What a read says about an input as a whole (a file that is not UTF-8, read as
 * Latin-1) is in {@link ReadResult#warnings()}, once per file.
 */
public final class ReadJob {

    /** The output table's crystal columns (all of it when nothing is kept). */
    public static final TableSchema TABLE = CrystalSchema.TABLE;

    /** Records turned into rows together (P1 CIF text, density ... are made in parallel, written in input order). */
    private static final int ROW_BATCH = 512;

    /**
     * One text cell of an input table: the row's key (the records' source), its text (null when missing) and the
     * values of the row's other columns, which every record read from the cell carries after the crystal columns as
     * they are (the face's own cells).
     */
    public record TextCell(String source, String text, List<Object> kept) {
        public TextCell {
            kept = kept == null ? List.of() : kept;
        }

        /** A cell of a table none of whose other columns are kept. */
        public TextCell(String source, String text) {
            this(source, text, List.of());
        }
    }

    /** A record waiting to be written, with its kept values (null: {@link #passThrough}'s of the record). */
    private record Pending(CrystalRecord record, List<Object> kept) {
    }

    /** A row made from a pending record, and the problem of one of its kept values (null when none). */
    private record Made(List<Object> values, String problem) {
    }

    private final ReadSettings settings;
    private final PassThrough passThrough;
    private final RowSink sink;
    private final JobMonitor monitor;
    private final UniqueKeys keys = new UniqueKeys();
    private final List<Pending> batch = new ArrayList<>(ROW_BATCH);
    private long rows;
    private long errors;
    private String firstError;
    private long misfits;
    private String firstMisfit;
    private final ReadSkips skipped = new ReadSkips();
    /** Warnings about whole inputs (a file read as Latin-1), capped as per-row warnings are. */
    private final List<String> inputWarnings = new ArrayList<>();
    private final WarningLines inputWarningLines = new WarningLines(inputWarnings::add, "warnings about inputs");

    /**
     * A read that keeps no columns of its input.
     *
     * @param settings the checked settings
     * @param sink     where the rows go, in {@link #TABLE}'s columns
     * @param monitor  progress and cancellation
     */
    public ReadJob(ReadSettings settings, RowSink sink, JobMonitor monitor) {
        this(settings, PassThrough.NONE, sink, monitor);
    }

    /**
     * @param settings    the checked settings
     * @param passThrough the columns kept of a file read's table ({@link PassThrough#ofFiles} of the same inputs)
     * @param sink        where the rows go, in the columns of {@link #table}{@code (passThrough)}, then the values
     *                    of each {@link TextCell} read
     * @param monitor     progress and cancellation
     */
    public ReadJob(ReadSettings settings, PassThrough passThrough, RowSink sink, JobMonitor monitor) {
        this.settings = settings;
        this.passThrough = passThrough;
        this.sink = sink;
        this.monitor = monitor;
    }

    /** The output table of a file read keeping these columns: the crystal table's, then the kept ones. */
    public static TableSchema table(PassThrough passThrough) {
        return TABLE.append(passThrough.columns());
    }

    /**
     * Reads files, folders, zip archives and CSV tables.
     *
     * @param inputs   the inputs, on any file system
     * @param progress told after every parsed batch (null: {@link JobMonitor#progress} with a message)
     * @return what was written, with what was passed over (e.g. a file of an unknown type in a folder)
     * @throws IOException when a row cannot be written
     * @throws CrystalReadException with {@link ReadSettings#failFast()} at the first unreadable input
     * @throws UncheckedIOException when an input cannot be listed or opened
     */
    public ReadResult files(List<Path> inputs, CrystalReader.Progress progress) throws IOException {
        return files(inputs, progress, List.of());
    }

    /**
     * As {@link #files(List, CrystalReader.Progress)}, for a job that writes files: a folder walk passes over them
     * (reported as the command's own output) and their temporaries, so a rerun never reads its earlier output.
     *
     * @param ownOutputs the files the job writes ({@link org.example.genmat.core.io.OutputFiles#targets()})
     */
    public ReadResult files(List<Path> inputs, CrystalReader.Progress progress, List<Path> ownOutputs)
        throws IOException {
        requireInputs(inputs);
        CrystalReader.Options options = settings.readerOptions().withOwnOutputs(ownOutputs)
            .withCancelled(monitor::cancelled).withSkipped(skipped).withWarnings(this::inputWarning)
            .withProgress(progress != null ? progress
                : (n, bytes, current) -> monitor.progress(Double.NaN, n + " inputs read · " + current));
        try (Stream<CrystalRecord> records = CrystalReader.read(inputs, options)) {
            Iterator<CrystalRecord> it = records.iterator();
            while (it.hasNext()) {
                monitor.checkCancelled();
                add(it.next(), null);
            }
        }
        flush();
        monitor.checkCancelled(); // the reader stops early on cancel
        return result();
    }

    /**
     * Refuses an input that does not exist before anything is read or written (a typo would otherwise give a table
     * of one error row in place of the data): a {@link NoSuchFileException} naming it. Inputs that exist but cannot be
     * read (no permission, a FIFO) still give their error rows, so one bad file among many does not stop the read.
     */
    public static void requireInputs(List<Path> inputs) throws NoSuchFileException {
        for (Path p : inputs) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(p.toString());
            }
        }
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
                : CrystalReader.readText(cell.text(), cell.source(), settings.readerOptions());
            for (CrystalRecord r : records) {
                add(r, cell.kept());
            }
            done++;
            monitor.progress(total > 0 ? done / (double) total : Double.NaN,
                "row " + done + (total > 0 ? "/" + total : ""));
        }
        flush();
        return result();
    }

    /** Told by the reader, from a worker thread too (a folder named like a crystal file). */
    private void inputWarning(String warning) {
        synchronized (inputWarningLines) {
            inputWarningLines.accept(warning);
        }
    }

    private void add(CrystalRecord r, List<Object> kept) throws IOException {
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
        batch.add(new Pending(r, kept));
        if (batch.size() == ROW_BATCH) {
            flush();
        }
    }

    private void flush() throws IOException {
        List<Made> made = batch.parallelStream().map(this::make).toList();
        for (int i = 0; i < made.size(); i++) {
            Made m = made.get(i);
            if (m.problem() != null && misfits++ == 0) {
                firstMisfit = batch.get(i).record().source() + ": " + m.problem();
            }
            sink.accept(keys.next(batch.get(i).record().source()), m.values());
        }
        batch.clear();
    }

    private Made make(Pending p) {
        CrystalRecord r = p.record();
        List<Object> kept = p.kept();
        String problem = null;
        if (kept == null) {
            PassThrough.Values v = passThrough.of(r);
            kept = v.values();
            problem = v.problem();
            r = r.withWarning(problem);
        }
        List<Object> values = CrystalSchema.values(r, CrystalTable.COLUMNS);
        values.addAll(kept);
        return new Made(values, problem);
    }

    private ReadResult result() {
        List<String> warnings;
        synchronized (inputWarningLines) {
            warnings = new ArrayList<>(inputWarnings);
            String more = inputWarningLines.more();
            if (more != null) {
                warnings.add(more);
            }
        }
        return new ReadResult(rows, errors, firstError, misfits, firstMisfit, skipped, warnings);
    }
}
