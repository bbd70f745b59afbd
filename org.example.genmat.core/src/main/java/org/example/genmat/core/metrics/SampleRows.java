package org.example.genmat.core.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.CsvRecords;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.job.sample.CandidateTable;
import org.example.genmat.core.job.sample.SampleRun;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.validity.PrototypeRules;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.core.validity.ValidityResult;

/**
 * Turns table rows into checked samples: the structure from the {@code cif} column (crystal table of
 * {@code genmat read}), else {@code composition} or {@code formula}, else the elements of the prototype
 * site columns with the prototype's multiplicities. Rows keep all their columns. CSV files are read
 * streaming with {@link CsvRecords} (header line required and checked by {@link #requireColumns}; a malformed row is
 * skipped or rejected, {@link Malformed}).
 */
public final class SampleRows {

    /**
     * The prototype of prototype-site rows and the columns holding its sites, in site order (the site names,
     * A, B, C, D or A, B, X1, X2, X3, as {@code genmat sample} writes them, unless other columns are named).
     */
    public record PrototypeColumns(Prototype prototype, List<String> columns) {

        public PrototypeColumns {
            columns = List.copyOf(columns);
        }

        /** The prototype of the options with their site columns; null when the options name none. */
        public static PrototypeColumns of(ValidityOptions options) {
            return options.prototype() == null ? null : new PrototypeColumns(options.prototype(), options.prototypeColumns());
        }

        public String name() {
            return prototype.name();
        }

        /** The first site column that {@code header} lacks, null when it has them all. */
        public String missing(java.util.Collection<String> header) {
            return columns.stream().filter(c -> !header.contains(c)).findFirst().orElse(null);
        }

        /**
         * Refuses a table without all site columns: the prototype's sites are read from them, so a table lacking
         * one would be judged without the prototype.
         *
         * @param table the table as named in the message (a file, a port)
         * @throws IllegalArgumentException "column X1 not found in TABLE (columns: ...)"
         */
        public void requireIn(java.util.List<String> header, String table) {
            String c = missing(header);
            if (c != null) {
                throw new IllegalArgumentException("column " + c + " not found in " + table + " (columns: "
                    + String.join(", ", header) + "); prototype " + name() + " reads its sites from " + columns);
            }
        }
    }

    /** What reading a CSV table does with a malformed row (a stray quote, a quote never closed). */
    public enum Malformed {
        /** leave it out (a warning names it): metrics */
        SKIP,
        /** hand it on as an unreadable row (empty cells, failed check input, the reason naming the line): filter */
        REJECT
    }

    /** One input row after checking. */
    public record CheckedRow(long rowNumber, Map<String, String> columns, Sample sample) {
    }

    private final ValidityChecker checker;
    private final PrototypeColumns prototype;
    private final boolean sitesOptional;

    /** @param prototype prototype-site columns to check, or null */
    public SampleRows(ValidityChecker checker, PrototypeColumns prototype) {
        this(checker, prototype, false);
    }

    private SampleRows(ValidityChecker checker, PrototypeColumns prototype, boolean sitesOptional) {
        this.checker = checker;
        this.prototype = prototype;
        this.sitesOptional = sitesOptional;
    }

    /**
     * This reader for a table whose rows are compared by composition (the metrics' training table): a table without
     * the prototype's site columns is read from its cif, composition or formula column, without the prototype. The
     * tables whose sites are judged or compared (filter input, generated rows, the reference) need them.
     */
    public SampleRows sitesOptional() {
        return new SampleRows(checker, prototype, true);
    }

    /** Rows checked by the options' rule and prototype. */
    public SampleRows(ValidityOptions options) {
        this(options.newChecker(), PrototypeColumns.of(options));
    }

    /**
     * Reads and checks every row of {@code csv} in order; {@code classColumn} may be null.
     *
     * @throws IllegalArgumentException at a malformed row or an unusable class cell, naming the file and line
     */
    public void forEach(Path csv, String classColumn, Consumer<CheckedRow> sink) throws IOException {
        forEach(List.of(csv), classColumn, sink, SampleRows::refuse);
    }

