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

    /**
     * @param rowId the key as string
     * @param row the cells
     */
    public DefaultRow(final String rowId, final List<DataCell> row) {
        this(new RowKey(rowId), row);
    }

    /**
     * @param rowId the key as string
     * @param row the values, as double cells
     */
    public DefaultRow(final String rowId, final double... row) {
        this(new RowKey(rowId), row);
    }

    /**
     * @param rowKey the key
     * @param row the values, as int cells
     */
    public DefaultRow(final RowKey rowKey, final int... row) {
        this(rowKey, java.util.Arrays.stream(row).mapToObj(IntCell::new).toArray(DataCell[]::new));
    }

    /**
     * @param rowId the key as string
     * @param row the values, as int cells
     */
    public DefaultRow(final String rowId, final int... row) {
        this(new RowKey(rowId), row);
    }

    /**
     * @param rowKey the key
     * @param row the values, as string cells
     */
    public DefaultRow(final RowKey rowKey, final String... row) {
        this(rowKey, java.util.Arrays.stream(row).map(StringCell::new).toArray(DataCell[]::new));
    }

    /**
     * @param rowId the key as string
     * @param row the values, as string cells
     */
    public DefaultRow(final String rowId, final String... row) {
        this(new RowKey(rowId), row);
    }

    /**
     * @param key the new key
     * @param row the row whose cells are copied
     */
    public DefaultRow(final RowKey key, final DataRow row) {
        this(key, java.util.stream.IntStream.range(0, row.getNumCells()).mapToObj(row::getCell)
            .toArray(DataCell[]::new));
    }

    /**
     * @param rowId the new key as string
     * @param row the row whose cells are copied
     */
    public DefaultRow(final String rowId, final DataRow row) {
        this(new RowKey(rowId), row);
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
