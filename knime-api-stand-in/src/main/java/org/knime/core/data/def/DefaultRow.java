package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** Stand-in for KNIME's default row: key plus cells. */
public class DefaultRow implements DataRow {

    private final RowKey m_key;

    private final DataCell[] m_cells;

    /**
     * @param rowKey the key
     * @param row the cells
     */
    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        m_key = rowKey;
        m_cells = row.clone();
        for (DataCell c : m_cells) {
            if (c == null) {
                throw new NullPointerException("Cell must not be null");
            }
        }
    }

    /**
     * @param rowId the key as string
     * @param row the cells
     */
    public DefaultRow(final String rowId, final DataCell... row) {
        this(new RowKey(rowId), row);
    }

    /**
     * @param rowKey the key
     * @param row the cells
     */
    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        this(rowKey, row.toArray(DataCell[]::new));
    }

    /**
     * @param rowKey the key
     * @param d the values, as double cells
     */
    public DefaultRow(final RowKey rowKey, final double... d) {
        this(rowKey, java.util.Arrays.stream(d).mapToObj(DoubleCell::new).toArray(DataCell[]::new));
    }

    @Override
    public int getNumCells() {
        return m_cells.length;
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return List.of(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + List.of(m_cells);
    }
}
