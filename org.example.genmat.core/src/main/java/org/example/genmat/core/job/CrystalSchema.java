package org.example.genmat.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;

/**
 * Column types of the standard crystal table ({@link CrystalTable#COLUMNS}): lattice numbers as doubles (Å,
 * degrees, Å³, g/cm³), {@code nsites} as an integer, the rest as text. Read Crystals and {@code genmat read} write
 * the whole table; the candidate table of sampling writes its crystal block with the same columns.
 */
public final class CrystalSchema {

    /** Columns holding numbers. */
    private static final Set<String> DOUBLE_COLUMNS = Set.of("a", "b", "c", "alpha", "beta", "gamma", "volume", "density");

    /** Column holding an integer. */
    private static final String INT_COLUMN = "nsites";

    /** The whole standard crystal table. */
    public static final TableSchema TABLE = new TableSchema(columns(CrystalTable.COLUMNS));

    private CrystalSchema() {
    }

    /** The typed columns of some standard crystal-table column names. */
    public static List<Column> columns(List<String> names) {
        List<Column> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (!CrystalTable.COLUMNS.contains(n)) {
                throw new IllegalArgumentException(n + " is not a crystal table column " + CrystalTable.COLUMNS);
            }
            out.add(new Column(n, DOUBLE_COLUMNS.contains(n) ? Column.Type.DOUBLE
                : INT_COLUMN.equals(n) ? Column.Type.INT : Column.Type.STRING));
        }
        return out;
    }

    /** The values of a record for some crystal-table columns, as the table text gives them (empty → null). */
    public static List<Object> values(CrystalRecord record, List<String> names) {
        Map<String, String> row = CrystalTable.toRow(record);
        List<Object> out = new ArrayList<>(names.size());
        for (String n : names) {
            String v = row.get(n);
            out.add(v == null || v.isEmpty() ? null : v);
        }
        return out;
    }
}
