package org.example.genmat.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV / TSV records that survive malformed rows: the text is cut into records by quote parity (a
 * quoted cell may span lines), each record is parsed on its own by commons-csv, and a record that
 * cannot be parsed (a stray quote, a quote never closed) becomes a {@link Row} with an error while
 * the rows after it are still read. A quote that does not close into one cell takes its own line and the lines after
 * it that cannot start a row of the table's width (the rest of a cell meant to run on; named in its error), never the
 * rest of the file: one error row, and the rows after it as they are ({@link #next}). So does a quote typed inside an
 * unquoted cell, text to commons-csv, whose line's quotes pair up while the cell its next quote opens runs on.
 * Decodes UTF-8 (BOM dropped), UTF-16 and, as CIFs, Latin-1 when the bytes are not UTF-8, which
 * {@link #encodingWarning} says; a binary file is refused by name before anything is read.
 */
public final class CsvRecords implements AutoCloseable {

    /** One record: its cells (null when malformed), its 1-based record number, first line, and the problem. */
    public record Row(List<String> cells, long number, long line, String error) {
        public boolean ok() {
            return error == null;
        }

        /** The error without what a skipping reader does about it ("line 5: a quote ... never closed"). */
        public String problem() {
            return error != null && error.endsWith(SKIPPED) ? error.substring(0, error.length() - SKIPPED.length()) : error;
        }
    }

    /** The end of a malformed row's error: readers that skip it say so. */
    private static final String SKIPPED = "; row skipped";

    /** A record may not grow beyond this many characters (a quote never closed would otherwise take the file). */
    static final int MAX_RECORD_CHARS = CrystalReader.MAX_INPUT_BYTES;

    private final BufferedReader in;
    /** The decoding reader under {@link #in}: it knows whether the table was not UTF-8. */
    private final java.io.Reader decoded;
    private final CSVFormat format;
    private final char delimiter;
    private final boolean trim;
    private final ArrayDeque<String> replay = new ArrayDeque<>();
    private final ArrayDeque<Long> replayLines = new ArrayDeque<>();
    private long line;
    private long number;
    /** Cells of the last well-formed record (the header's at first): the width of the rows around a bad one. */
    private int lastWidth = Integer.MAX_VALUE;
    private Row header;
    /** The file, named in the header's messages; null for a stream. */
    private Path file;

    /**
     * Opens a CSV table file.
     *
     * @throws IllegalArgumentException naming the file when it is a folder, a special file, missing or binary data
     */
    public static CsvRecords open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * Opens a table file: tab-separated when its name ends in {@code .tsv} (any case), else CSV.
     *
     * @throws IllegalArgumentException naming the file when it is a folder, a special file, missing or binary data
     */
    public static CsvRecords openTable(Path file) throws IOException {
        Path name = file.getFileName();
        return open(file, name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv"));
    }

    private static CsvRecords open(Path file, boolean tsv) throws IOException {
        requireTableFile(file);
        InputStream in = Files.newInputStream(file);
        try {
            CsvRecords records = new CsvRecords(in, tsv);
            records.file = file;
            return records;
        } catch (IllegalArgumentException e) {
            in.close();
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Refuses, naming the file, a path that is no regular file (a folder, a FIFO, nothing). */
    static void requireTableFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": " + (Files.isDirectory(file) ? "a folder, not a table"
                : Files.exists(file) ? "not a regular file" : "no such file"));
        }
    }

    /** Opens a table; {@code tsv} for tab-separated. Throws IllegalArgumentException for binary data. */
    public CsvRecords(InputStream raw, boolean tsv) throws IOException {
        this.decoded = decodedText(raw, tsv ? "a TSV table" : "a CSV table");
        this.in = new BufferedReader(decoded, 1 << 16);
        this.format = (tsv ? CSVFormat.TDF : CSVFormat.DEFAULT).builder().setHeader((String[]) null).get();
        this.delimiter = tsv ? '\t' : ',';
        this.trim = tsv;
        this.header = next();
        if (header != null) {
            number = 0; // data rows count from 1
        }
    }

    /**
     * A table's text, for every reader of tables (this one, {@link CrystalTable#openText}): UTF-8 or UTF-16 as
     * {@link Encodings#tableReader} decides, after refusing binary data by its start ({@link Encodings#looksBinaryTable};
     * a NUL in a cell is that row's problem, not the table's).
     *
     * @param what names the text in the refusal of binary data ("a CSV table")
     * @throws IllegalArgumentException "binary data (NUL bytes), not a CSV table"; the caller names the file
     */
    static BufferedReader textReader(InputStream raw, String what) throws IOException {
        return new BufferedReader(decodedText(raw, what), 1 << 16);
    }

    private static java.io.Reader decodedText(InputStream raw, String what) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(raw, 1 << 16);
        bin.mark(Encodings.SNIFF_BYTES);
        byte[] head = bin.readNBytes(Encodings.SNIFF_BYTES);
        bin.reset();
        if (Encodings.looksBinaryTable(head, head.length)) {
            throw new IllegalArgumentException("binary data (NUL bytes), not " + what);
        }
        return Encodings.tableReader(bin);
    }

    /**
     * The warning of a table that is not UTF-8, "t.csv: not UTF-8 from byte 17 on; read as Latin-1 (ISO-8859-1)"
     * ({@link Encodings#readAsLatin1(String, long)}), or null while the bytes read so far are UTF-8. The text is
     * decoded ahead of the rows, so asked after a row it may already tell of a later byte; after the last row it tells
     * of the whole table. Its readers tell it once per table, beside the warnings about its rows.
     *
     * @param table the table as messages name it (its file, an archive entry)
     */
    public String encodingWarning(String table) {
        long at = Encodings.latin1From(decoded);
        return at < 0 ? null : Encodings.readAsLatin1(table, at);
    }

    /** The header's cells; IllegalArgumentException when the file is empty or its header is malformed. */
    public List<String> header() {
        String named = file == null ? "" : file + ": ";
        if (header == null) {
            throw new IllegalArgumentException(named + "empty table (no header line)");
        }
        if (!header.ok()) {
            throw new IllegalArgumentException(named + "header line: " + header.error());
        }
        return header.cells();
    }

    /** The refusal of a table with a header and no rows, worded as that of a zero-byte one ({@link #header()}). */
    public static String noRows(String table) {
        return table + ": empty table (no rows)";
    }

    /**
     * Refuses a header that names a column twice: a row is read as its cells by name, so which of the two was meant
     * cannot be told.
     *
     * @param table the table as named in messages (a file)
     */
    public static void requireDistinctColumns(String table, List<String> header) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                throw new IllegalArgumentException(table + " has two columns named '" + h + "' (columns: "
                    + String.join(", ", header) + "); give each column its own name");
            }
        }
    }

    private String readLine() throws IOException {
        if (!replay.isEmpty()) {
            line = replayLines.pollFirst();
            return replay.pollFirst();
        }
        String l = in.readLine();
        if (l != null) {
            line++;
        }
        return l;
    }

    /**
     * The next record, or null at the end. A record whose quote does not close into one cell (never, or with text
     * after the closing quote on a later line) is an error row; {@link #takeRestOfCell} says where it ends.
     */
    public Row next() {
        try {
            String first = nextNonBlankLine();
            if (first == null) {
                return null;
            }
            long firstLine = line;
            long no = ++number;
            if (quotes(first) % 2 == 0) {
                Row r = parse(first, no, firstLine);
                String stray = r.ok() ? null : strayQuoteOpeningACell(first);
                if (stray == null) {
                    return noteWidth(r);
                }
                // the quotes pair up only because one of them is text: the cell the other opens runs on (a CIF text),
                // and its lines are no rows of their own
                String problem = "line " + firstLine + ": malformed CSV row (" + stray + ")";
                LineSpan record = continueQuote(first, firstLine, quotes(first) - 1);
                if (record.closed() && parse(record.text(), no, firstLine).ok()) {
                    return new Row(null, no, firstLine, problem + takenLines(record.numbers().get(1),
                        record.numbers().get(record.numbers().size() - 1), "row") + SKIPPED);
                }
                replay(record, 1);
                return new Row(null, no, firstLine, problem + takeRestOfCell() + SKIPPED);
            }
            // a quoted cell runs on: collect lines until the quotes pair up
            LineSpan span = continueQuote(first, firstLine, quotes(first));
            if (span.closed()) {
                Row r = parse(span.text(), no, firstLine);
                if (r.ok()) {
                    return noteWidth(r);
                }
            }
            // this row is lost; the lines after its first are looked at again
            replay(span, 1);
            String problem = span.closed() ? "malformed CSV row (a stray quote)" // paired across rows, no one cell
                : "a quote opened in this row is never closed"
                    + (span.chars() > MAX_RECORD_CHARS ? " within " + MAX_RECORD_CHARS + " characters" : "");
            return new Row(null, no, firstLine, "line " + firstLine + ": " + problem + takeRestOfCell() + SKIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line that is not blank (blank lines are no records, as for commons-csv), or null at the end. */
    private String nextNonBlankLine() throws IOException {
        String l;
        do {
            l = readLine();
        } while (l != null && l.isEmpty());
        return l;
    }

    /**
     * The lines of a record whose first line leaves a quote open: up to the line that pairs its quotes (closed), else
     * to the end or to {@link #MAX_RECORD_CHARS} (not closed).
     *
     * @param quotesOfFirst the quotes of the first line that quote (odd): all of them, or all but a stray one
     */
    private LineSpan continueQuote(String first, long firstLine, long quotesOfFirst) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        lines.add(first);
        numbers.add(firstLine);
        long open = quotesOfFirst;
        long chars = first.length();
        String l;
        while (chars <= MAX_RECORD_CHARS && (l = readLine()) != null) {
            lines.add(l);
            numbers.add(line);
            open += quotes(l);
            chars += l.length() + 1;
            if (open % 2 == 0) {
                return new LineSpan(lines, numbers, true, chars);
            }
        }
        return new LineSpan(lines, numbers, false, chars);
    }

    /** The lines read for one record, with their numbers; {@code closed} when its quotes pair up. */
    private record LineSpan(List<String> lines, List<Long> numbers, boolean closed, long chars) {
        String text() {
            return String.join("\n", lines);
        }
    }

    /** Puts the span's lines from index {@code from} on back, to be read again before the rest of the text. */
    private void replay(LineSpan span, int from) {
        for (int i = span.lines().size() - 1; i >= from; i--) {
            replay.addFirst(span.lines().get(i));
            replayLines.addFirst(span.numbers().get(i));
        }
    }

    /**
     * After a row whose quote does not close into one cell: the lines after it that cannot start a row of the table's
     * width (too few delimiters) are taken into it, as the rest of the cell its quote opened, up to the first line
     * that can, where reading goes on. The width is the header's, or the last good row's when that is narrower (a
     * table whose rows all lack a cell). So a forgotten closing quote costs its row alone, whether the cell was meant
     * to end on its line (the next line is a row) or to run on ("two\nlines": the line "lines" is no row, and no
     * phantom row of its own); a next row with a bad quote of its own is still an error of its own. A line that opens
     * a quoted cell can start a row too when that cell closes into a record of the width on a later line, so that in a
     * table of multi-line cells (CIF texts) a quote never closed costs its row, not the rows after it. The lines taken
     * are named in the row's error.
     *
     * @return "; line 4 is read as the rest of its cell" (or "; lines 4-6 are ..."), "" when none is taken
     */
    private String takeRestOfCell() throws IOException {
        if (header == null || !header.ok()) {
            return ""; // reading the header itself: no width to tell rows by
        }
        int width = Math.min(header.cells().size(), lastWidth);
        long from = -1;
        long to = -1;
        String l;
        while ((l = nextNonBlankLine()) != null) {
            if (delimiters(l) >= width - 1) {
                replay.addFirst(l); // can start a row: read next
                replayLines.addFirst(line);
                break;
            }
            long at = line;
            long quoting = quotes(l) % 2 == 1 ? quotes(l) : strayQuoteOpeningACell(l) != null ? quotes(l) - 1 : 0;
            if (quoting % 2 == 1) {
                // a row whose quoted cell runs over lines (a CIF text) has few delimiters on its first line: it starts a
                // row when its quote closes into a well-formed record of the width (so does one with a stray quote,
                // an error row of its own)
                LineSpan span = continueQuote(l, at, quoting);
                Row r = span.closed() ? parse(span.text(), number, at) : null;
                if (r != null && r.ok() && r.cells().size() >= width) {
                    replay(span, 0);
                    break;
                }
                replay(span, 1); // not a row: the lines after it are looked at again
            }
            from = from < 0 ? at : from;
            to = at;
        }
        return from < 0 ? "" : takenLines(from, to, "cell");
    }

    /** "; line 4 is read as the rest of its cell", "; lines 4-6 are read as the rest of its row". */
    private static String takenLines(long from, long to, String rest) {
        return from == to ? "; line " + from + " is read as the rest of its " + rest
            : "; lines " + from + "-" + to + " are read as the rest of its " + rest;
    }

    private long delimiters(String s) {
        long n = 0;
        for (int i = s.indexOf(delimiter); i >= 0; i = s.indexOf(delimiter, i + 1)) {
            n++;
        }
        return n;
    }

    /** The row, its width noted for {@link #takeRestOfCell} when it is well-formed. */
    private Row noteWidth(Row r) {
        if (r.ok()) {
            lastWidth = r.cells().size();
        }
        return r;
    }

    /**
     * A line whose quotes pair up but whose last cell is left open, read as commons-csv reads it: a quote opens a
     * quoted cell only at the start of a cell, so a quote typed inside an unquoted cell ("BiN2OPt\"") is text, and the
     * quote that should have paired with it opens a cell that runs past the line. Names that stray quote ("a stray
     * quote after 'BiN2OPt' in column 'formula'"); null when the line is no such line.
     */
    private String strayQuoteOpeningACell(String l) {
        int cell = 0;
        int stray = -1;
        int strayCell = -1;
        int i = 0;
        while (true) {
            int start = i;
            while (trim && i < l.length() && l.charAt(i) != delimiter && Character.isWhitespace(l.charAt(i))) {
                i++; // a TSV cell's surrounding spaces are dropped before its quote is looked for
            }
            if (i < l.length() && l.charAt(i) == '"') {
                i = l.indexOf('"', i + 1);
                while (i >= 0 && i + 1 < l.length() && l.charAt(i + 1) == '"') {
                    i = l.indexOf('"', i + 2); // "" is a quote within the cell
                }
                if (i < 0) {
                    break; // the quoted cell runs past the line
                }
            } else if (stray < 0) {
                int end = l.indexOf(delimiter, start);
                int q = l.indexOf('"', start);
                if (q >= 0 && (end < 0 || q < end)) {
                    stray = q;
                    strayCell = cell;
                }
            }
            i = l.indexOf(delimiter, Math.max(i, start));
            if (i < 0) {
                return null; // every cell closes on this line
            }
            i++;
            cell++;
        }
        if (stray < 0) {
            return null;
        }
        int cellStart = l.lastIndexOf(delimiter, stray) + 1;
        String before = (stray - cellStart > 40 ? "…" + l.substring(stray - 40, stray)
            : l.substring(cellStart, stray)).strip();
        List<String> names = header != null && header.ok() ? header.cells() : List.of();
        return "a stray quote" + (before.isEmpty() ? "" : " after '" + before + "'") + " in "
            + (strayCell < names.size() ? "column '" + names.get(strayCell) + "'" : "cell " + (strayCell + 1));
    }

    private static long quotes(String s) {
        long n = 0;
        for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) {
            n++;
        }
        return n;
    }

    private Row parse(String text, long no, long firstLine) {
        if (text.indexOf('"') < 0) {
            // no quoting: plain split (what commons-csv does, without its per-record set-up)
            List<String> cells = new ArrayList<>();
            int from = 0;
            for (int i = text.indexOf(delimiter); i >= 0; i = text.indexOf(delimiter, from)) {
                cells.add(cell(text.substring(from, i)));
                from = i + 1;
            }
            cells.add(cell(text.substring(from)));
            return new Row(cells, no, firstLine, null);
        }
        try (CSVParser p = CSVParser.parse(text, format)) {
            List<CSVRecord> recs = p.getRecords();
            if (recs.size() != 1) {
                return new Row(null, no, firstLine, "line " + firstLine + ": malformed CSV row (" + recs.size()
                    + " records in one)" + SKIPPED);
            }
            return new Row(recs.get(0).toList(), no, firstLine, null);
        } catch (IOException | RuntimeException e) {
            return new Row(null, no, firstLine, "line " + firstLine + ": malformed CSV row (" + parserProblem(e) + ")" + SKIPPED);
        }
    }

    /**
     * What commons-csv found wrong with one row, in words: its exception (wrapped in an UncheckedIOException) names its
     * class and a position within the row's text alone, which would mislead beside the file's line number.
     */
    static String parserProblem(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // "(startline 1) EOF reached ...": the line within the row's own text, which would mislead too
        String why = root.getMessage() == null ? "unreadable"
            : root.getMessage().replaceFirst("^\\(startline [\\d,]+\\) ", "");
        if (why.startsWith("Invalid character between encapsulated token and delimiter")) {
            return "text after a closing quote: a stray quote";
        }
        if (why.startsWith("EOF reached before encapsulated token finished")) {
            return "a quote is never closed";
        }
        int at = why.indexOf(" at line: ");
        return at > 0 ? why.substring(0, at) : why;
    }

    private String cell(String s) {
        return trim ? s.trim() : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