    private static void refuse(String malformedRow) {
        throw new IllegalArgumentException(malformedRow);
    }

    /**
     * Reads and checks the rows of the shards of one sampling run in the order of the unsharded run:
     * shard k of K holds the batches b ≡ k (mod K) of {@link Sampler#BATCH} rows ({@code genmat sample
     * --shard k/K}), so the rows come batch by batch, round robin over the files given in shard order. One
     * file is read as it is. Each file is read once, streaming; with several files, up to one batch per
     * processor is parsed and checked ahead on worker threads (a shard's batches one after the other), while
     * {@code sink} sees every row on the calling thread, in order.
     *
     * A malformed row (a stray quote, a quote never closed; {@link CsvRecords}) is skipped: {@code skipped} gets
     * "file: line n: ..." and the rows after it are read; it still counts as a row of its shard's batch. A row whose
     * class cell is empty or no class gets a warning there too and is read without a class ({@link #toSample}), and
     * so does, once, a file that is not UTF-8 ({@link CsvRecords#encodingWarning}).
     *
     * With several files whose rows record their run in the origin column ({@link SampleRun}, written by
     * {@code genmat sample --shard k/K} since it records it), the files must be the shards 0..K-1 of one run, each once,
     * in shard order, and every row of a file must name the file's shard; the rows are then handed on with the origin
     * cell empty, as the unsharded run writes it. Files without the record (written before, or not by a sharded run)
     * are read as before, unchecked; a file without rows is not checked (a shard may have no batch).
     *
     * @throws IllegalArgumentException when the files do not form the shards of one run (a header differs, the records
     *         name different runs, a shard is missing, given twice or out of place, a row names another shard, one file
     *         records its run and another does not, or a shard has rows after the stream ended in another), or hold no
     *         rows at all, naming the file
     */
    public void forEach(List<Path> shards, String classColumn, Consumer<CheckedRow> sink, Consumer<String> skipped)
        throws IOException {
        forEach(shards, classColumn, sink, skipped, Malformed.SKIP);
    }

