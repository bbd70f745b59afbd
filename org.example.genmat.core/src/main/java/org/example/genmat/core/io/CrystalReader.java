package org.example.genmat.core.io;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads crystals from files, folders (recursively, in sorted order), zip archives and CSV tables
 * (a {@code cif} column of CIF text, or a column of formulas) into a stream of
 * {@link CrystalRecord}s, in input order. Files are parsed in parallel in small batches, so the
 * stream stays ordered, memory stays bounded and cancellation takes effect within one batch.
 * A bad input gives one error record naming the file, the line and the problem and reading goes
 * on; with {@link Options#failFast()} the first error ends the read with a
 * {@link CrystalReadException} instead.
 * <p>
 * Every input yields its own records whatever its neighbours do: a failure inside one file (even
 * an out-of-memory or a stack overflow) becomes that file's error record. Only regular files are
 * read (a FIFO, a device or a socket gets an error record, never a blocking open); each real folder
 * is walked once (symbolic-link loops end); files and archive entries over
 * {@link #MAX_INPUT_BYTES} are refused unread; zip archives are read by their central directory
 * (an encrypted entry, or one whose bytes fail its CRC-32, gets its own error record and the others
 * are read; archives inside archives are read up to {@link #MAX_ZIP_DEPTH} deep). In a folder, files not named like crystal files are
 * sniffed: a CIF or POSCAR by content is read, anything else is reported to
 * {@link Options#skipped()} with the reason. A folder walk also passes over, reported there, the reading job's own
 * outputs ({@link Options#ownOutputs()}) and any crystal table, which is an earlier output of a read
 * ({@link #EARLIER_OUTPUT}); a file named as an input is read whatever it holds, and once: met again (named twice, or in
 * a folder named too) it is read where it is first met, and the later mention is told to {@link Options#warnings} as
 * "FILE is named twice; read once" ({@link #namedTwice}); so is a folder named twice.
 */
public final class CrystalReader {

    /** Input formats; {@link #AUTO} decides per file from its name and content. */
    public enum Format { AUTO, CIF, POSCAR, FORMULA }

    /** Progress of a read: inputs (files, entries or table rows) done, bytes read, the current input. */
    @FunctionalInterface
    public interface Progress {
        void update(long inputsDone, long bytesRead, String current);
    }

    /** Told about each thing a folder walk or an archive passes over, and why (hidden, not a crystal file, seen before). */
    @FunctionalInterface
    public interface Skipped {
        void skipped(String path, String why);
    }

    /** Largest file, archive entry or table cell read as one crystal input. */
    public static final int MAX_INPUT_BYTES = 64 << 20;

    /** Archives inside archives are read this deep; deeper ones get an error record. */
    public static final int MAX_ZIP_DEPTH = 3;

    /** Bytes of archive entries and table cells held in memory ahead of parsing. */
    private static final long MAX_BATCH_BYTES = 64L << 20;

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
     * @param skipped        told about each thing passed over (null: silent); called from worker threads
     * @param ownOutputs     the files the reading job writes (as {@link OutputFiles#target}): a folder walk passes
     *                       over them (reported as "the command's own output") and their temporaries (silently), so a
     *                       rerun into an input folder never reads its earlier output
     * @param warnings       told once per input file about the file as a whole, before its records (null: silent): a
     *                       table, CIF or POSCAR that is not UTF-8 and is read as Latin-1
     *                       ({@link Encodings#readAsLatin1(String, long)}); called from the thread reading the stream
     *                       (and from worker threads for a folder named like a crystal file)
     */
    public record Options(Format format, String column, List<String> species, boolean failFast, int threads,
        BooleanSupplier cancelled, Progress progress, Skipped skipped, List<Path> ownOutputs,
        Consumer<String> warnings) {

        public Options {
            format = format == null ? Format.AUTO : format;
            species = species == null ? null : List.copyOf(species);
            ownOutputs = ownOutputs == null ? List.of() : List.copyOf(ownOutputs);
        }

        public Options(Format format, String column, List<String> species, boolean failFast, int threads,
            BooleanSupplier cancelled, Progress progress, Skipped skipped) {
            this(format, column, species, failFast, threads, cancelled, progress, skipped, List.of(), null);
        }

        public static Options defaults() {
            return new Options(Format.AUTO, null, null, false, 0, null, null, null);
        }

        public Options withOwnOutputs(List<Path> outputs) {
            return new Options(format, column, species, failFast, threads, cancelled, progress, skipped, outputs,
                warnings);
        }

        public Options withWarnings(Consumer<String> w) {
            return new Options(format, column, species, failFast, threads, cancelled, progress, skipped, ownOutputs, w);
        }

        /** Null, or why a file met in a folder walk is passed over: "" for an output's temporary (silently). */
        String ownOutput(Path file) {
            if (ownOutputs.isEmpty()) {
                return null;
            }
            String fn = file.getFileName().toString();
            for (Path out : ownOutputs) {
                String on = out.getFileName().toString();
                boolean temp = fn.startsWith("." + on + ".") && fn.endsWith(OutputFiles.TEMP_SUFFIX);
                if (!temp && !fn.equals(on)) {
                    continue; // the cheap test first: a folder may hold millions of files
                }
                if (sameFolder(file, out)) {
                    return temp ? "" : "the command's own output";
                }
            }
            return null;
        }

        private static boolean sameFolder(Path file, Path out) {
            try {
                Path a = file.toAbsolutePath().getParent().toRealPath();
                Path b = out.toAbsolutePath().getParent().toRealPath();
                return a.equals(b) || Files.isSameFile(a, b);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        public Options withFormat(Format f) {
            return new Options(f, column, species, failFast, threads, cancelled, progress, skipped,
                ownOutputs, warnings);
        }

        public Options withColumn(String c) {
            return new Options(format, c, species, failFast, threads, cancelled, progress, skipped,
                ownOutputs, warnings);
        }

        public Options withSpecies(List<String> s) {
            return new Options(format, column, s, failFast, threads, cancelled, progress, skipped,
                ownOutputs, warnings);
        }

        public Options withFailFast(boolean f) {
            return new Options(format, column, species, f, threads, cancelled, progress, skipped, ownOutputs, warnings);
        }

        public Options withThreads(int t) {
            return new Options(format, column, species, failFast, t, cancelled, progress, skipped,
                ownOutputs, warnings);
        }

        public Options withCancelled(BooleanSupplier c) {
            return new Options(format, column, species, failFast, threads, c, progress, skipped, ownOutputs, warnings);
        }

        public Options withProgress(Progress p) {
            return new Options(format, column, species, failFast, threads, cancelled, p, skipped, ownOutputs, warnings);
        }

        public Options withSkipped(Skipped s) {
            return new Options(format, column, species, failFast, threads, cancelled, progress, s,
                ownOutputs, warnings);
        }

        void skip(String path, String why) {
            if (skipped != null) {
                skipped.skipped(Messages.clean(path), why);
            }
        }

        void warn(String warning) {
            if (warnings != null && warning != null) {
                warnings.accept(Messages.clean(warning));
            }
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
        return read(inputs, options, Walk.of(inputs));
    }

    /**
     * What one read shares with the reads of the folders it meets (a folder named like a crystal file, read where it is
     * met, on the thread that reads the stream): the real folders walked so far, each walked once; the inputs the user
     * named, by file name; and the files taken to be read so far, by their identity on disk, each read once, with the
     * name each was first read by. Only the thread reading the stream uses it, so which of two mentions of a file or
     * folder is read follows the input order, never the workers' timing.
     */
    private record Walk(Set<Path> visited, Map<Path, List<Path>> namedByFileName, Map<Object, String> filesTaken) {

        static Walk of(List<Path> inputs) {
            Map<Path, List<Path>> byName = new HashMap<>();
            for (Path input : inputs) {
                if (input.getFileName() != null) {
                    byName.computeIfAbsent(input.getFileName(), k -> new ArrayList<>()).add(input);
                }
            }
            return new Walk(new HashSet<>(), Map.copyOf(byName), new HashMap<>());
        }

        /**
         * Whether a file met in a folder walk is also named as an input, and so read as that input. The file names are
         * looked up first: a folder may hold millions of files, and the user may name thousands.
         */
        boolean isNamed(Path file) {
            Path fileName = file.getFileName();
            for (Path input : fileName == null ? List.<Path>of() : namedByFileName.getOrDefault(fileName, List.of())) {
                if (sameFile(file, input)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Null the first time a file is taken to be read, else the name it was taken by (named twice, met in a folder
         * named too, or two links to it met in folders).
         *
         * @param identity the file's {@link #identity}
         * @param name     the file as this mention names it
         */
        String taken(Object identity, String name) {
            return filesTaken.putIfAbsent(identity, name);
        }

        /**
         * A file's identity on disk, as {@link Files#isSameFile} knows it: its file key (device and inode: a link and its
         * target, two spellings of one path, alike), its real path where the file system has no key.
         */
        static Object identity(Path file, BasicFileAttributes at) {
            Object key = at.fileKey();
            if (key != null) {
                return key;
            }
            try {
                return file.toRealPath();
            } catch (IOException e) {
                return file.toAbsolutePath().normalize();
            }
        }

        private static boolean sameFile(Path a, Path b) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    private static Stream<CrystalRecord> read(List<Path> inputs, Options options, Walk walk) {
        RecordIterator it = new RecordIterator(inputs, options, walk);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
            .onClose(it::close);
    }

    /** One unit of work: a file to read, an archive entry or a table cell already in memory, or a finished record. */
    private interface Task {
        List<CrystalRecord> run();

        /** Bytes read (known after {@link #run}). */
        long bytes();

        /** Bytes this task holds in memory before it runs. */
        default long held() {
            return 0;
        }

        /** The input's name, for an error record when the task fails in an unforeseen way. */
        String source();

        /** What {@link Options#warnings} is told about the input as a whole, before its records (after {@link #run}). */
        default String inputWarning() {
            return null;
        }
    }

    /** Lazily lists tasks: walks folders, opens archives and tables as it goes. */
    private static final class TaskSource {
        private final ArrayDeque<Object> pending = new ArrayDeque<>(); // Path, Found, Task or Iterator<Task>
        private final Options options;
        private final Walk walk;

        TaskSource(List<Path> inputs, Options options, Walk walk) {
            this.options = options;
            this.walk = walk;
            pending.addAll(inputs);
        }

        /** The next task, or null when all inputs are done. */
        Task next() {
            while (!pending.isEmpty()) {
                Object head = pending.peekFirst();
                if (head instanceof Iterator<?> it) {
                    Task t;
                    try {
                        t = it.hasNext() ? (Task) it.next() : null;
                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                        t = null;
                        pending.pollFirst();
                        if (it instanceof AutoCloseable c) {
                            closeQuietly(c);
                        }
                        return done(CrystalRecord.failed(String.valueOf(it), it + ": " + describe(e)));
                    }
                    if (t != null) {
                        return t;
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
                Task t = head instanceof Found f ? expand(f.path(), f.sniff(), true) : expand((Path) head, false, false);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }

        /**
         * A task for a file, or null after queueing what a folder, archive or table holds (or passing it over).
         * {@code sniff}: met in a folder walk and not named like a crystal file (special files are then skipped, not
         * errors); {@code inFolder}: met in a folder walk, not named by the user (a crystal table is then an earlier
         * output, {@link #EARLIER_OUTPUT}).
         */
        private Task expand(Path p, boolean sniff, boolean inFolder) {
            String name = p.toString();
            BasicFileAttributes at;
            try {
                at = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException e) {
                return done(CrystalRecord.failed(name, name + ": " + whyUnreadable(p, e)));
            }
            if (at.isDirectory()) {
                Path seen = firstVisit(p) ? null : realPath(p);
                if (seen == null) {
                    queueFolder(p, name);
                } else if (!inFolder && walk.isNamed(p)) {
                    return noRecords(name, namedTwice(name)); // a named folder met again: told as a named file is
                } else {
                    options.skip(name, "folder already read (it is " + seen + ")"); // a link, a loop
                }
                return null;
            }
            String earlier = walk.taken(Walk.identity(p, at), name);
            if (earlier != null) {
                // read where it was first met
                if (!inFolder) {
                    return noRecords(name, namedTwice(name));
                }
                options.skip(name, sameFile(earlier));
                return null;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!at.isRegularFile()) {
                if (sniff) {
                    options.skip(name, "not a regular file (" + kind(p) + ")");
                    return null;
                }
                return done(CrystalRecord.failed(name, name + ": not a regular file (" + kind(p) + "); not read"));
            }
            if (lower.endsWith(".zip")) {
                try {
                    pending.addFirst(new ZipTasks(name, ZipFile.builder().setSeekableByteChannel(Files.newByteChannel(p)).get(), options, 1));
                } catch (IOException | RuntimeException e) {
                    return done(unreadableZip(name, e));
                }
                return null;
            }
            if (isTableName(lower)) {
                try {
                    TableTasks rows = TableTasks.open(name, Files.newInputStream(p), lower.endsWith(".tsv"), options,
                        inFolder);
                    if (rows != null) {
                        pending.addFirst(rows);
                    } else {
                        options.skip(name, EARLIER_OUTPUT);
                    }
                } catch (IOException | RuntimeException e) {
                    return done(CrystalRecord.failed(name, name + ": cannot read table: " + describe(e)));
                }
                return null;
            }
            return new FileTask(p, name, options, sniff, true);
        }

        /** True the first time a real folder is met (each is walked once: links, loops, a folder named twice). */
        private boolean firstVisit(Path p) {
            return walk.visited().add(realPath(p));
        }

        private static Path realPath(Path p) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                return p.toAbsolutePath().normalize();
            }
        }

        private void queueFolder(Path p, String name) {
            List<Path> children;
            try (Stream<Path> s = Files.list(p)) {
                children = s.sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                pending.addFirst(done(CrystalRecord.failed(name, name + ": cannot list folder: " + describe(e))));
                return;
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                Path c = children.get(i);
                String fn = c.getFileName().toString();
                String own = options.ownOutput(c);
                if (own != null) {
                    if (!own.isEmpty()) {
                        options.skip(c.toString(), own);
                    }
                    continue;
                }
                if (walk.isNamed(c)) {
                    // read as the input it is named as, here where it is first met; its other mention is then told
                    pending.addFirst(c);
                    continue;
                }
                if (fn.startsWith(".")) {
                    options.skip(c.toString(), "hidden");
                    continue;
                }
                String lower = fn.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".zip") || lower.endsWith(".csv") || lower.endsWith(".tsv")) {
                    pending.addFirst(new Found(c, false));
                } else if (isCandidate(fn)) {
                    // a crystal file by name: checked on the worker (a stat here costs as much as the parse)
                    pending.addFirst(new FileTask(c, c.toString(), options, false, false));
                } else {
                    pending.addFirst(new Found(c, true)); // a folder, or a file to sniff
                }
            }
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

    /** A path met in a folder walk; {@code sniff} when it is not named like a crystal file, archive or table. */
    private record Found(Path path, boolean sniff) {
    }

    /**
     * Why a folder read passes over a crystal table ({@link CrystalTable#isCrystalTable}): it is what a read writes,
     * so reading it again would give its rows twice (a rerun with another output name, Read Crystals' table saved
     * beside its inputs). Named as an input, the same file is read.
     */
    static final String EARLIER_OUTPUT =
        "a crystal table, an earlier output of genmat read or Read Crystals (name the file to read it)";

    /**
     * What a read tells of the later mention of a file it reads once ({@link Options#warnings}): named twice, or named
     * and met in a folder named too. Read twice, its crystals would be two rows each (a training set weighted twice, a
     * novelty figure off).
     */
    static String namedTwice(String mention) {
        return mention + " is named twice; read once";
    }

    /** Why a folder walk passes over a file read already by another name (a link to it, a hard link). */
    static String sameFile(String readAs) {
        return "the same file as " + readAs + ", read once";
    }

    /** What kind of non-regular file this is, in words. */
    private static String kind(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            int m = ((Integer) mode) & 0170000;
            return switch (m) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }

    /** Why a path cannot be read, in words: missing, a dangling or looping link, no permission. */
    private static String whyUnreadable(Path p, IOException e) {
        if (e instanceof NoSuchFileException) {
            return Files.isSymbolicLink(p) ? "a symbolic link to nothing (" + target(p) + ")" : "no such file or folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fe && fe.getReason() != null) {
            return fe.getReason().toLowerCase(Locale.ROOT)
                + (Files.isSymbolicLink(p) ? " (a symbolic link to " + target(p) + ")" : "");
        }
        return "cannot read: " + describe(e);
    }

    private static String target(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Crystal files by name: CIF ({@code .cif}, {@code .mcif}), VASP ({@code POSCAR*}, {@code CONTCAR*},
     * {@code *POSCAR}, {@code *CONTCAR}, {@code *.poscar}, {@code *.vasp}), archives and tables.
     */
    static boolean isCandidate(String fileName) {
        String l = fileName.toLowerCase(Locale.ROOT);
        return l.endsWith(".cif") || l.endsWith(".mcif") || isVaspName(l) || l.endsWith(".zip") || l.endsWith(".csv")
            || l.endsWith(".tsv");
    }

    /** VASP's usual names, lower-cased: POSCAR_x, x_POSCAR, CONTCAR*, *.poscar, *.vasp. */
    private static boolean isVaspName(String l) {
        return l.endsWith(".vasp") || l.endsWith(".poscar") || l.startsWith("poscar") || l.startsWith("contcar")
            || l.endsWith("poscar") || l.endsWith("contcar");
    }

    /** The task, with {@code warning} about its input as a whole. */
    private static Task withInputWarning(Task task, String warning) {
        return new Task() {
            @Override
            public List<CrystalRecord> run() {
                return task.run();
            }

            @Override
            public long bytes() {
                return task.bytes();
            }

            @Override
            public long held() {
                return task.held();
            }

            @Override
            public String source() {
                return task.source();
            }

            @Override
            public String inputWarning() {
                return warning;
            }
        };
    }

    /** A task of no records that tells {@code warning} about its input (a file read where it was first met). */
    private static Task noRecords(String source, String warning) {
        return new Task() {
            @Override
            public List<CrystalRecord> run() {
                return List.of();
            }

            @Override
            public long bytes() {
                return 0;
            }

            @Override
            public String source() {
                return source;
            }

            @Override
            public String inputWarning() {
                return warning;
            }
        };
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

            @Override
            public String source() {
                return r.source();
            }
        };
    }

    private static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB; give more with -Xmx, e.g. GENMAT_JAVA_OPTS=-Xmx4g)";
        }
        if (e instanceof StackOverflowError) {
            return "input nested too deeply to read (stack overflow)";
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            e = u.getCause();
        }
        String fileError = Messages.fileError(e);
        if (fileError != null) {
            return fileError;
        }
        String m = e.getMessage();
        // the message as a whole (its user values were cut where they were echoed): a cut here loses the hint at its end
        return Messages.clean(m == null ? e.getClass().getSimpleName() : m);
    }

    /** The error record of a zip archive (a file or an entry) whose directory cannot be read, in plain words. */
    private static CrystalRecord unreadableZip(String name, Throwable e) {
        return CrystalRecord.failed(name, name + ": not a readable zip archive ("
            + Messages.zipProblem(e, "damaged zip directory") + ")");
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing useful to do: the data is read already
        }
    }

    /** Reads at most {@link #MAX_INPUT_BYTES}; null when there is more. */
    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_INPUT_BYTES);
        if (data.length == MAX_INPUT_BYTES && in.read() >= 0) {
            return null;
        }
        return data;
    }

    private static String tooLarge(String name, String what) {
        return name + ": " + what + " is larger than " + (MAX_INPUT_BYTES >> 20) + " MiB, the limit for one crystal input;"
            + " not read";
    }

    /**
     * A file on disk, checked and read on a worker thread: only regular files are opened; a folder found here is left
     * to the thread reading the stream ({@link #isFolder}), which walks it where it stands in the input order; with
     * {@code sniff}, content that is neither CIF nor POSCAR is reported as skipped instead of giving an error record.
     * A file met in a folder walk by its name alone tells its {@link #identity}, by which that thread reads it once.
     */
    private static final class FileTask implements Task {
        private final Path path;
        private final String name;
        private final Options options;
        private final boolean sniff;
        /** Its identity was taken already (a named file, a sniffed one): none to tell. */
        private final boolean taken;
        private long bytes;
        private String inputWarning;
        private volatile boolean folder;
        private volatile Object identity;

        FileTask(Path path, String name, Options options, boolean sniff, boolean taken) {
            this.path = path;
            this.name = name;
            this.options = options;
            this.sniff = sniff;
            this.taken = taken;
        }

        /** The path turned out a folder (named like a crystal file): no records of its own (after {@link #run}). */
        boolean isFolder() {
            return folder;
        }

        /** The file's identity on disk, when it is still to be taken (after {@link #run}); else null. */
        Object identity() {
            return identity;
        }

        @Override
        public String source() {
            return name;
        }

        @Override
        public List<CrystalRecord> run() {
            if (taken && local() && path.toFile().isFile()) {
                return readRegular(); // the common case in one cheap stat (java.io's, without NIO's attribute objects)
            }
            BasicFileAttributes at;
            try {
                at = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException e) {
                return List.of(CrystalRecord.failed(name, name + ": " + whyUnreadable(path, e)));
            }
            if (at.isDirectory()) {
                folder = true; // walked by the thread reading the stream, in input order
                return List.of();
            }
            if (!taken) {
                identity = Walk.identity(path, at);
            }
            if (!at.isRegularFile()) {
                if (sniff) {
                    options.skip(name, "not a regular file (" + kind(path) + ")");
                    return List.of();
                }
                return List.of(CrystalRecord.failed(name, name + ": not a regular file (" + kind(path) + "); not read"));
            }
            return readRegular();
        }

        /**
         * Whether the path is on the default file system, where java.io's cheaper calls work; a KNIME workflow-relative,
         * mountpoint or connected file system (or a zip) supports only NIO ({@code toFile()} throws there).
         */
        private boolean local() {
            return path.getFileSystem() == java.nio.file.FileSystems.getDefault();
        }

        /** Reads a regular file (checked before: opening a FIFO would block). */
        private List<CrystalRecord> readRegular() {
            long size;
            try {
                size = local() ? path.toFile().length() : Files.size(path);
            } catch (IOException e) {
                return List.of(CrystalRecord.failed(name, name + ": cannot read file: " + describe(e)));
            }
            if (size > MAX_INPUT_BYTES) {
                if (sniff) {
                    options.skip(name, "not a crystal file by name, and larger than " + (MAX_INPUT_BYTES >> 20) + " MiB");
                    return List.of();
                }
                return List.of(CrystalRecord.failed(name, tooLarge(name, "the file (" + (size >> 20) + " MiB)")));
            }
            byte[] data;
            try (InputStream in = local() ? new FileInputStream(path.toFile()) : Files.newInputStream(path)) {
                data = readCapped(in);
            } catch (IOException e) {
                return List.of(CrystalRecord.failed(name, name + ": cannot read file: " + describe(e)));
            }
            if (data == null) {
                return List.of(CrystalRecord.failed(name, tooLarge(name, "the file")));
            }
            bytes = data.length;
            String fileName = path.getFileName().toString();
            if (sniff && options.format() == Format.AUTO && detect(fileName, data) == Format.AUTO) {
                options.skip(name, "not a crystal file (neither CIF nor POSCAR by name or content)");
                return List.of();
            }
            inputWarning = latin1Warning(name, data, options);
            return parse(name, fileName, data, options);
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public String inputWarning() {
            return inputWarning;
        }
    }

    /**
     * The warning of a crystal file whose bytes are not UTF-8: the CIF and POSCAR readers decode it as Latin-1 (old
     * CIFs), by the rule of every text input ({@link Encodings#charsetOf}), and say so as tables do; null when it is
     * UTF-8 or UTF-16, when it is binary
     * (refused as such) and when nobody listens ({@link Options#warnings}: the scan is then saved).
     */
    private static String latin1Warning(String source, byte[] data, Options options) {
        if (options.warnings() == null) {
            return null;
        }
        long at = Encodings.firstNonUtf8(data);
        return at < 0 || Encodings.looksBinary(data, data.length) ? null : Encodings.readAsLatin1(source, at);
    }

    /**
     * Bytes already in memory (archive entry or table cell); {@code warning} goes into each record's warning column,
     * {@code inputWarning} to {@link Options#warnings}.
     */
    private record TextTask(String source, String fileName, byte[] data, long bytes, Options options,
                            List<String> tableCells, String warning, String inputWarning) implements Task {
        /** An archive entry. */
        TextTask(String source, String fileName, byte[] data, Options options) {
            this(source, fileName, data, data.length, options, List.of(), null, latin1Warning(source, data, options));
        }

        @Override
        public List<CrystalRecord> run() {
            List<CrystalRecord> records = parse(source, fileName, data, options);
            return tableCells.isEmpty() && warning == null ? records
                : records.stream().map(r -> (tableCells.isEmpty() ? r : r.withTableCells(tableCells)).withWarning(warning))
                    .toList();
        }

        @Override
        public long held() {
            return data.length;
        }
    }

    /**
     * The crystals of one text held in memory (a table cell): CIF or POSCAR as the format says or, for
     * {@link Format#AUTO}, as {@link #detect} finds by content; anything else is read as a formula. The same
     * detection and parsers as files and archive entries; bad text gives an error record naming {@code source}.
     */
    public static List<CrystalRecord> readText(String text, String source, Format format) {
        return readText(text, source, Options.defaults().withFormat(format));
    }

    /**
     * As {@link #readText(String, String, Format)}, with the format and the VASP 4 species of {@code options}.
     *
     * @param text    the text
     * @param source  names the records
     * @param options the format and species (the rest does not apply to one text)
     * @return the records, error records included
     */
    public static List<CrystalRecord> readText(String text, String source, Options options) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (data.length > MAX_INPUT_BYTES) {
            return List.of(CrystalRecord.failed(source, tooLarge(source, "the text")));
        }
        Format f = options.format() == Format.AUTO ? detect("", data) : options.format();
        if (f == Format.CIF || f == Format.POSCAR) {
            return parse(source, "", data, Options.defaults().withFormat(f).withSpecies(options.species()));
        }
        return List.of(FormulaTable.record(source, text));
    }

    /** Parses one input by the chosen or detected format. */
    static List<CrystalRecord> parse(String source, String fileName, byte[] data, Options options) {
        Format f = options.format();
        if (f == Format.AUTO || f == Format.FORMULA) {
            f = detect(fileName, data);
        }
        if ((f == Format.CIF || f == Format.POSCAR) && Encodings.looksBinary(data, data.length)) {
            return List.of(CrystalRecord.failed(source, binaryData(source, f)));
        }
        try {
            return switch (f) {
                case POSCAR -> PoscarReader.read(Encodings.decode(data), source, options.species());
                case CIF -> CifReader.read(data, source);
                default -> List.of(CrystalRecord.failed(source, source + ": line 1: "
                    + (Encodings.looksBinary(data, data.length) ? "binary data, " : "")
                    + "not a CIF (no data_ block) and not a POSCAR; use --format to say what it is"));
            };
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return List.of(CrystalRecord.failed(source, source + ": " + describe(e)));
        }
    }

    /** The verdict on binary data in a file that is a CIF or POSCAR by name or content: read's, and every command's. */
    private static String binaryData(String source, Format f) {
        return source + ": binary data (NUL bytes), not a " + f + " text file";
    }

    /**
     * Refuses, naming it, a crystal file given where a table is wanted: what genmat read would read as a crystal file,
     * {@link Format#CIF} or {@link Format#POSCAR} by {@link #detect} (its name, then its first
     * {@link Encodings#SNIFF_BYTES}), not a file named as a table ({@code .csv}, {@code .tsv}: a table, as read takes
     * it, whatever its cells hold). Where a table is wanted (filter, metrics,
     * sample --in): binary data in read's words, else what the file is and the read that makes a table of it (train
     * reads a CIF file itself, as read reads it). A table, or a path that is no file, passes to the table's opener.
     *
     * @throws IllegalArgumentException "x.cif is a CIF file, not a table; read it into a crystal table first: genmat
     *         read x.cif -o crystals.csv (Read Crystals in KNIME)"
     */
    public static void requireTable(Path file) throws IOException {
        requireTableOr(file, null);
    }

    /**
     * {@link #requireTable}, letting a crystal file of the format {@code accepted} through (train reads a CIF itself,
     * as read reads it, binary data included): one look at the file's start answers both questions.
     *
     * @return {@code accepted} when the file is a crystal file of that format, null for a table (or a path that is
     *         no file, which the table's opener names)
     * @throws IllegalArgumentException as {@link #requireTable} for any other crystal file
     */
    public static Format requireTableOr(Path file, Format accepted) throws IOException {
        CrystalFileStart start = crystalFileStart(file);
        if (start == null) {
            return null;
        }
        if (start.format() == accepted) {
            return accepted;
        }
        if (Encodings.looksBinary(start.head(), start.head().length)) {
            throw new IllegalArgumentException(binaryData(file.toString(), start.format()));
        }
        throw new IllegalArgumentException(file + " is a " + start.format() + " file, not a table; read it into a crystal"
            + " table first: genmat read " + file + " -o crystals.csv (Read Crystals in KNIME)");
    }

    /** A crystal file's format and first bytes. */
    private record CrystalFileStart(Format format, byte[] head) {
    }

    /** The format and first bytes of a regular file that is a CIF or POSCAR by {@link #detect}, else null. */
    private static CrystalFileStart crystalFileStart(Path file) throws IOException {
        Path name = file.getFileName();
        if (name == null || isTableName(name.toString()) || !Files.isRegularFile(file)) {
            return null;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(Encodings.SNIFF_BYTES);
        }
        Format f = detect(name.toString(), head);
        return f == Format.AUTO ? null : new CrystalFileStart(f, head);
    }

    /** CIF, POSCAR or AUTO (unknown) from the file name, then the content. */
    static Format detect(String fileName, byte[] data) {
        String l = fileName.toLowerCase(Locale.ROOT);
        if (l.endsWith(".cif") || l.endsWith(".mcif")) {
            return Format.CIF;
        }
        if (isVaspName(l)) {
            return Format.POSCAR;
        }
        if (hasDataBlock(Encodings.toUtf8(data))) {
            return Format.CIF;
        }
        if (!Encodings.looksBinary(data, data.length) && PoscarReader.looksLikePoscar(Encodings.decode(head(data)))) {
            return Format.POSCAR;
        }
        return Format.AUTO;
    }

    /** The first 8 KiB (enough for a POSCAR's header lines). */
    private static byte[] head(byte[] d) {
        return d.length <= 8192 ? d : java.util.Arrays.copyOf(d, 8192);
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

    /**
     * Entries of a zip archive by its central directory, in the order they are stored; each entry
     * is read on its own, so one that cannot be read (encrypted, unsupported method, over the size
     * limit, damaged) gets its own error record and the others are still read.
     */
    private static final class ZipTasks implements Iterator<Task>, AutoCloseable {
        private final String name;
        private final ZipFile zip;
        private final Options options;
        private final int depth;
        private final Enumeration<ZipArchiveEntry> entries;
        private final ArrayDeque<Object> ahead = new ArrayDeque<>(); // Task or a nested ZipTasks / TableTasks
        private boolean finished;

        ZipTasks(String name, ZipFile zip, Options options, int depth) {
            this.name = name;
            this.zip = zip;
            this.options = options;
            this.depth = depth;
            this.entries = zip.getEntriesInPhysicalOrder();
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public boolean hasNext() {
            while (true) {
                Object head = ahead.peekFirst();
                if (head instanceof Task) {
                    return true;
                }
                if (head instanceof Iterator<?> inner) {
                    if (inner.hasNext()) {
                        return true;
                    }
                    ahead.pollFirst();
                    if (inner instanceof AutoCloseable c) {
                        closeQuietly(c);
                    }
                    continue;
                }
                if (finished) {
                    return false;
                }
                fill();
            }
        }

        private void fill() {
            if (!entries.hasMoreElements()) {
                finished = true;
                return;
            }
            ZipArchiveEntry e = entries.nextElement();
            String entry = e.getName();
            String source = name + "!/" + entry;
            String fn = entry.substring(entry.lastIndexOf('/') + 1);
            if (e.isDirectory()) {
                return;
            }
            if (fn.startsWith(".") || entry.startsWith("__MACOSX/")) {
                options.skip(source, "hidden");
                return;
            }
            String lower = fn.toLowerCase(Locale.ROOT);
            boolean named = isCandidate(fn);
            if (!zip.canReadEntryData(e)) {
                if (named) {
                    String why = e.getGeneralPurposeBit().usesEncryption() ? "encrypted entry (GenMat reads no passwords)"
                        : "compression method " + e.getMethod() + " is not supported";
                    ahead.add(done(CrystalRecord.failed(source, source + ": " + why + "; not read")));
                } else {
                    options.skip(source, "cannot be read (encrypted or unsupported compression) and not named like a crystal file");
                }
                return;
            }
            if (e.getSize() > MAX_INPUT_BYTES) {
                ahead.add(done(CrystalRecord.failed(source, tooLarge(source, "the entry (" + (e.getSize() >> 20) + " MiB)"))));
                return;
            }
            byte[] data;
            try (InputStream in = zip.getInputStream(e)) {
                data = readCapped(in);
            } catch (IOException | RuntimeException ex) {
                ahead.add(done(damagedEntry(source, Messages.zipProblem(ex, "unreadable data"))));
                return;
            }
            if (data == null) {
                ahead.add(done(CrystalRecord.failed(source, tooLarge(source, "the entry, inflated,"))));
                return;
            }
            if (!crcMatches(e, data)) {
                ahead.add(done(damagedEntry(source, "CRC mismatch")));
                return;
            }
            if (lower.endsWith(".zip")) {
                if (depth >= MAX_ZIP_DEPTH) {
                    ahead.add(done(CrystalRecord.failed(source, source + ": archive nested more than " + MAX_ZIP_DEPTH
                        + " deep; not read")));
                    return;
                }
                try {
                    ZipFile inner = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data)).get();
                    ahead.add(new ZipTasks(source, inner, options, depth + 1));
                } catch (IOException | RuntimeException ex) {
                    ahead.add(done(unreadableZip(source, ex)));
                }
            } else if (isTableName(lower)) {
                try {
                    // an entry is read as it is: an archive of a crystal table is one way to pass it on
                    ahead.add(TableTasks.open(source, new ByteArrayInputStream(data), lower.endsWith(".tsv"), options,
                        false));
                } catch (IOException | RuntimeException ex) {
                    ahead.add(done(CrystalRecord.failed(source, source + ": cannot read table: " + describe(ex))));
                }
            } else if (named || options.format() != Format.AUTO || detect(fn, data) != Format.AUTO) {
                ahead.add(new TextTask(source, fn, data, options));
            } else {
                options.skip(source, "not a crystal file (neither CIF nor POSCAR by name or content)");
            }
        }

        /**
         * Whether the entry's bytes have the CRC-32 its directory records: commons-compress checks none (neither for
         * stored nor for deflated entries), so a flipped byte would otherwise be read as good data. An entry whose
         * CRC is not recorded (-1) passes.
         */
        private static boolean crcMatches(ZipArchiveEntry e, byte[] data) {
            if (e.getCrc() < 0) {
                return true;
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            return crc.getValue() == e.getCrc();
        }

        private static CrystalRecord damagedEntry(String source, String why) {
            return CrystalRecord.failed(source, source + ": damaged zip entry (" + why + ")");
        }

        @Override
        public Task next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object head = ahead.peekFirst();
            if (head instanceof Iterator<?> inner) {
                return (Task) inner.next();
            }
            return (Task) ahead.pollFirst();
        }

        @Override
        public void close() {
            for (Object o : ahead) {
                if (o instanceof AutoCloseable c) {
                    closeQuietly(c);
                }
            }
            ahead.clear();
            closeQuietly(zip);
        }
    }

    /**
     * How a CSV/TSV table is read: the column with CIF text or the formula column (at least one is set; with both, a
     * row's blank CIF cell reads its formula cell, as a crystal table holds formula-only rows), the column naming each
     * row in its source (null when none), and the other columns, which each record of a row carries as
     * {@link CrystalRecord#tableCells()}.
     *
     * @param otherIndexes the header positions of {@code otherColumns}
     */
    public record TableLayout(String cifColumn, String formulaColumn, String idColumn, List<String> otherColumns,
                              int[] otherIndexes) {
    }

    /** True for the names of CSV and TSV tables ({@code .csv}, {@code .tsv}, any case). */
    public static boolean isTableName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".tsv");
    }

    /**
     * The layout of a table with this header under these options: {@code options.column()} when set, else a
     * {@code cif} column, else the first known formula column ({@link FormulaTable#FORMULA_COLUMNS}).
     *
     * @throws IllegalArgumentException naming the columns when there is no structure column
     */
    public static TableLayout tableLayout(List<String> header, Options options) {
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
            // also with a cif column: rows read from formulas (genmat read's own output) have only a formula
            formula = FormulaTable.findColumn(header, null);
        }
        String id = null;
        for (String c : List.of("material_id", "id", "name", "mp_id", "source")) {
            id = id == null ? FormulaTable.findColumn(header, c) : id;
        }
        if (cif == null && formula == null) {
            String why = wanted != null && !wanted.isBlank() ? "has no column '" + Messages.value(wanted) + "'"
                : "has neither a 'cif' column nor a formula column (" + String.join(", ", FormulaTable.FORMULA_COLUMNS)
                    + "); name one with --column";
            throw new IllegalArgumentException(why + "; its columns are " + columnList(header));
        }
        int structure = header.indexOf(cif != null ? cif : formula);
        List<String> others = new ArrayList<>();
        int[] indexes = new int[header.size() - 1];
        for (int i = 0, k = 0; i < header.size(); i++) {
            if (i != structure) {
                others.add(header.get(i));
                indexes[k++] = i;
            }
        }
        return new TableLayout(cif, formula, id, List.copyOf(others), indexes);
    }

    /** Columns shown in a message about a header. */
    private static final int MAX_LISTED_COLUMNS = 20;

    /** A header as a message lists it: each name cut as a value, at most {@link #MAX_LISTED_COLUMNS} of them. */
    private static String columnList(List<String> header) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < header.size() && i < MAX_LISTED_COLUMNS; i++) {
            shown.add(Messages.value(header.get(i)));
        }
        return String.join(", ", shown) + (header.size() > MAX_LISTED_COLUMNS ? ", ... (" + header.size() + " columns)" : "");
    }

    /** Rows of a CSV table: CIF text cells or formulas; a malformed row is that row's error record. */
    private static final class TableTasks implements Iterator<Task>, AutoCloseable {
        private final String name;
        private final CsvRecords rows;
        private final List<String> header;
        private final int cifColumn;
        private final int formulaColumn;
        private final int idColumn;
        private final int[] otherIndexes;
        private final Options options;
        private CsvRecords.Row ahead;
        /** The table's encoding warning was told (with the first row read after its byte). */
        private boolean toldEncoding;

        private TableTasks(String name, CsvRecords rows, List<String> header, TableLayout layout, Options options) {
            this.name = name;
            this.rows = rows;
            this.header = header;
            this.cifColumn = layout.cifColumn() == null ? -1 : header.indexOf(layout.cifColumn());
            this.formulaColumn = layout.formulaColumn() == null ? -1 : header.indexOf(layout.formulaColumn());
            this.idColumn = layout.idColumn() == null ? -1 : header.indexOf(layout.idColumn());
            this.otherIndexes = layout.otherIndexes();
            this.options = options;
        }

        @Override
        public String toString() {
            return name;
        }

        /**
         * The rows of a table, or null when {@code inFolder} and it is a crystal table, closed unread: the folder walk
         * passes it over as {@link #EARLIER_OUTPUT} (and says so unless the user named it as an input too).
         */
        static TableTasks open(String name, InputStream in, boolean tsv, Options options, boolean inFolder)
            throws IOException {
            CsvRecords rows;
            List<String> header;
            try {
                rows = new CsvRecords(in, tsv);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            TableLayout layout;
            try {
                header = rows.header();
                if (inFolder && CrystalTable.isCrystalTable(header)) {
                    closeQuietly(rows);
                    return null;
                }
                layout = tableLayout(header, options);
            } catch (RuntimeException e) {
                rows.close();
                throw e;
            }
            return new TableTasks(name, rows, header, layout, options);
        }

        @Override
        public boolean hasNext() {
            if (ahead == null) {
                ahead = rows.next();
            }
            return ahead != null;
        }

        @Override
        public Task next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CsvRecords.Row rec = ahead;
            ahead = null;
            Task t = task(rec);
            String encoding = toldEncoding ? null : rows.encodingWarning(name);
            if (encoding == null) {
                return t;
            }
            toldEncoding = true;
            return withInputWarning(t, encoding);
        }

        /** The task of one row: its error record, its formula's record or its CIF cell to parse. */
        private Task task(CsvRecords.Row rec) {
            long row = rec.number();
            if (!rec.ok()) {
                String source = CrystalTable.rowSource(name, row);
                // the row's other cells as its stray quote's reading gives them: kept beside the error, as a good row's
                return done(CrystalRecord.failed(source, source + ": " + rec.error())
                    .withTableCells(rec.cells() == null ? List.of() : others(rec.cells())));
            }
            List<String> cells = rec.cells();
            String ragged = raggedWarning(cells.size());
            String id = idColumn >= 0 && idColumn < cells.size() ? cells.get(idColumn) : "";
            String source = CrystalTable.rowSource(name, row) + (id.isBlank() ? "" : " (" + Messages.value(id) + ")");
            if (cifColumn >= 0) {
                String text = cifColumn < cells.size() ? cells.get(cifColumn) : "";
                String f = text.isBlank() && formulaColumn >= 0 && formulaColumn < cells.size() ? cells.get(formulaColumn) : "";
                if (!f.isBlank()) {
                    return done(FormulaTable.record(source, f).withTableCells(others(cells)).withWarning(ragged));
                }
                if (text.isBlank()) {
                    return done(CrystalRecord.failed(source, source + ": empty '" + header.get(cifColumn) + "' cell")
                        .withTableCells(others(cells)).withWarning(ragged));
                }
                Options cellOptions = options.format() == Format.POSCAR ? options : options.withFormat(Format.CIF);
                if (text.length() > MAX_INPUT_BYTES) {
                    return done(CrystalRecord.failed(source, tooLarge(source, "the cell")).withTableCells(others(cells))
                        .withWarning(ragged));
                }
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                return new TextTask(source, "", data, data.length, cellOptions, others(cells), ragged, null);
            }
            String f = formulaColumn < cells.size() ? cells.get(formulaColumn) : "";
            return done(FormulaTable.record(source, f).withTableCells(others(cells)).withWarning(ragged));
        }

        /** The warning of a row with more or fewer cells than the header (the row is kept); null when it fits. */
        private String raggedWarning(int n) {
            int want = header.size();
            if (n == want) {
                return null;
            }
            String has = "the row has " + n + (n == 1 ? " cell" : " cells") + " but the header " + want + " columns: ";
            return n > want ? has + "the last " + (n - want) + (n - want == 1 ? " cell was" : " cells were") + " dropped"
                : has + "the missing " + (want - n == 1 ? "cell is" : "cells are") + " left empty";
        }

        /** The row's other cells in layout order; null where the row is short. */
        private List<String> others(List<String> cells) {
            List<String> out = new ArrayList<>(otherIndexes.length);
            for (int i : otherIndexes) {
                out.add(i < cells.size() ? cells.get(i) : null);
            }
            return out;
        }

        @Override
        public void close() {
            closeQuietly(rows);
        }
    }

    /** Runs tasks batch by batch on a small pool; yields records in input order. */
    private static final class RecordIterator implements Iterator<CrystalRecord> {
        private final TaskSource source;
        private final Options options;
        private final Walk walk;
        private final ExecutorService pool;
        private final ArrayDeque<CrystalRecord> ready = new ArrayDeque<>();
        private boolean exhausted;
        private long inputsDone;
        private long bytesRead;

        RecordIterator(List<Path> inputs, Options options, Walk walk) {
            this.source = new TaskSource(inputs, options, walk);
            this.options = options;
            this.walk = walk;
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
            long held = 0;
            Task t;
            // archive entries and cells wait in memory: a batch of big ones is cut short
            while (batch.size() < BATCH && held < MAX_BATCH_BYTES && (t = source.next()) != null) {
                batch.add(t);
                held += t.held();
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
                        out.add(runIsolated(task));
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
                    results.add(runIsolated(task));
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
                            // runIsolated catches everything; this is a last resort that still names each input
                            for (int k = 0; k < chunkSize; k++) {
                                String src = batch.get(chunkStart + k).source();
                                results.add(List.of(CrystalRecord.failed(src, src + ": " + describe(e.getCause()))));
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
            int read = 0;
            for (int i = 0; i < batch.size(); i++) {
                List<CrystalRecord> records = inInputOrder(batch.get(i), results.get(i));
                read += records.isEmpty() ? 0 : 1; // a skipped (sniffed-out) file is no input
                for (CrystalRecord r : records) {
                    if (options.failFast() && !r.ok()) {
                        close();
                        throw new CrystalReadException(r.error());
                    }
                    ready.add(r);
                    last = r.source();
                }
                bytesRead += batch.get(i).bytes();
            }
            inputsDone += read;
            if (options.progress() != null) {
                options.progress().update(inputsDone, bytesRead, last);
            }
        }

        /**
         * The records of a task run, where it stands in the input order: a folder named like a crystal file is walked
         * here, and a file met in a folder walk that was read already by another name is passed over, both on this
         * thread, so that what is read where never depends on the workers' timing. Tells the input's warning first.
         */
        private List<CrystalRecord> inInputOrder(Task task, List<CrystalRecord> records) {
            if (task instanceof FileTask file) {
                if (file.isFolder()) {
                    try (Stream<CrystalRecord> s = read(List.of(file.path), options.withFailFast(false), walk)) {
                        return s.toList();
                    }
                }
                String earlier = file.identity() == null ? null : walk.taken(file.identity(), file.source());
                if (earlier != null) {
                    options.skip(file.source(), sameFile(earlier));
                    return List.of();
                }
            }
            options.warn(task.inputWarning()); // before the input's records
            return records;
        }

        /** A task's records; whatever it throws (out-of-memory, stack overflow, a bug) becomes its own error record. */
        private static List<CrystalRecord> runIsolated(Task task) {
            try {
                return task.run();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                String src = task.source();
                return List.of(CrystalRecord.failed(src, src + ": " + describe(e)));
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
