package org.example.genmat.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads crystals from files, folders (recursively, in sorted order), zip archives and CSV tables
 * (a {@code cif} column of CIF text, or a column of formulas) into a stream of
 * {@link CrystalRecord}s, in input order. Files are parsed in parallel in small batches, so the
 * stream stays ordered, memory stays bounded and cancellation takes effect within one batch.
 * A bad input gives one error record naming the file, the line and the problem and reading goes
 * on; with {@link Options#failFast()} the first error ends the read with a
 * {@link CrystalReadException} instead.
 */
public final class CrystalReader {

    /** Input formats; {@link #AUTO} decides per file from its name and content. */
    public enum Format { AUTO, CIF, POSCAR, FORMULA }

    /** Progress of a read: inputs (files, entries or table rows) done, bytes read, the current input. */
    @FunctionalInterface
    public interface Progress {
        void update(long inputsDone, long bytesRead, String current);
    }

    /**
     * Settings of a read.
     *
     * @param format         how to read each input
     * @param column         CSV column holding CIF text or formulas (null: {@code cif}, else a formula column)
     * @param species        element names of VASP 4 POSCARs without a species line (null: from the file)
     * @param failFast       stop at the first error with a {@link CrystalReadException}
     * @param threads        parsing threads (0: all processors)
     * @param cancelled      polled between batches; true stops the stream (null: never)
     * @param progress       told after every batch (null: silent)
     */
    public record Options(Format format, String column, List<String> species, boolean failFast, int threads,
        BooleanSupplier cancelled, Progress progress) {

        public Options {
            format = format == null ? Format.AUTO : format;
            species = species == null ? null : List.copyOf(species);
        }

        public static Options defaults() {
            return new Options(Format.AUTO, null, null, false, 0, null, null);
        }

        public Options withFormat(Format f) {
            return new Options(f, column, species, failFast, threads, cancelled, progress);
        }

        public Options withColumn(String c) {
            return new Options(format, c, species, failFast, threads, cancelled, progress);
        }

        public Options withSpecies(List<String> s) {
            return new Options(format, column, s, failFast, threads, cancelled, progress);
        }

        public Options withFailFast(boolean f) {
            return new Options(format, column, species, f, threads, cancelled, progress);
        }

        public Options withThreads(int t) {
            return new Options(format, column, species, failFast, t, cancelled, progress);
        }

        public Options withCancelled(BooleanSupplier c) {
            return new Options(format, column, species, failFast, threads, c, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(format, column, species, failFast, threads, cancelled, p);
        }
    }

    private static final int BATCH = 256;

    private CrystalReader() {
    }

    /** Reads everything under the inputs with default options. */
    public static Stream<CrystalRecord> read(List<Path> inputs) {
        return read(inputs, Options.defaults());
    }

    /**
     * Reads everything under the inputs. Close the stream (or read it to the end) to release the
     * worker threads and open files.
     */
    public static Stream<CrystalRecord> read(List<Path> inputs, Options options) {
        RecordIterator it = new RecordIterator(inputs, options);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
            .onClose(it::close);
    }

    /** One unit of work: a file to read, an archive entry or a table cell already in memory, or a finished record. */
    private interface Task {
        List<CrystalRecord> run();

        long bytes();
    }

    /** Lazily lists tasks: walks folders, opens archives and tables as it goes. */
    private static final class TaskSource {
        private final ArrayDeque<Object> pending = new ArrayDeque<>(); // Path or Task or Iterator<Task>
        private final Options options;

        TaskSource(List<Path> inputs, Options options) {
            this.options = options;
            pending.addAll(inputs);
        }

        /** The next task, or null when all inputs are done. */
        Task next() {
            while (!pending.isEmpty()) {
                Object head = pending.peekFirst();
                if (head instanceof Iterator<?> it) {
                    if (it.hasNext()) {
                        return (Task) it.next();
                    }
                    pending.pollFirst();
                    if (it instanceof AutoCloseable c) {
                        closeQuietly(c);
                    }
                    continue;
                }
                pending.pollFirst();
                if (head instanceof Task t) {
                    return t;
                }
                Path p = (Path) head;
                Task t = expand(p);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }

        /** A task for a file, or null after queueing what a folder, archive or table holds. */
        private Task expand(Path p) {
            String name = p.toString();
            if (!Files.exists(p)) {
                return done(CrystalRecord.failed(name, name + ": no such file or folder"));
            }
            if (Files.isDirectory(p)) {
                List<Path> children;
                try (Stream<Path> s = Files.list(p)) {
                    children = s.sorted().toList();
                } catch (IOException e) {
                    return done(CrystalRecord.failed(name, name + ": cannot list folder: " + e.getMessage()));
                }
                for (int i = children.size() - 1; i >= 0; i--) {
                    Path c = children.get(i);
                    String fn = c.getFileName().toString();
                    if (fn.startsWith(".")) {
                        continue; // hidden files (.DS_Store, editors' backups)
                    }
                    String lower = fn.toLowerCase(Locale.ROOT);
                    if (isCandidate(fn) && !lower.endsWith(".zip") && !lower.endsWith(".csv") && !lower.endsWith(".tsv")) {
                        // a crystal file from a listing: no stat calls here (they cost as much as the parse)
                        pending.addFirst(new FileTask(c, c.toString(), options));
                    } else if (isCandidate(fn) || Files.isDirectory(c)) {
                        pending.addFirst(c);
                    }
                }
                return null;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".zip")) {
                try {
                    pending.addFirst(new ZipTasks(p, options));
                } catch (IOException e) {
                    return done(CrystalRecord.failed(name, name + ": cannot open zip archive: " + e.getMessage()));
                }
                return null;
            }
            if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
                try {
                    pending.addFirst(TableTasks.open(name, Files.newInputStream(p), options));
                } catch (IOException | RuntimeException e) {
                    return done(CrystalRecord.failed(name, name + ": cannot read table: " + message(e)));
                }
                return null;
            }
            return new FileTask(p, name, options);
        }

        void close() {
            for (Object o : pending) {
                if (o instanceof AutoCloseable c) {
                    closeQuietly(c);
                }
            }
            pending.clear();
        }
    }

    /** Files a folder walk picks up: crystal files, archives and tables (not e.g. images or scripts). */
    static boolean isCandidate(String fileName) {
        String l = fileName.toLowerCase(Locale.ROOT);
        return l.endsWith(".cif") || l.endsWith(".mcif") || l.endsWith(".vasp") || l.endsWith(".poscar")
            || l.startsWith("poscar") || l.startsWith("contcar") || l.endsWith(".zip") || l.endsWith(".csv")
            || l.endsWith(".tsv");
    }

    private static Task done(CrystalRecord r) {
        return new Task() {
            @Override
            public List<CrystalRecord> run() {
                return List.of(r);
            }

            @Override
            public long bytes() {
                return 0;
            }
        };
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing useful to do: the data is read already
        }
    }

    /** A file on disk, read and parsed on a worker thread. */
    private static final class FileTask implements Task {
        private final Path path;
        private final String name;
        private final Options options;
        private long bytes;

        FileTask(Path path, String name, Options options) {
            this.path = path;
            this.name = name;
            this.options = options;
        }

        @Override
        public List<CrystalRecord> run() {
            byte[] data;
            // Files, not java.io.File: the path may belong to another file system (a KNIME workflow-relative,
            // mountpoint or connected file system, a zip) where toFile() is not supported
            try (InputStream in = Files.newInputStream(path)) {
                data = in.readAllBytes();
            } catch (IOException e) {
                if (Files.isDirectory(path)) {
                    // a folder named like a crystal file: read what it holds
                    try (Stream<CrystalRecord> s = read(List.of(path), options.withThreads(1))) {
                        return s.toList();
                    }
                }
                return List.of(CrystalRecord.failed(name, name + ": cannot read file: " + message(e)));
            }
            bytes = data.length;
            return parse(name, path.getFileName().toString(), data, options);
        }

        @Override
        public long bytes() {
            return bytes;
        }
    }

    /** Bytes already in memory (archive entry or table cell). */
    private record TextTask(String source, String fileName, byte[] data, long bytes, Options options) implements Task {
        @Override
        public List<CrystalRecord> run() {
            return parse(source, fileName, data, options);
        }
    }

    /** Parses one input by the chosen or detected format. */
    static List<CrystalRecord> parse(String source, String fileName, byte[] data, Options options) {
        Format f = options.format();
        if (f == Format.AUTO || f == Format.FORMULA) {
            f = detect(fileName, data);
        }
        try {
            return switch (f) {
                case POSCAR -> PoscarReader.read(CifReader.decode(data), source, options.species());
                case CIF -> CifReader.read(data, source);
                default -> List.of(CrystalRecord.failed(source, source + ": line 1: not a CIF (no data_ block) and not a"
                    + " POSCAR; use --format to say what it is"));
            };
        } catch (RuntimeException e) {
            return List.of(CrystalRecord.failed(source, source + ": " + message(e)));
        }
    }

    /** CIF, POSCAR or AUTO (unknown) from the file name, then the content. */
    static Format detect(String fileName, byte[] data) {
        String l = fileName.toLowerCase(Locale.ROOT);
        if (l.endsWith(".cif") || l.endsWith(".mcif")) {
            return Format.CIF;
        }
        if (l.endsWith(".vasp") || l.endsWith(".poscar") || l.startsWith("poscar") || l.startsWith("contcar")) {
            return Format.POSCAR;
        }
        if (hasDataBlock(data)) {
            return Format.CIF;
        }
        if (PoscarReader.looksLikePoscar(CifReader.decode(data))) {
            return Format.POSCAR;
        }
        return Format.AUTO;
    }

    private static boolean hasDataBlock(byte[] d) {
        for (int i = 0; i + 5 <= d.length; i++) {
            if ((d[i] == 'd' || d[i] == 'D') && (i == 0 || d[i - 1] == '\n' || d[i - 1] == '\r' || d[i - 1] == ' ')
                && (d[i + 1] | 0x20) == 'a' && (d[i + 2] | 0x20) == 't' && (d[i + 3] | 0x20) == 'a' && d[i + 4] == '_') {
                return true;
            }
        }
        return false;
    }

    /** Entries of a zip archive, read sequentially (the stream format) and parsed on workers. */
    private static final class ZipTasks implements Iterator<Task>, AutoCloseable {
        private final String name;
        private final ZipInputStream zip;
        private final Options options;
        private final ArrayDeque<Task> ahead = new ArrayDeque<>();
        private boolean finished;

        ZipTasks(Path p, Options options) throws IOException {
            this.name = p.toString();
            this.zip = new ZipInputStream(Files.newInputStream(p));
            this.options = options;
        }

        @Override
        public boolean hasNext() {
            while (ahead.isEmpty() && !finished) {
                fill();
            }
            return !ahead.isEmpty();
        }

        private void fill() {
            try {
                ZipEntry e = zip.getNextEntry();
                if (e == null) {
                    finished = true;
                    close();
                    return;
                }
                String entry = e.getName();
                String fn = entry.substring(entry.lastIndexOf('/') + 1);
                if (e.isDirectory() || fn.startsWith(".") || entry.startsWith("__MACOSX/") || !isCandidate(fn)
                    || fn.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    return;
                }
                byte[] data = zip.readAllBytes();
                String source = name + "!/" + entry;
                String lower = fn.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
                    Iterator<Task> rows = TableTasks.open(source, new ByteArrayInputStream(data), options);
                    rows.forEachRemaining(ahead::add);
                } else {
                    ahead.add(new TextTask(source, fn, data, data.length, options));
                }
            } catch (IOException | RuntimeException ex) {
                finished = true;
                ahead.add(done(CrystalRecord.failed(name, name + ": zip archive is damaged: " + message(ex))));
                close();
            }
        }

        @Override
        public Task next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ahead.pollFirst();
        }

        @Override
        public void close() {
            closeQuietly(zip);
        }
    }

    /** Rows of a CSV table: CIF text cells or formulas. */
    private static final class TableTasks implements Iterator<Task>, AutoCloseable {
        private final String name;
        private final CSVParser parser;
        private final Iterator<CSVRecord> rows;
        private final String cifColumn;
        private final String formulaColumn;
        private final String idColumn;
        private final Options options;

        private TableTasks(String name, CSVParser parser, String cifColumn, String formulaColumn, String idColumn,
            Options options) {
            this.name = name;
            this.parser = parser;
            this.rows = parser.iterator();
            this.cifColumn = cifColumn;
            this.formulaColumn = formulaColumn;
            this.idColumn = idColumn;
            this.options = options;
        }

        static Iterator<Task> open(String name, InputStream in, Options options) throws IOException {
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat fmt = (name.toLowerCase(Locale.ROOT).endsWith(".tsv") ? CSVFormat.TDF : CSVFormat.DEFAULT).builder()
                .setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get();
            CSVParser parser = CSVParser.parse(r, fmt);
            List<String> header = parser.getHeaderNames();
            String cif = null, formula = null;
            String wanted = options.column();
            if (options.format() == Format.FORMULA) {
                formula = FormulaTable.findColumn(header, wanted);
            } else if (wanted != null && !wanted.isBlank()) {
                String col = FormulaTable.findColumn(header, wanted);
                if (col != null && (options.format() == Format.CIF || options.format() == Format.POSCAR
                    || col.equalsIgnoreCase("cif"))) {
                    cif = col;
                } else {
                    formula = col;
                }
            } else {
                cif = FormulaTable.findColumn(header, "cif");
                if (cif == null) {
                    formula = FormulaTable.findColumn(header, null);
                }
            }
            String id = null;
            for (String c : List.of("material_id", "id", "name", "mp_id", "source")) {
                id = id == null ? FormulaTable.findColumn(header, c) : id;
            }
            if (cif == null && formula == null) {
                parser.close();
                String why = wanted != null && !wanted.isBlank() ? "has no column '" + wanted + "'"
                    : "has neither a 'cif' column nor a formula column (" + String.join(", ", FormulaTable.FORMULA_COLUMNS)
                        + "); name one with --column";
                throw new IllegalArgumentException(why + "; its columns are " + header);
            }
            return new TableTasks(name, parser, cif, formula, id, options);
        }

        @Override
        public boolean hasNext() {
            try {
                return rows.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                return false;
            }
        }

        @Override
        public Task next() {
            CSVRecord rec;
            try {
                rec = rows.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                return done(CrystalRecord.failed(name, name + ": broken CSV after row "
                    + parser.getRecordNumber() + ": " + message(e)));
            }
            long row = rec.getRecordNumber();
            String id = idColumn != null && rec.isSet(idColumn) ? rec.get(idColumn) : "";
            String source = name + "#row " + row + (id.isBlank() ? "" : " (" + id + ")");
            if (cifColumn != null) {
                String text = rec.isSet(cifColumn) ? rec.get(cifColumn) : "";
                if (text.isBlank()) {
                    return done(CrystalRecord.failed(source, source + ": empty '" + cifColumn + "' cell"));
                }
                Options cellOptions = options.format() == Format.POSCAR ? options : options.withFormat(Format.CIF);
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                return new TextTask(source, "", data, data.length, cellOptions);
            }
            String f = rec.isSet(formulaColumn) ? rec.get(formulaColumn) : "";
            return done(FormulaTable.record(source, f));
        }

        @Override
        public void close() {
            closeQuietly(parser);
        }
    }

    /** Runs tasks batch by batch on a small pool; yields records in input order. */
    private static final class RecordIterator implements Iterator<CrystalRecord> {
        private final TaskSource source;
        private final Options options;
        private final ExecutorService pool;
        private final ArrayDeque<CrystalRecord> ready = new ArrayDeque<>();
        private boolean exhausted;
        private long inputsDone;
        private long bytesRead;

        RecordIterator(List<Path> inputs, Options options) {
            this.source = new TaskSource(inputs, options);
            this.options = options;
            int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
            this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "genmat-read");
                t.setDaemon(true);
                return t;
            }) : null;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !exhausted) {
                nextBatch();
            }
            return !ready.isEmpty();
        }

        @Override
        public CrystalRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.pollFirst();
        }

        /** A batch handed to the pool: its tasks and their results to come. */
        private record Submitted(List<Task> tasks, List<Future<List<List<CrystalRecord>>>> futures) {
        }

        private final ArrayDeque<Submitted> inFlight = new ArrayDeque<>();

        private List<Task> takeBatch() {
            List<Task> batch = new ArrayList<>(BATCH);
            Task t;
            while (batch.size() < BATCH && (t = source.next()) != null) {
                batch.add(t);
            }
            return batch;
        }

        /** Tasks go to the pool in chunks: one hand-over per file costs as much as parsing a small one. */
        private static final int CHUNK = 16;

        private Submitted submit(List<Task> batch) {
            List<Future<List<List<CrystalRecord>>>> futures = new ArrayList<>(batch.size() / CHUNK + 1);
            for (int from = 0; from < batch.size(); from += CHUNK) {
                List<Task> chunk = batch.subList(from, Math.min(batch.size(), from + CHUNK));
                futures.add(pool.submit(() -> {
                    List<List<CrystalRecord>> out = new ArrayList<>(chunk.size());
                    for (Task task : chunk) {
                        out.add(task.run());
                    }
                    return out;
                }));
            }
            return new Submitted(batch, futures);
        }

        private void nextBatch() {
            if (options.cancelled() != null && options.cancelled().getAsBoolean()) {
                exhausted = true;
                close();
                return;
            }
            List<Task> batch;
            List<List<CrystalRecord>> results;
            if (pool == null) {
                batch = takeBatch();
                results = new ArrayList<>(batch.size());
                for (Task task : batch) {
                    results.add(task.run());
                }
            } else {
                // keep two batches in flight so the workers never wait for this thread
                while (inFlight.size() < 2) {
                    List<Task> more = takeBatch();
                    if (more.isEmpty()) {
                        break;
                    }
                    inFlight.add(submit(more));
                }
                Submitted head = inFlight.poll();
                if (head == null) {
                    batch = List.of();
                    results = List.of();
                } else {
                    batch = head.tasks();
                    results = new ArrayList<>(batch.size());
                    int chunkStart = 0;
                    for (Future<List<List<CrystalRecord>>> f : head.futures()) {
                        int chunkSize = Math.min(CHUNK, batch.size() - chunkStart);
                        try {
                            results.addAll(f.get());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            exhausted = true;
                            close();
                            return;
                        } catch (ExecutionException e) {
                            for (int k = 0; k < chunkSize; k++) {
                                results.add(List.of(CrystalRecord.failed("", "internal error: " + e.getCause())));
                            }
                        }
                        chunkStart += chunkSize;
                    }
                }
            }
            if (batch.isEmpty()) {
                exhausted = true;
                close();
                return;
            }
            String last = "";
            for (int i = 0; i < batch.size(); i++) {
                for (CrystalRecord r : results.get(i)) {
                    if (options.failFast() && !r.ok()) {
                        close();
                        throw new CrystalReadException(r.error());
                    }
                    ready.add(r);
                    last = r.source();
                }
                bytesRead += batch.get(i).bytes();
            }
            inputsDone += batch.size();
            if (options.progress() != null) {
                options.progress().update(inputsDone, bytesRead, last);
            }
        }

        void close() {
            exhausted = true;
            for (Submitted b : inFlight) {
                b.futures().forEach(f -> f.cancel(true));
            }
            inFlight.clear();
            source.close();
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
