package org.example.genmat.core.job.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CsvRecords;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.job.Column;

/**
 * The columns a read keeps besides the crystal table's: the other columns of the one CSV/TSV table it reads (a
 * class label, a formation energy next to the formulas), so that the crystal table can go on to a conditioned
 * training. Each column is typed by its first {@link #TYPE_ROWS} rows, as KNIME's CSV Reader guesses types: integers,
 * longs, numbers, else text. A later value that does not fit its column's type is left empty, and the row's warning
 * names the column and the value (each of them when several cells of a row are emptied), so nothing is lost and both
 * faces give the same rows.
 *
 * @param columns the kept columns, after the crystal table's, names distinct from its names ({@link #names})
 */
public record PassThrough(List<Column> columns) {

    /** Nothing kept: several inputs, a folder, an archive, structure files. */
    public static final PassThrough NONE = new PassThrough(List.of());

    /** Rows whose values decide a kept column's type (KNIME's CSV Reader scans 10,000 by default). */
    public static final int TYPE_ROWS = 10_000;

    private static final List<Column.Type> NARROW_TO_WIDE = List.of(Column.Type.INT, Column.Type.LONG,
        Column.Type.DOUBLE, Column.Type.STRING);

    public PassThrough {
        columns = List.copyOf(columns);
    }

    /**
     * The kept columns of a file read: the other columns of a single CSV or TSV table (not its structure column),
     * typed from its first {@link #TYPE_ROWS} rows; {@link #NONE} for anything else, and for a table that cannot be
     * read (the read itself then reports why, on its row).
     *
     * @param inputs   the read's inputs
     * @param settings its settings (format and column decide the structure column)
     */
    public static PassThrough ofFiles(List<Path> inputs, ReadSettings settings) {
        if (inputs.size() != 1) {
            return NONE;
        }
        Path file = inputs.get(0);
        if (file.getFileName() == null || !CrystalReader.isTableName(file.getFileName().toString())) {
            return NONE;
        }
        try (CsvRecords rows = CsvRecords.openTable(file)) {
            CrystalReader.TableLayout layout = CrystalReader.tableLayout(rows.header(), settings.readerOptions());
            int[] at = layout.otherIndexes();
            Column.Type[] types = new Column.Type[at.length]; // null until a value is seen
            CsvRecords.Row row;
            for (int n = 0; n < TYPE_ROWS && (row = rows.next()) != null; n++) {
                if (!row.ok()) {
                    continue;
                }
                for (int j = 0; j < at.length; j++) {
                    if (at[j] < row.cells().size()) {
                        types[j] = widen(types[j], row.cells().get(at[j]));
                    }
                }
            }
            List<String> names = names(layout.otherColumns()); // blank header cells are named by CsvRecords.header
            List<Column> columns = new ArrayList<>(names.size());
            for (int j = 0; j < names.size(); j++) {
                columns.add(new Column(names.get(j), types[j] == null ? Column.Type.STRING : types[j]));
            }
            return new PassThrough(columns);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return NONE;
        }
    }

    /**
     * Names for kept columns: distinct from the crystal table's and from each other (a clash gets {@code " (input)"},
     * then {@code " (input 2)"} ...). A table file's blank header name is {@code column <position>} by then.
     *
     * @param names the input's names, in order, not blank
     * @return the output names, in the same order
     */
    public static List<String> names(List<String> names) {
        Set<String> taken = new HashSet<>(ReadJob.TABLE.names());
        List<String> out = new ArrayList<>(names.size());
        for (String base : names) {
            String name = base;
            for (int k = 1; !taken.add(name); k++) {
                name = base + (k == 1 ? " (input)" : " (input " + k + ")");
            }
            out.add(name);
        }
        return out;
    }

    /** The kept values of one record, and the warning for a value that does not fit its column (null when none). */
    record Values(List<Object> values, String problem) {
    }

    private static final Values NO_VALUES = new Values(List.of(), null);

