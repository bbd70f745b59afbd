package org.example.genmat.core.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;

/**
 * The standard crystal table: one row per {@link CrystalRecord} with the columns {@link #SCHEMA}
 * (lengths in Å, angles in degrees, volume in Å³, density in g/cm³; the structure itself as P1 CIF
 * text in {@code cif}; {@code warning}: what the reader accepted leniently, e.g. a {@code .} read as a
 * zero coordinate). CSV through commons-csv, streamed both ways.
 */
public final class CrystalTable {

    /** A column of the table: its name and what it holds, with its unit. */
    public record Column(String name, String meaning) {
    }

    /**
     * The columns, in order, with what each holds: the one definition of the table, which the help of
     * {@code genmat read} and of Read Crystals print (the README's table repeats it).
     */
    public static final List<Column> SCHEMA = List.of(
        new Column("source", "where the row was read: file#block of a CIF, archive.zip!entry#block in a zip,"
            + " table.csv#row 3 (id) for a table row"),
        new Column("formula", "the reduced formula in Hill order (C, H, then alphabetical; alphabetical without carbon):"
            + " ClNa for NaCl, IrO3V for VIrO3, C for a carbon cell"),
        new Column("composition", "the atoms of the full cell as El:N, occupancies summed (Cl:4 Na:4, C:8); for a"
            + " formula, its amounts"),
        new Column("a", "cell edge a as read, Å"),
        new Column("b", "cell edge b, Å"),
        new Column("c", "cell edge c, Å"),
        new Column("alpha", "cell angle between b and c, degrees"),
        new Column("beta", "cell angle between a and c, degrees"),
        new Column("gamma", "cell angle between a and b, degrees"),
        new Column("volume", "cell volume, Å³"),
        new Column("nsites", "sites in the full cell (a site shared by several species counts once)"),
        new Column("density", "mass of the cell's atoms over its volume, g/cm³"),
        new Column("spacegroup", "the space-group symbol as the file gives it (Hermann-Mauguin, else Hall), else its"
            + " number; not normalised, so one group may read 'P 1' in one file and 'P1' in another; empty for a POSCAR"
            + " or a formula"),
        new Column("cif", "the full cell as P1 CIF text; empty for a formula"),
        new Column("error", "why the input could not be read (file, line, problem); formula to cif are then empty"),
        new Column("warning", "what was read leniently: a quoted value not closed on its line, '.' read as a zero"
            + " coordinate, a formula's '.' read as a decimal point that could be a hydrate dot"));

