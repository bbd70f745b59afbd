package org.example.genmat.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outputs of one job, written safely: the one mechanism every command (and anything else that
 * writes files) uses.
 * <ul>
 * <li>{@link #plan} refuses, before anything is read, an output that is the same file as an input
 * or as another output (real paths compared, links and hard links included), a folder, or anything
 * that is not a regular file (a device, a FIFO). Missing parent folders are created.</li>
 * <li>Each output is written to a hidden temporary file beside it ({@code .NAME.*.genmat-tmp}, so
 * folder reads skip it) and renamed onto the target only by {@link #commit} — a failed or
 * interrupted run leaves any earlier file untouched and no truncated file that looks complete.</li>
 * <li>{@link #close} without {@link #commit} deletes the temporaries, and so does a shutdown hook
 * on Ctrl-C.</li>
 * </ul>
 */
public final class OutputFiles implements AutoCloseable {

    /** How a temporary's name ends ({@code .NAME.RANDOM.genmat-tmp}). */
    public static final String TEMP_SUFFIX = ".genmat-tmp";

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException ignored) {
                    // best effort while the JVM goes down
                }
            }
        }, "genmat-output-cleanup"));
    }

    private final Map<String, Path> targets; // label -> where the file ends up
    private final Map<String, Path> given; // label -> the path as the user gave it, for messages
    private final Map<String, Path> temps = new LinkedHashMap<>();
    private boolean committed;

    private OutputFiles(Map<String, Path> targets, Map<String, Path> given) {
        this.targets = targets;
        this.given = given;
    }

    /**
     * Checks the outputs against the inputs and each other and prepares them; throws
     * IllegalArgumentException with one line naming the option and the file when one is refused.
     *
     * @param inputs  files and folders the job reads (null entries ignored)
     * @param outputs option label (e.g. {@code --out}) → output file; null paths and {@code -} ignored
     */
    public static OutputFiles plan(Collection<Path> inputs, Map<String, Path> outputs) {
        Map<String, Path> resolved = new LinkedHashMap<>();
        Map<String, Path> given = new LinkedHashMap<>();
        Map<Path, String> seen = new LinkedHashMap<>();
        List<Path> ins = new ArrayList<>();
        for (Path in : inputs) {
            if (in != null) {
                ins.add(in);
            }
        }
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
            Path out = e.getValue();
            if (out == null || out.toString().equals("-")) {
                continue;
            }
            String label = e.getKey();
            Path target = checkTarget(label, out);
            for (Path in : ins) {
                if (same(target, in)) {
                    throw new IllegalArgumentException(label + " " + out + " is the input " + in
                        + "; writing it would destroy the input: choose another output file");
                }
            }
            for (Map.Entry<Path, String> other : seen.entrySet()) {
                if (same(target, other.getKey())) {
                    throw new IllegalArgumentException(label + " " + out + " is the same file as " + other.getValue()
                        + "; give each output its own file");
                }
            }
            seen.put(target, label + " " + out);
            resolved.put(label, target);
            given.put(label, out);
        }
        return new OutputFiles(resolved, given);
    }

    /** A single output with its inputs; see {@link #plan}. */
    public static OutputFiles plan(Collection<Path> inputs, String label, Path output) {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put(label, output);
        return plan(inputs, m);
    }

    /** What writes the content of one file. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes one file that no input guards (a report page, a chart): temporary beside it, renamed on success. */
    public static void write(Path target, Content content) throws IOException {
        try (OutputFiles outputs = plan(List.of(), "output", target)) {
            try (OutputStream out = new java.io.BufferedOutputStream(outputs.stream("output"), 1 << 16)) {
                content.write(out);
            }
            outputs.commit();
        }
    }

    /** Where the output will go: through a link to its real file; refuses folders and special files. */
    private static Path checkTarget(String label, Path out) {
        Path p = out.toAbsolutePath().normalize();
        if (Files.exists(p)) {
            try {
                p = p.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException(label + " " + out + ": cannot resolve: " + e.getMessage());
            }
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(label + " " + out + " is a folder; give a file name");
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(label + " " + out + " is not a regular file (a device, FIFO or socket);"
                    + " GenMat replaces only regular files");
            }
            // the temporary goes beside the real file: a link's own folder is not where it is written
            requireWritable(label, out, Files.isSymbolicLink(out) ? p.getParent() : out.getParent());
            return p;
        }
        if (Files.isSymbolicLink(p)) {
            throw new IllegalArgumentException(label + " " + out + " is a symbolic link to nothing; remove it or choose"
                + " another output file");
        }
        // where missing, its folders are made when the output is opened: the nearest one that exists must take them
        requireWritable(label, out, out.getParent());
        Path parent = p.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try {
                return parent.toRealPath().resolve(p.getFileName());
            } catch (IOException e) {
                return p;
            }
        }
        return p;
    }

    /**
     * Refuses, before any work, an output folder that cannot be written: not a folder, or a folder (or, when it does not
     * exist yet, its nearest existing parent, where it would be created) on a read-only file system or without write
     * permission. A report is written at the end of long work, so finding out then would waste that work.
     */
    public static void requireWritableFolder(String option, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " " + folder + " is not a folder");
        }
        String why = whyCannotWriteIn(folder);
        if (why != null) {
            throw new IllegalArgumentException(option + " " + folder + ": " + why);
        }
    }

    /** Refused before the work, not when the temporary is created after it (the output replaces by a rename). */
    private static void requireWritable(String label, Path out, Path folder) {
        String why = whyCannotWriteIn(folder);
        if (why != null) {
            throw new IllegalArgumentException(label + " " + out + ": " + why);
        }
    }

    /**
     * Null when files can be written in {@code folder} (made first where it does not exist yet), else why not, in the
     * words of every "cannot write" message: "cannot write in ro (read-only file system)", or "ro/x is not a folder". The
     * folder named is the nearest one on the way that exists, as the user gave it: a relative path stays relative (the
     * system names the absolute one), and "the current folder" is the working folder of a bare file name.
     *
     * @param folder where the files go, as the user gave it (an option's folder, an output file's parent); null for the
     *               working folder
     */
    public static String whyCannotWriteIn(Path folder) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path checked = existing != null ? existing : Path.of("").toAbsolutePath();
        String named = existing != null ? existing.toString() : "the current folder";
        if (!Files.isDirectory(checked)) {
            return named + " is not a folder";
        }
        String why = whyNotWritable(checked);
        return why == null ? null : "cannot write in " + named + " (" + why + ")";
    }

    /**
     * Why no file can be created in the folder {@code folder} ("permission denied", "read-only file system", what else
     * the system says), or null when one can: the reason of {@link #whyCannotWriteIn}, the one rule of every "cannot
     * write" check before long work (outputs, report folders, the surrogate cache). It creates (and deletes) a hidden
     * temporary there exactly as {@link #temp} creates an output's, so the check and the final write agree where asking
     * for write access would not: as root that answer is yes on /proc and /sys, whose files cannot be created (QA 7, D12).
     */
    public static String whyNotWritable(Path folder) {
        Path probe;
        try {
            probe = createHidden(folder, "genmat-write-check");
        } catch (NoSuchFileException e) {
            // the folder is there, yet the system says the new file is not: a file system without files of ours (/proc)
            return Files.isDirectory(folder) ? "files cannot be created there" : Messages.reason(e);
        } catch (FileSystemException e) {
            return Messages.reason(e);
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : Messages.clean(e.getMessage());
        }
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            // created, so writable; the shutdown hook tries again
            return null;
        }
        LIVE.remove(probe);
        return null;
    }

    /** True when two paths name one file (after links; hard links too when both exist). */
    private static boolean same(Path a, Path b) {
        try {
            Path ra = Files.exists(a) ? a.toRealPath() : a.toAbsolutePath().normalize();
            Path rb = Files.exists(b) ? b.toRealPath() : b.toAbsolutePath().normalize();
            if (ra.equals(rb)) {
                return true;
            }
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(ra, rb);
        } catch (IOException | RuntimeException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** True when this plan has an output of that label. */
    public boolean has(String label) {
        return targets.containsKey(label);
    }

    /** The final paths of the outputs, for a reader to pass over when they lie in its input folders. */
    public List<Path> targets() {
        return List.copyOf(targets.values());
    }

    /** The final path of an output. */
    public Path target(String label) {
        Path t = targets.get(label);
        if (t == null) {
            throw new IllegalArgumentException("no output " + label);
        }
        return t;
    }

    /**
     * The temporary file to write an output to (created empty, beside the target; parent folders
     * created). Renamed onto the target by {@link #commit}.
     */
    public synchronized Path temp(String label) throws IOException {
        Path existing = temps.get(label);
        if (existing != null) {
            return existing;
        }
        try {
            return createTemp(label);
        } catch (FileSystemException e) {
            throw failed(label, e);
        }
    }

    /** The output as messages name it: its option (or label) and its path as the user gave it, "--out o.csv". */
    private String named(String label) {
        return label + " " + given.get(label);
    }

    /**
     * The error of an output's file operation, naming the output as the user gave it rather than its temporary (whose
     * name means nothing to the user), with the reason in words.
     */
    private FileSystemException failed(String label, FileSystemException e) {
        String on = e.getFile() == null || e.getFile().equals(target(label).toString()) ? ""
            : " (on " + e.getFile() + ")";
        if (on.contains(TEMP_SUFFIX)) {
            on = " (writing a file in its folder)";
        }
        FileSystemException named = new FileSystemException(named(label), null, Messages.reason(e) + on);
        named.initCause(e);
        return named;
    }

    private Path createTemp(String label) throws IOException {
        Path target = target(label);
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = createHidden(parent == null ? Path.of("") : parent, target.getFileName().toString());
        if (Files.isRegularFile(target)) { // an existing target's permissions carry over
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException ignored) {
                // not a POSIX file system, or not ours to change: the defaults stay
            }
        }
        temps.put(label, tmp);
        return tmp;
    }

    /**
     * Creates an empty hidden temporary {@code .NAME.RANDOM.genmat-tmp} in {@code folder} (folder reads pass over it),
     * known to the shutdown hook: how every output starts, and what {@link #whyNotWritable} tries. Created with the
     * default permissions (umask), not createTempFile's owner-only ones.
     */
    private static Path createHidden(Path folder, String name) throws IOException {
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve("." + name + "." + Long.toUnsignedString(rnd.nextLong(), 36) + TEMP_SUFFIX);
            try {
                Path tmp = Files.createFile(candidate);
                LIVE.add(tmp);
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** A UTF-8 writer onto the output's temporary file. */
    public Writer writer(String label) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(stream(label), StandardCharsets.UTF_8), 1 << 16);
    }

    /** One write, flush or close of an output stream. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** Opens a temporary for writing; package-private so that a test can put a full disk here. */
    @FunctionalInterface
    interface Opener {
        OutputStream open(Path temp) throws IOException;
    }

    Opener opener = Files::newOutputStream;

    /**
     * A byte stream onto the output's temporary file. A failure while writing ("No space left on device") names the
     * output as given: "--out s.csv: cannot write: No space left on device (nothing was written; an earlier s.csv is
     * unchanged)", true as the temporary is never renamed onto it.
     */
    public OutputStream stream(String label) throws IOException {
        Path tmp = temp(label);
        OutputStream out;
        try {
            out = opener.open(tmp);
        } catch (FileSystemException e) {
            throw failed(label, e);
        }
        String name = given.get(label).toString();
        String output = named(label);
        String after = " (nothing was written" + (Files.exists(target(label)) ? "; an earlier " + name + " is unchanged)" : ")");
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                named(() -> out.write(b));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                named(() -> out.write(b, off, len));
            }

            @Override
            public void flush() throws IOException {
                named(out::flush);
            }

            @Override
            public void close() throws IOException {
                named(out::close);
            }

            /** Runs one operation of the stream, its failure named as the output. */
            private void named(IoAction action) throws IOException {
                try {
                    action.run();
                } catch (IOException e) {
                    throw named(e);
                }
            }

            private IOException named(IOException e) {
                String why = e instanceof FileSystemException fe ? Messages.reason(fe)
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return new IOException(output + ": cannot write: " + why + after, e);
            }
        };
    }

    /**
     * Renames every temporary onto its target (atomically where the file system can). Call once all
     * outputs are complete and closed.
     */
    public synchronized void commit() throws IOException {
        for (Map.Entry<String, Path> e : temps.entrySet()) {
            Path target = targets.get(e.getKey());
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || Files.exists(target) && !Files.isRegularFile(target)) {
                throw new IOException(target + " became a folder or a special file while the job ran; output left in "
                    + e.getValue());
            }
            try {
                Files.move(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                try {
                    Files.move(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
                } catch (FileSystemException fe) {
                    throw failed(e.getKey(), fe);
                }
            } catch (FileSystemException fe) {
                throw failed(e.getKey(), fe);
            }
            LIVE.remove(e.getValue());
        }
        committed = true;
    }

    /** Deletes the temporaries of a run that did not {@link #commit}. */
    @Override
    public synchronized void close() {
        if (committed) {
            return;
        }
        for (Path tmp : temps.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do; the shutdown hook tries again
            }
            LIVE.remove(tmp);
        }
        temps.clear();
    }
}