    /**
     * @param record a record of the read
     * @return its kept values (text, as in the file; null for empty, missing, {@code nan} or not fitting the type)
     */
    Values of(CrystalRecord record) {
        if (columns.isEmpty()) {
            return NO_VALUES; // the usual read of structure files: nothing to allocate per record
        }
        List<String> cells = record.tableCells();
        List<Object> values = new ArrayList<>(columns.size());
        List<String> misfits = List.of();
        for (int j = 0; j < columns.size(); j++) {
            String text = j < cells.size() ? cells.get(j) : null;
            Column c = columns.get(j);
            if (text == null || text.isBlank() || c.type() != Column.Type.STRING && isNaN(text)) {
                values.add(null);
            } else if (fits(c.type(), text.trim())) {
                values.add(text);
            } else {
                values.add(null);
                // every cell emptied is named: a user who fixes the first must not find the next one only in the next run
                if (misfits.isEmpty()) {
                    misfits = new ArrayList<>(2);
                }
                misfits.add("column '" + c.name() + "' holds " + describe(c.type()) + " in the first " + TYPE_ROWS
                    + " rows; '" + Messages.value(text) + "' is not one and is left empty");
            }
        }
        return new Values(values, problem(misfits));
    }

    /** Misfits of one row named in its warning; a wide row whose cells all misfit names the first ones, counts the rest. */
    private static final int MAX_NAMED_MISFITS = 5;

    /** The warning of a row's misfits (null when none): each named, at most {@link #MAX_NAMED_MISFITS}. */
    private static String problem(List<String> misfits) {
        if (misfits.isEmpty()) {
            return null;
        }
        if (misfits.size() <= MAX_NAMED_MISFITS) {
            return String.join("; ", misfits);
        }
        return String.join("; ", misfits.subList(0, MAX_NAMED_MISFITS)) + "; and " + (misfits.size() - MAX_NAMED_MISFITS)
            + " more columns' values are left empty";
    }

    /** The narrowest type holding both what was seen and this text (null: nothing seen yet). */
    private static Column.Type widen(Column.Type seen, String text) {
        if (text == null || text.isBlank()) {
            return seen;
        }
        String t = text.trim();
        for (Column.Type candidate : NARROW_TO_WIDE.subList(seen == null ? 0 : NARROW_TO_WIDE.indexOf(seen),
            NARROW_TO_WIDE.size())) {
            if (fits(candidate, t)) {
                return candidate;
            }
        }
        return Column.Type.STRING;
    }

    private static boolean fits(Column.Type type, String t) {
        switch (type) {
            case INT, LONG:
                int sign = sign(t, 0);
                int digits = digits(t, sign);
                if (digits == 0 || sign + digits != t.length()) {
                    return false;
                }
                try {
                    long v = Long.parseLong(t);
                    return type == Column.Type.LONG || v == (int) v;
                } catch (NumberFormatException e) {
                    return false; // beyond a long
                }
            case DOUBLE:
                return isNaN(t) || isDecimal(t);
            default:
                return true;
        }
    }

    /** A decimal number as CSV files write them: [+-] digits [. digits] [e [+-] digits], a digit before or after the point. */
    private static boolean isDecimal(String t) {
        int i = sign(t, 0);
        int whole = digits(t, i);
        i += whole;
        int fraction = 0;
        if (i < t.length() && t.charAt(i) == '.') {
            fraction = digits(t, i + 1);
            i += 1 + fraction;
        }
        if (whole + fraction == 0) {
            return false;
        }
        if (i < t.length() && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            i += sign(t, i);
            int exponent = digits(t, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == t.length();
    }

    /** 1 when {@code t} has a sign (+ or -) at {@code at}, else 0. */
    private static int sign(String t, int at) {
        return at < t.length() && (t.charAt(at) == '+' || t.charAt(at) == '-') ? 1 : 0;
    }

    /** The number of ASCII digits in {@code t} from {@code from} on. */
    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private static boolean isNaN(String text) {
        return text.trim().equalsIgnoreCase("nan");
    }

    private static String describe(Column.Type type) {
        return switch (type) {
            case INT, LONG -> "integers";
            case DOUBLE -> "numbers";
            default -> "text";
        };
    }
}
