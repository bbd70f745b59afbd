package org.example.genmat.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * User-facing text made safe to print and to store: control characters, terminal escape
 * sequences and lone UTF-16 surrogates become visible escapes ({@code \x1b}, {@code \u0007},
 * {@code \ud83d}), and long text is cut. Every error and warning a reader emits passes through
 * {@link #clean}; every input value echoed into a message passes through {@link #value}.
 */
public final class Messages {

    /** Characters of an input value echoed into a message; the rest is cut with "... (N chars)". */
    public static final int MAX_ECHOED_VALUE = 60;

    /** Characters of a whole message (a file name, an error, a warning). */
    public static final int MAX_MESSAGE = 2000;

    private Messages() {
    }

    /** An input value as echoed into a message: escaped, at most {@link #MAX_ECHOED_VALUE} characters of it. */
    public static String value(String v) {
        if (v == null) {
            return "?";
        }
        if (v.length() <= MAX_ECHOED_VALUE) {
            return clean(v);
        }
        int cut = MAX_ECHOED_VALUE;
        if (Character.isHighSurrogate(v.charAt(cut - 1))) {
            cut--;
        }
        return clean(v.substring(0, cut)) + "... (" + v.length() + " chars)";
    }

    /** The text with every unsafe character escaped and cut to {@link #MAX_MESSAGE} characters; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && safe(s, i)) {
            i++;
        }
        if (i == n && n <= MAX_MESSAGE) {
            return s; // the common case: nothing to do
        }
        StringBuilder b = new StringBuilder(Math.min(n, MAX_MESSAGE) + 16);
        if (i > MAX_MESSAGE) {
            i = Character.isHighSurrogate(s.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE; // a safe text longer than the cap
        }
        b.append(s, 0, i);
        for (; i < n && b.length() < MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            if (safe(s, i)) {
                b.append(c);
                if (Character.isHighSurrogate(c)) {
                    b.append(s.charAt(++i)); // a whole pair (e.g. an emoji) is fine to print
                }
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        if (i < n) {
            b.append("... (").append(n).append(" chars)");
        }
        return b.toString();
    }

    /** Printable: no C0/C1 control, no DEL, no lone surrogate, no bidi override. */
    private static boolean safe(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f) {
            return true;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            return false;
        }
        if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
            return false; // bidirectional overrides can make a terminal line read differently
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }

    /**
     * One line for a file-system error: the file it names and why, in words ("permission denied", "no such file or
     * folder", "is a folder", "not a folder"). The JDK's own exceptions carry the path alone (their reason is null),
     * which printed as a bare path; null when {@code e} is no file-system error (nor wraps one).
     */
    public static String fileError(Throwable e) {
        FileSystemException fe = fileSystemCause(e);
        if (fe == null) {
            return null;
        }
        String file = fe.getFile();
        String why = reason(fe);
        if (file == null) {
            return clean(why);
        }
        return clean(file + ": " + why + (fe.getOtherFile() != null ? " (" + fe.getOtherFile() + ")" : ""));
    }

    /**
     * Why zip data cannot be read, in plain words. java.util.zip and commons-compress say it in their own terms: "Error
     * reading Zip content from FileChannelImpl" (a JDK class) for a file that is no zip, zlib's "invalid code lengths
     * set" for corrupt compressed data, an EOFException without a message for a cut entry. A file-system error keeps
     * its own words ({@link #fileError}); a problem not recognised here is {@code otherwise}.
     *
     * @param e         what reading the zip threw
     * @param otherwise the words for anything else (e.g. "damaged zip directory")
     */
    public static String zipProblem(Throwable e, String otherwise) {
        String file = fileError(e);
        if (file != null) {
            return file;
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("not a zip archive")) {
                return "no zip directory found; truncated or not a zip"; // commons-compress: no end-of-directory record
            }
            if (m.contains("crc")) {
                return "CRC mismatch"; // ZipInputStream: "invalid entry CRC (expected 0x... but got 0x...)"
            }
            if (t instanceof java.io.EOFException || m.contains("unexpected end") || m.contains("truncated")) {
                return "its data ends early; truncated";
            }
            if (t instanceof java.util.zip.DataFormatException || m.startsWith("invalid ") || m.contains("header check")) {
                return "corrupt compressed data"; // zlib's words ("invalid block type", "incorrect header check")
            }
        }
        return otherwise;
    }

    /** The file-system error {@code e} is or wraps (UncheckedIOException, a cause), or null. */
    private static FileSystemException fileSystemCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fe) {
                return fe;
            }
            // only wrappers without words of their own (UncheckedIOException, new X(cause)) are looked through
            boolean wrapper = t instanceof UncheckedIOException || t.getCause() != null
                && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()));
            if (!wrapper || t.getCause() == t) {
                return null;
            }
        }
        return null;
    }

    /** Why a file-system operation failed, in the words of the messages ("permission denied", "is a folder"). */
    public static String reason(FileSystemException e) {
        String r = e.getReason();
        if (r != null && !r.isBlank() && e.getClass() == FileSystemException.class) {
            String t = r.trim();
            return switch (t.toLowerCase(Locale.ROOT)) {
                case "is a directory" -> "is a folder";
                case "not a directory" -> "not a folder";
                case "no such file or directory" -> "no such file or folder";
                // the system's words ("Read-only file system"), in the messages' lower case
                default -> Character.toLowerCase(t.charAt(0)) + t.substring(1);
            };
        }
        String what = e instanceof AccessDeniedException ? "permission denied"
            : e instanceof NoSuchFileException ? "no such file or folder"
            : e instanceof NotDirectoryException ? "not a folder"
            : e instanceof FileAlreadyExistsException ? "already exists"
            : e instanceof DirectoryNotEmptyException ? "folder not empty"
            : e instanceof FileSystemLoopException ? "symbolic link loop"
            : e.getClass().getSimpleName();
        // a subclass with a reason of its own (e.g. "model file not found") keeps it after the kind
        return r == null || r.isBlank() || r.toLowerCase(Locale.ROOT).equals(what) ? what : what + ": " + r;
    }

    /**
     * Checks that a path can be opened as an input file <em>before</em> it is opened: a FIFO would block the open
     * forever, a folder fails with a bare "Is a directory". Throws a {@link FileSystemException} naming the path and
     * the reason ({@link #fileError} prints it): no such file or folder, is a folder, is not a regular file (a FIFO,
     * a device, a socket), permission denied.
     */
    public static void requireReadableFile(Path p) throws FileSystemException {
        if (!Files.exists(p)) {
            throw Files.isSymbolicLink(p) ? new FileSystemException(p.toString(), null, "a symbolic link to nothing")
                : new NoSuchFileException(p.toString());
        }
        if (Files.isDirectory(p)) {
            throw new FileSystemException(p.toString(), null, "is a folder, not a file");
        }
        if (!Files.isRegularFile(p)) {
            throw new FileSystemException(p.toString(), null, "is not a regular file (a FIFO, device or socket)");
        }
        if (!Files.isReadable(p)) {
            throw new AccessDeniedException(p.toString());
        }
    }
}