    /** The column names, in order. */
    public static final List<String> COLUMNS = SCHEMA.stream().map(Column::name).toList();

    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true)
        .setIgnoreSurroundingSpaces(false).get();

    private CrystalTable() {
    }

    /**
     * True for the header of a crystal table: {@link #COLUMNS} first, in order, then any kept columns (what
     * {@code genmat read} writes, and Read Crystals' output saved as CSV). A read that meets such a table in a folder
     * takes it for an earlier output, not an input ({@link CrystalReader}).
     */
    public static boolean isCrystalTable(List<String> header) {
        return header.size() >= COLUMNS.size() && header.subList(0, COLUMNS.size()).equals(COLUMNS);
    }

    /** The columns a row's structure or composition is read from ({@link #fromRow}), in that order. */
    public static final List<String> DATA_COLUMNS = List.of("cif", "composition", "formula");

    /**
     * Refuses a table with none of the {@link #DATA_COLUMNS} before any row is read: every row would fail alike, and a
     * later message (a missing condition, no usable rows) would blame something else.
     *
     * @param table the table as named in the message (a file)
     * @throws IllegalArgumentException "TABLE has no cif, composition or formula column (columns: ...)", with a hint
     *         when its one column holds ';' or tabs
     */
    public static void requireDataColumn(String table, List<String> header) {
        if (DATA_COLUMNS.stream().anyMatch(header::contains)) {
            return;
        }
        String only = header.size() == 1 ? header.get(0) : "";
        throw new IllegalArgumentException(table + " has no cif, composition or formula column (columns: "
            + String.join(", ", header) + ")" + (only.contains(";") || only.contains("\t")
            ? "; its one column holds ';' or tabs: the table must be comma-separated" : ""));
    }

    /**
     * The source of row {@code row} (1-based, header not counted) of a table file, "file.csv#row 3": the one style
     * of every reader's row names.
     */
    public static String rowSource(String file, long row) {
        return file + "#row " + row;
    }

    /** The row of a record; empty strings where a value does not apply (composition-only or error rows). */
    public static Map<String, String> toRow(CrystalRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            row.put(c, "");
        }
        row.put("source", r.source());
        row.put("spacegroup", r.spaceGroup());
        row.put("warning", r.warning());
        if (!r.ok()) {
            row.put("error", r.error());
            return row;
        }
        Composition comp = r.composition();
        row.put("formula", comp.reducedFormula());
        row.put("composition", comp.toCellString());
        Crystal c = r.crystal();
        if (c != null) {
            Lattice l = c.lattice();
            row.put("a", fmt(l.a(), 6));
            row.put("b", fmt(l.b(), 6));
            row.put("c", fmt(l.c(), 6));
            row.put("alpha", fmt(l.alpha(), 6));
            row.put("beta", fmt(l.beta(), 6));
            row.put("gamma", fmt(l.gamma(), 6));
            row.put("volume", fmt(l.volume(), 6));
            row.put("nsites", Integer.toString(c.numSites()));
            row.put("density", fmt(c.density(), 6));
            row.put("cif", CifWriter.write(c));
        }
        return row;
    }

    /**
     * A record from a table row: the {@code cif} cell when present, else {@code composition}
     * ("El:amount ...", or a formula), else {@code formula}; a row with {@code error} set stays an error record.
     */
    public static CrystalRecord fromRow(Map<String, String> row) {
        return fromRow(row, CifReader::read);
    }

    /**
     * {@link #fromRow(Map)} with the {@code cif} cell read by {@code cifReader} (text, source name → records), e.g.
     * {@link CifReader#readGeneral} to compare the general path with the P1 fast path.
     */
    public static CrystalRecord fromRow(Map<String, String> row, BiFunction<String, String, List<CrystalRecord>> cifReader) {
        String source = nz(row.get("source"));
        String error = nz(row.get("error"));
        if (!error.isEmpty()) {
            return CrystalRecord.failed(source, error);
        }
        String warning = nz(row.get("warning"));
        String cif = nz(row.get("cif"));
        String sg = nz(row.get("spacegroup"));
        if (!cif.isBlank()) {
            List<CrystalRecord> recs = cifReader.apply(cif, source.isEmpty() ? "cif" : source);
            CrystalRecord first = recs.get(0);
            if (!first.ok()) {
                return first;
            }
            Crystal c = source.isEmpty() ? first.crystal() : first.crystal().withSource(source);
            // the composition of the record read (same sites): computing it again was a fifth of reading a P1 cell
            return new CrystalRecord(source.isEmpty() ? c.source() : source, c, first.composition(),
                sg.isEmpty() ? first.spaceGroup() : sg, null, warning.isEmpty() ? first.warning() : warning, List.of());
        }
        try {
            // a formula read with a '.' that could be a hydrate dot is noted in the record's warning, both readings named
            StringBuilder note = new StringBuilder();
            String comp = nz(row.get("composition"));
            if (!comp.isBlank()) {
                // "Na:4 Cl:4" as this table writes it; a formula ("NaCl", as many tables and the study's samples hold) too
                return new CrystalRecord(source, null, comp.contains(":") ? Composition.parseCellString(comp)
                    : Composition.parse(comp, note::append), sg, null).withWarning(note.toString());
            }
            String formula = nz(row.get("formula"));
            if (!formula.isBlank()) {
                return new CrystalRecord(source, null, Composition.parse(formula, note::append), sg, null)
                    .withWarning(note.toString());
            }
        } catch (IllegalArgumentException e) {
            return CrystalRecord.failed(source, source + ": " + e.getMessage());
        }
        return CrystalRecord.failed(source, source + ": row has no cif, composition or formula");
    }

    /** Writes records as CSV with the standard columns. */
    public static void write(Path file, Iterable<CrystalRecord> records) throws IOException {
        try (OutputFiles out = OutputFiles.plan(List.of(), "table", file)) {
            try (TableWriter w = new TableWriter(out.writer("table"))) {
                for (CrystalRecord r : records) {
                    w.write(r);
                }
            }
            out.commit();
        }
    }

    /** A streaming writer of the standard table (header on creation). */
    public static final class TableWriter implements AutoCloseable {
        private final CSVPrinter printer;

        public TableWriter(Writer out) throws IOException {
            this(out, COLUMNS);
        }

        /** A writer of the standard columns followed by others: {@code header} starts with {@link #COLUMNS}. */
        public TableWriter(Writer out, List<String> header) throws IOException {
            if (!isCrystalTable(header)) {
                throw new IllegalArgumentException("a crystal table starts with the columns " + COLUMNS + ", not " + header);
            }
            this.printer = new CSVPrinter(out instanceof BufferedWriter ? out : new BufferedWriter(out), WRITE_FORMAT);
            printer.printRecord(header);
        }

        public void write(CrystalRecord r) throws IOException {
            writeRow(toRow(r));
        }

        /** Writes a row made by {@link #toRow} (rows can be made on other threads, then written in order). */
        public void writeRow(Map<String, String> row) throws IOException {
            writeValues(row.values());
        }

        /** Writes the values of one row in the header's order (null: an empty cell). */
        public void writeValues(Iterable<?> values) throws IOException {
            boolean first = true;
            for (Object o : values) {
                String v = o == null ? null : o.toString();
                if (!first && v != null && v.indexOf('\n') >= 0) {
                    // a multi-line cell (the P1 CIF): quoted as commons-csv would, without its char-by-char scan
                    Appendable out = printer.getOut();
                    out.append(',').append('"').append(v.indexOf('"') < 0 ? v : v.replace("\"", "\"\"")).append('"');
                } else {
                    printer.print(v);
                }
                first = false;
            }
            printer.println();
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
        }
    }

    /**
     * Streams the rows of a CSV file with a header line, as column → value maps (header order).
     * Close the stream to close the file. I/O problems surface as {@link UncheckedIOException}; a CIF or POSCAR
     * file is refused as such ({@link CrystalReader#requireTable}).
     */
    public static Stream<Map<String, String>> readRows(Path file) throws IOException {
        CrystalReader.requireTable(file);
        BufferedReader in = openText(file);
        CSVParser parser;
        try {
            parser = CSVParser.parse(in, READ_FORMAT);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw new IllegalArgumentException(file + ": cannot read the table's header: " + Messages.value(
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        List<String> header = parser.getHeaderNames();
        return StreamSupport.stream(parser.spliterator(), false).map(rec -> toMap(header, rec)).onClose(() -> {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A table file as text, for every reader of tables: refuses (naming the file) a folder, a special
     * file or binary data; decodes UTF-8 (a BOM dropped) and UTF-16; bytes that are not valid UTF-8
     * read as U+FFFD instead of failing with "Input length = 1".
     */
    public static BufferedReader openText(Path file) throws IOException {
        return openText(file, "a CSV table");
    }

    /** As {@link #openText(Path)} for any text table; {@code what} names it in the refusal of binary data. */
    public static BufferedReader openText(Path file, String what) throws IOException {
        CsvRecords.requireTableFile(file);
        java.io.InputStream raw = Files.newInputStream(file);
        try {
            return CsvRecords.textReader(raw, what);
        } catch (IllegalArgumentException e) {
            raw.close();
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static Map<String, String> toMap(List<String> header, CSVRecord rec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), i < rec.size() ? rec.get(i) : "");
        }
        return m;
    }

    static String fmt(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return CifWriter.fixed(v, decimals, true);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