    /**
     * Refuses shards that do not hold the rows their run wrote: shard k of K holds the batches b ≡ k (mod K) of the
     * run's n rows, so a shard cut short at its end, or added to, is told by its count (the batch rule alone passes a
     * last shard cut inside its last batch). Checked when the stream has ended, before the caller commits anything.
     */
    private static void requireWhole(List<Path> shards, SampleRun run, long[] perShard) {
        long n = run.samples();
        for (int k = 0; k < perShard.length; k++) {
            long expected = Sampler.shardRows(n, k, perShard.length);
            if (perShard[k] != expected) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s holds %,d row%s, but shard %d/%d of"
                    + " a run of n %,d holds %,d: the file was cut short or added to; sample the shard again", shards.get(k),
                    perShard[k], perShard[k] == 1 ? "" : "s", k, perShard.length, n, expected));
            }
        }
    }

    /** A shard given twice would be read as two shards of one run; said as such, not as rows after an end. */
    private static void requireDistinct(List<Path> shards) {
        java.util.Map<Path, Path> seen = new java.util.HashMap<>();
        for (Path p : shards) {
            Path key = p.toAbsolutePath().normalize();
            Path first = seen.putIfAbsent(key, p);
            if (first != null) {
                throw new IllegalArgumentException(p + " is given twice; give each shard once");
            }
        }
    }

    /**
     * As {@link #forEach(List, String, Consumer, Consumer)}, a malformed row handled as {@code malformed} says: with
     * {@link Malformed#REJECT} {@code sink} also gets it, as a row of empty cells whose sample is unreadable with the
     * reason naming the line, and {@code skipped} gets "file: line n: ...; row rejected".
     */
    public void forEach(List<Path> shards, String classColumn, Consumer<CheckedRow> sink, Consumer<String> skipped,
                        Malformed malformed) throws IOException {
        forEach(shards, classColumn, sink, skipped, malformed, () -> false);
    }

    /**
     * As {@link #forEach(List, String, Consumer, Consumer, Malformed)}, stopping with a
     * {@link java.util.concurrent.CancellationException} at the next row once {@code cancelled} says so: rows are
     * checked a batch ahead of {@code sink}, and a batch of many-element formulas takes seconds, so the cancel check of
     * the sink alone came late.
     */
    public void forEach(List<Path> shards, String classColumn, Consumer<CheckedRow> sink, Consumer<String> skipped,
                        Malformed malformed, java.util.function.BooleanSupplier cancelled) throws IOException {
        int n = shards.size();
        requireDistinct(shards);
        List<CsvRecords> tables = new ArrayList<>();
        ExecutorService pool = null;
        try {
            List<String> header = null;
            for (Path csv : shards) {
                CrystalReader.requireTable(csv); // a CIF or POSCAR is said to be one, not a table without columns
                CsvRecords table = CsvRecords.open(csv);
                tables.add(table);
                List<String> h = table.header(); // its message names the file
                if (header == null) {
                    header = h;
                    requireColumns(csv.toString(), h, classColumn);
                } else if (!h.equals(header)) {
                    throw new IllegalArgumentException(csv + ": columns " + h + " differ from " + header + " of "
                        + shards.get(0) + "; the shards of one run have the same columns");
                }
            }
            BatchReader batches = new BatchReader(shards, header, tables, this, classColumn, malformed, cancelled);
            SampleRun run = n > 1 ? batches.checkRuns() : null;
            long[] perShard = new long[n];
            int window = n == 1 ? 1 : Math.min(n, Math.max(1, Runtime.getRuntime().availableProcessors()));
            if (window > 1) {
                pool = Executors.newFixedThreadPool(window, r -> {
                    Thread t = new Thread(r, "genmat-shard-reader");
                    t.setDaemon(true);
                    return t;
                });
            }
            ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
            long submitted = 0;
            for (; submitted < window; submitted++) {
                ahead.add(submit(pool, batches, submitted));
            }
            String ended = null;
            for (long b = 0; ; b++) {
                int k = (int) (b % n);
                Batch batch = result(ahead.poll());
                if (ended != null && batch.records() > 0) {
                    throw notShards(shards, k, ended);
                }
                perShard[k] += batch.records();
                batch.skipped().forEach(skipped);
                batch.rows().forEach(sink);
                if (batch.records() < Sampler.BATCH && ended == null) {
                    ended = shards.get(k).toString();
                }
                if (ended != null && k == n - 1) {
                    for (long a = b + 1; !ahead.isEmpty(); a++) {
                        if (result(ahead.poll()).records() > 0) {
                            throw notShards(shards, (int) (a % n), ended);
                        }
                    }
                    for (int j = 0; j < n; j++) {
                        if (batches.hasNext(j)) {
                            throw notShards(shards, j, ended);
                        }
                    }
                    if (run != null) {
                        requireWhole(shards, run, perShard);
                    }
                    if (java.util.Arrays.stream(perShard).sum() == 0) {
                        // a header alone is most likely a failed step before: figures over no rows would pass as results
                        throw new IllegalArgumentException(CsvRecords.noRows(n == 1 ? shards.get(0).toString()
                            : shards.get(0) + " and the other " + (n - 1) + " shards"));
                    }
                    return;
                }
                ahead.add(submit(pool, batches, submitted++));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (CsvRecords t : tables) {
                t.close();
            }
        }
    }

    /** One batch of a shard: its checked rows, the number of records it took (malformed ones too), their messages. */
    private record Batch(List<CheckedRow> rows, int records, List<String> skipped) {
    }

    /**
     * Reads batch b of the unsharded order: the next {@link Sampler#BATCH} records of shard b mod K, checked. Records
     * read ahead of the batches (a shard's first rows for its run, a record after the end) wait in {@code ahead}, and
     * {@code runs} holds each shard's run as its origin cells name it (null: none, unchecked).
     */
    private record BatchReader(List<Path> shards, List<String> header, List<CsvRecords> tables, SampleRows reader,
                               String classColumn, Malformed malformed, java.util.function.BooleanSupplier cancelled,
                               List<ArrayDeque<CsvRecords.Row>> ahead, String[] runs, boolean[] toldEncoding) {

        BatchReader(List<Path> shards, List<String> header, List<CsvRecords> tables, SampleRows reader,
                    String classColumn, Malformed malformed, java.util.function.BooleanSupplier cancelled) {
            this(shards, header, tables, reader, classColumn, malformed, cancelled,
                shards.stream().map(s -> new ArrayDeque<CsvRecords.Row>()).toList(), new String[shards.size()],
                new boolean[shards.size()]);
        }

        /** Whether shard k has another record (read ahead once the batches are done, on the calling thread). */
        boolean hasNext(int k) {
            if (ahead.get(k).isEmpty()) {
                CsvRecords.Row r = tables.get(k).next();
                if (r != null) {
                    ahead.get(k).add(r);
                }
            }
            return !ahead.get(k).isEmpty();
        }

        private CsvRecords.Row next(int k) {
            CsvRecords.Row r = ahead.get(k).poll();
            return r != null ? r : tables.get(k).next();
        }

        /**
         * Reads each shard's run from the origin cell of its first well-formed row (on the calling thread, before the
         * batches; the rows read wait in {@link #ahead}) and refuses files that are not the shards 0..K-1 of one run,
         * in shard order. Files that record no run are left unchecked, as before the record existed.
         */
        SampleRun checkRuns() {
            int origin = header.indexOf(CandidateTable.ORIGIN);
            if (origin < 0) {
                return null;
            }
            int n = shards.size();
            SampleRun[] run = new SampleRun[n];
            boolean[] empty = new boolean[n];
            for (int k = 0; k < n; k++) {
                CsvRecords.Row first = null;
                for (CsvRecords.Row r; ahead.get(k).size() < Sampler.BATCH && (r = tables.get(k).next()) != null; ) {
                    ahead.get(k).add(r);
                    if (r.ok()) {
                        first = r;
                        break;
                    }
                }
                empty[k] = ahead.get(k).isEmpty();
                if (first != null && origin < first.cells().size()) {
                    run[k] = SampleRun.parse(first.cells().get(origin));
                    runs[k] = run[k] == null ? null : first.cells().get(origin).strip();
                }
            }
            requireOneRun(shards, run, empty);
            return java.util.Arrays.stream(run).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }

        /** A row's cells by the header's names, a missing cell empty. */
        private Map<String, String> byName(List<String> cells) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
            }
            return row;
        }

        Batch read(long b) {
            int k = (int) (b % shards.size());
            String file = shards.get(k).getFileName().toString();
            List<CheckedRow> out = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            int records = 0;
            for (CsvRecords.Row rec; records < Sampler.BATCH && (rec = next(k)) != null; records++) {
                // a cancel (or the pool shut down) ends the batch now, not thousands of checked rows later
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                if (!rec.ok()) {
                    if (malformed == Malformed.SKIP) {
                        skipped.add(shards.get(k) + ": " + rec.error());
                        continue;
                    }
                    skipped.add(shards.get(k) + ": " + rec.problem() + "; row rejected");
                    // the cells the reader could still tell (a stray quote read as text) stay beside the verdict
                    out.add(new CheckedRow(rec.number(), byName(rec.cells() == null ? List.of() : rec.cells()),
                        Sample.unreadable(rec.problem())));
                    continue;
                }
                Map<String, String> row = byName(rec.cells());
                if (runs[k] != null) {
                    String origin = row.get(CandidateTable.ORIGIN);
                    if (!runs[k].equals(origin.strip())) {
                        throw new IllegalArgumentException(shards.get(k) + ": line " + rec.line() + ": origin '"
                            + Messages.value(origin) + "' is not '" + runs[k] + "' of the file's first row; a shard file"
                            + " holds the rows of one shard of one genmat sample run");
                    }
                    // the record has done its work: the row goes on as the unsharded run wrote it
                    row.put(CandidateTable.ORIGIN, "");
                }
                long no = rec.number();
                out.add(new CheckedRow(no, row, reader.toSample(file + " row " + no, row, classColumn, skipped::add)));
            }
            // once per shard, before its rows' warnings: a shard's batches are read one after the other
            String encoding = toldEncoding[k] ? null : tables.get(k).encodingWarning(shards.get(k).toString());
            if (encoding != null) {
                toldEncoding[k] = true;
                skipped.add(0, encoding);
            }
            return new Batch(out, records, skipped);
        }
    }

    /** Batch b, read ahead on the pool (a shard's batches are K apart, so at most one per shard is in flight). */
    private static Future<Batch> submit(ExecutorService pool, BatchReader batches, long b) {
        FutureTask<Batch> task = new FutureTask<>(() -> batches.read(b));
        if (pool == null) {
            task.run();
        } else {
            pool.execute(task);
        }
        return task;
    }

    private static Batch result(Future<Batch> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the shards");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    /**
     * The runs recorded by the files (null: none; {@code empty}: the file has no rows) are the shards 0..K-1 of one
     * run, in shard order; no file records a run: nothing to check.
     *
     * @throws IllegalArgumentException naming the files and what is wrong
     */
    static void requireOneRun(List<Path> shards, SampleRun[] run, boolean[] empty) {
        int n = shards.size();
        int first = -1;
        for (int k = 0; k < n && first < 0; k++) {
            first = run[k] != null ? k : -1;
        }
        if (first < 0) {
            return;
        }
        SampleRun r = run[first];
        for (int k = 0; k < n; k++) {
            if (run[k] == null && !empty[k]) {
                throw new IllegalArgumentException(shards.get(first) + " is shard " + r.name() + " of a sampling run (its"
                    + " origin column says so) but " + shards.get(k) + " records no run (an unsharded output, or written"
                    + " before genmat recorded it); give the shards of one genmat sample --shard run");
            }
            if (run[k] != null && !r.sameRun(run[k])) {
                throw new IllegalArgumentException(shards.get(first) + " and " + shards.get(k) + " are shards of"
                    + " different sampling runs (" + r.differences(run[k]) + ")");
            }
        }
        Path[] byShard = new Path[r.shards()];
        for (int k = 0; k < n; k++) {
            if (run[k] != null) {
                Path other = byShard[run[k].shard()];
                if (other != null) {
                    throw new IllegalArgumentException(other + " and " + shards.get(k) + " are both shard "
                        + run[k].name() + " of one sampling run; give each shard once");
                }
                byShard[run[k].shard()] = shards.get(k);
            }
        }
        if (n != r.shards()) {
            List<String> missing = new ArrayList<>();
            for (int j = 0; j < r.shards(); j++) {
                // a file without rows stands for the shard of its place (a shard may have no batch)
                if (byShard[j] == null && !(j < n && empty[j])) {
                    missing.add(j + "/" + r.shards());
                }
            }
            throw new IllegalArgumentException(n + " files are given but " + shards.get(first) + " is shard " + r.name()
                + " of a run of " + r.shards() + " shards" + (n < r.shards() && !missing.isEmpty()
                    ? ": shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + (missing.size() == 1
                    ? " is" : " are") + " missing" : "") + "; give the " + r.shards() + " shards in shard order");
        }
        for (int k = 0; k < n; k++) {
            if (run[k] != null && run[k].shard() != k) {
                throw new IllegalArgumentException(shards.get(k) + " is shard " + run[k].name() + " but is given as"
                    + " shard " + k + "; give the shards in shard order, 0.." + (n - 1));
            }
        }
    }

    private static IllegalArgumentException notShards(List<Path> shards, int k, String ended) {
        return new IllegalArgumentException(shards.get(k) + " has rows after " + ended
            + " ended: these files are not the shards 0.." + (shards.size() - 1)
            + " of one genmat sample run, given in shard order");
    }

    /**
     * The files named by file names and globs ({@code shards/samples-*.csv}; the pattern applies to the file
     * name, in its folder), each glob's matches in shard order: by name with digit runs compared as numbers,
     * so {@code s-2.csv} comes before {@code s-10.csv}.
     *
     * @throws IllegalArgumentException for a file that does not exist or a glob that matches none
     */
    public static List<Path> files(List<String> namesOrGlobs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String arg : namesOrGlobs) {
            Path p = Path.of(arg);
            String name = p.getFileName() == null ? arg : p.getFileName().toString();
            if (name.chars().noneMatch(c -> "*?[{".indexOf(c) >= 0)) {
                Messages.requireReadableFile(p);
                out.add(p);
                continue;
            }
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + name);
            List<Path> found = new ArrayList<>();
            try (java.util.stream.Stream<Path> list = Files.list(dir)) {
                list.filter(f -> Files.isRegularFile(f) && m.matches(f.getFileName())).forEach(found::add);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no file matches " + arg);
            }
            found.sort((a, b) -> naturalCompare(a.getFileName().toString(), b.getFileName().toString()));
            out.addAll(found);
        }
        return out;
    }

    private static int naturalCompare(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Checks a table's header before any row is read (its columns each named once, as {@link CsvRecords#header()}
     * requires): the class column there, the prototype's site columns there (with a prototype), else one of the
     * {@link CrystalTable#DATA_COLUMNS}.
     *
     * @param table the table as named in messages (a file)
     * @throws IllegalArgumentException naming the table, the column and the table's columns
     */
    public void requireColumns(String table, List<String> header, String classColumn) {
        if (classColumn != null && !header.contains(classColumn)) {
            throw new IllegalArgumentException(table + ": no column '" + classColumn + "' (columns: "
                + String.join(", ", header) + ")");
        }
        boolean data = CrystalTable.DATA_COLUMNS.stream().anyMatch(header::contains);
        if (prototype != null && prototype.missing(header) != null && sitesOptional) {
            if (!data) {
                throw new IllegalArgumentException(table + " has neither the site columns " + prototype.columns()
                    + " nor a cif, composition or formula column (columns: " + String.join(", ", header) + ")");
            }
        } else if (prototype != null) {
            prototype.requireIn(header, table);
        } else {
            CrystalTable.requireDataColumn(table, header);
        }
    }

    /**
     * Whether a row is a structure that failed to decode: a row of a table with a cif column whose cif is empty and whose
     * {@code note} says why ({@code genmat sample} of a structure model writes "invalid lattice: ..." there). Such a row
     * is structure-invalid. A row with an empty cif and no note (a table mixing formulas and structures, a crystal
     * table of {@code genmat read} that read a formula) is judged by its composition, as before.
     */
    static boolean failedStructure(Map<String, String> row) {
        String cif = row.get("cif"), note = row.get("note");
        return row.containsKey("cif") && (cif == null || cif.isBlank()) && note != null && !note.isBlank();
    }

    /**
     * Why a row without cif, composition and formula cannot be judged: a row of {@code genmat read} that failed has read's
     * reason in its {@code error} column, which says more than the empty cells, as does the {@code note} of a candidate
     * that did not decode ({@link CandidateTable}); an empty cell of a formula-only table is
     * an "empty formula", as read words it ({@link org.example.genmat.core.io.FormulaTable#record}).
     */
    private static String noData(Map<String, String> row) {
        String error = row.get("error");
        if (!blank(error)) {
            return "not read: " + error.strip();
        }
        String note = row.get("note");
        if (!blank(note)) {
            // a candidate genmat sample could not decode (its latent vector was NaN or out of range): its note says why
            return "not decoded: " + note.strip();
        }
        if (row.containsKey("formula") && !row.containsKey("cif") && !row.containsKey("composition")) {
            return "empty formula";
        }
        return "no cif, composition or formula";
    }

    /** All rows of a file as samples. */
    public List<Sample> readAll(Path csv, String classColumn) throws IOException {
        List<Sample> out = new ArrayList<>();
        forEach(csv, classColumn, r -> out.add(r.sample()));
        return out;
    }

    /** One row → sample, without a class; never throws for bad data (the verdict carries the problem). */
    public Sample toSample(String where, Map<String, String> row) {
        return toSample(where, row, null, w -> { });
    }

    /**
     * One row → sample with its class from {@code classColumn} (may be null); never throws for bad data (the verdict
     * carries the problem). A class cell that is empty or not a non-negative integer leaves the row without a class:
     * {@code warnings} gets "WHERE: ...; row left out of the class figures", and the row still counts by its
     * composition (novelty, rediscovery, coverage), which a bad class cell does not make wrong. It gets "WHERE: formula
     * ...: the '.' at position 6 is read as a decimal point (...); as a hydrate dot it would be ..." too, for a formula
     * read one of two ways ({@link Composition#parse(String, Consumer)}).
     */
    public Sample toSample(String where, Map<String, String> row, String classColumn, Consumer<String> warnings) {
        // a table read without its sites (sitesOptional) is judged by composition alone
        PrototypeColumns prototype = sitesOptional && this.prototype != null && this.prototype.missing(row.keySet()) != null
            ? null : this.prototype;
        Integer cls = classColumn == null ? null : classLabel(where, row.get(classColumn), classColumn, warnings);
        List<String> siteElements = null;
        ValidityResult proto = null;
        if (prototype != null) {
            siteElements = new ArrayList<>();
            for (String s : prototype.columns()) {
                siteElements.add(row.getOrDefault(s, "").trim());
            }
            proto = PrototypeRules.check(prototype.columns(), siteElements, prototype.prototype().distinctGroups());
        }
        CrystalRecord rec;
        boolean hasData = !blank(row.get("cif")) || !blank(row.get("composition")) || !blank(row.get("formula"));
        if (hasData) {
            Map<String, String> r = row;
            if (blank(row.get("source"))) {
                r = new LinkedHashMap<>(row);
                r.put("source", where);
            }
            try {
                rec = CrystalTable.fromRow(r);
            } catch (RuntimeException e) {
                rec = CrystalRecord.failed(where, e.getMessage());
            }
        } else if (prototype != null && proto.valid()) {
            Map<Element, Integer> amounts = new LinkedHashMap<>();
            for (int i = 0; i < siteElements.size(); i++) {
                amounts.merge(Element.of(siteElements.get(i)), prototype.prototype().multiplicities()[i], Integer::sum);
            }
            rec = CrystalRecord.ofComposition(where, Composition.of(amounts));
        } else if (prototype != null) {
            return new Sample(null, null, siteElements, cls, proto);
        } else {
            rec = CrystalRecord.failed(where, noData(row));
        }
        if (rec.ok() && rec.crystal() == null && !rec.warning().isEmpty()) {
            warnings.accept(where + ": " + rec.warning()); // a formula's '.' that could be a hydrate dot, both readings
        }
        if (!rec.ok()) {
            // the reason is the row's own (its file and number are the row's place, not its verdict)
            String msg = rec.error() == null ? "unreadable" : rec.error();
            return new Sample(null, null, siteElements, cls, new ValidityResult(false, false, ValidityResult.CHECK_INPUT,
                msg.startsWith(where + ": ") ? msg.substring(where.length() + 2) : msg));
        }
        ValidityResult v = proto != null && !proto.valid() ? proto
            : rec.crystal() == null && failedStructure(row) ? checker.checkMissingStructure(rec.composition(), row.get("note"))
            : checker.check(rec);
        return new Sample(rec.composition(), rec.crystal(), siteElements, cls, v);
    }

    /**
     * The class in a class cell, or null (with a warning naming the row) when the cell is empty (a missing value) or not
     * a non-negative integer: one rule for CSV files and KNIME tables.
     */
    private static Integer classLabel(String where, String cell, String column, Consumer<String> warnings) {
        String v = cell == null ? "" : cell.trim();
        if (!v.isEmpty()) {
            try {
                double d = Double.parseDouble(v);
                if (d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException e) {
                // not a number: warned below
            }
        }
        warnings.accept(where + ": " + (v.isEmpty() ? "no class in column " + column
            : "class '" + Messages.value(v) + "' in column " + column + " is not a non-negative integer")
            + "; row left out of the class figures");
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
