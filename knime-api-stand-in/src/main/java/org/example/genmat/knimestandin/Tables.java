package org.example.genmat.knimestandin;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;

/** Builds input tables for tests and reads output tables back. */
public final class Tables {

    private Tables() {
    }

    /**
     * @param namesAndTypes alternating column name (String) and type (DataType)
     * @return the spec
     */
    public static DataTableSpec spec(final Object... namesAndTypes) {
        final List<org.knime.core.data.DataColumnSpec> cols = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            cols.add(new DataColumnSpecCreator((String)namesAndTypes[i], (DataType)namesAndTypes[i + 1]).createSpec());
        }
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }

    /**
     * @param spec spec
     * @param rows rows of Java values (String, Integer, Long, Double or null for missing)
     * @return the table, row keys Row0, Row1, ...
     */
    public static BufferedDataTable table(final DataTableSpec spec, final List<Object[]> rows) {
        final BufferedDataContainer c = new ExecutionContext(new ProgressSink()).createDataContainer(spec);
        long i = 0;
        for (Object[] r : rows) {
            final DataCell[] cells = new DataCell[r.length];
            for (int j = 0; j < r.length; j++) {
                cells[j] = cell(r[j]);
            }
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), cells));
        }
        c.close();
        return c.getTable();
    }

    /**
     * @param v a Java value
     * @return the cell
     */
    public static DataCell cell(final Object v) {
        if (v == null) {
            return DataType.getMissingCell();
        } else if (v instanceof DataCell c) {
            return c;
        } else if (v instanceof Integer n) {
            return new IntCell(n);
        } else if (v instanceof Long n) {
            return new LongCell(n);
        } else if (v instanceof Number n) {
            return new DoubleCell(n.doubleValue());
        }
        return new StringCell(v.toString());
    }

    /**
     * @param table a table
     * @return all rows
     */
    public static List<DataRow> rows(final BufferedDataTable table) {
        final List<DataRow> rows = new ArrayList<>();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    /**
     * @param table a table
     * @param column a column name
     * @return the cells of that column
     */
    public static List<DataCell> column(final BufferedDataTable table, final String column) {
        final int idx = table.getDataTableSpec().findColumnIndex(column);
        if (idx < 0) {
            throw new IllegalArgumentException("No column " + column + " in " + table.getDataTableSpec());
        }
        return rows(table).stream().map(r -> r.getCell(idx)).toList();
    }
}
