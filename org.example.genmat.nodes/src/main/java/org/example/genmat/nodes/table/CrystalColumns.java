package org.example.genmat.nodes.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.job.CrystalSchema;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;

/**
 * The standard crystal table in KNIME form: the columns and types of the engine's {@link CrystalSchema#TABLE} (lattice
 * numbers as doubles, {@code nsites} as integer, text as strings; the one definition {@code genmat read} writes);
 * empty values are missing cells.
 */
public final class CrystalColumns {

    /** Columns from which a record can be built, in order of preference. */
    public static final List<String> STRUCTURE_COLUMNS = List.of("cif", "composition", "formula");

    private CrystalColumns() {
    }

    /**
     * @param column a standard column name
     * @return its KNIME type
     */
    public static DataType typeOf(final String column) {
        return JobTables.typeOf(CrystalSchema.columns(List.of(column)).get(0).type());
    }

    /** @return the column specs of the standard crystal table */
    public static List<DataColumnSpec> columnSpecs() {
        return JobTables.columnSpecs(CrystalSchema.TABLE.columns());
    }

    /** @return the standard crystal table spec */
    public static DataTableSpec spec() {
        return new DataTableSpec(columnSpecs().toArray(DataColumnSpec[]::new));
    }

    /**
     * @param record a record
     * @return its cells in {@link CrystalTable#COLUMNS} order
     */
    public static List<DataCell> cells(final CrystalRecord record) {
        final Map<String, String> row = CrystalTable.toRow(record);
        final List<DataCell> cells = new ArrayList<>(CrystalTable.COLUMNS.size());
        for (String c : CrystalTable.COLUMNS) {
            cells.add(Cells.parse(row.get(c), typeOf(c)));
        }
        return cells;
    }

    /**
     * Checks at configure time that a table can be read as crystals: it needs at least one of the string columns
     * {@code cif}, {@code composition}, {@code formula}.
     *
     * @param spec the table spec
     * @param port port name for the message
     * @throws InvalidSettingsException naming what is missing or of the wrong type
     */
    public static void requireCrystalColumns(final DataTableSpec spec, final String port)
        throws InvalidSettingsException {
        boolean found = false;
        for (String c : STRUCTURE_COLUMNS) {
            final DataColumnSpec col = spec.getColumnSpec(c);
            if (col == null) {
                continue;
            }
            if (!col.getType().isCompatible(StringValue.class)) {
                throw new InvalidSettingsException("Column \"" + c + "\" of the " + port + " must be a string column"
                    + " (it is " + col.getType() + ").");
            }
            found = true;
        }
        if (!found) {
            throw new InvalidSettingsException("The " + port + " has none of the columns " + STRUCTURE_COLUMNS
                + " (string): connect the output of Read Crystals, Sample Latent or a table with CIF text,"
                + " compositions (\"Na:1 Cl:1\") or formulas.");
        }
    }

    /**
     * Builds the record of a table row: the {@code cif} cell if present, else {@code composition}, else
     * {@code formula}; rows with an {@code error} value or only missing cells become error records (never
     * exceptions).
     *
     * @param spec table spec
     * @param row the row
     * @return the record; source = the row's {@code source} cell, else its row ID
     */
    public static CrystalRecord record(final DataTableSpec spec, final DataRow row) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (String c : CrystalTable.COLUMNS) {
            final int i = spec.findColumnIndex(c);
            values.put(c, i < 0 ? "" : Cells.text(row.getCell(i)));
        }
        if (values.get("source").isEmpty()) {
            values.put("source", row.getKey().getString());
        }
        try {
            return CrystalTable.fromRow(values);
        } catch (RuntimeException e) { // defensive: a malformed cell must not fail the whole table
            return CrystalRecord.failed(values.get("source"), values.get("source") + ": " + e.getMessage());
        }
    }

    /**
     * @param cell a cell
     * @return whether it holds a number
     */
    public static boolean isNumber(final DataCell cell) {
        return !cell.isMissing() && (cell instanceof DoubleValue || cell instanceof IntValue);
    }
}
