package org.knime.core.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;

/**
 * Stand-in for KNIME's table builder. Checks what KNIME checks when a row is added: cell count, cell types
 * against the spec (missing cells always allowed) and unique row keys.
 */
public class BufferedDataContainer {

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<String> m_keys = new HashSet<>();

    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    /** @param row the row to append */
    public void addRowToTable(final DataRow row) {
        if (m_table != null) {
            throw new IllegalStateException("Container is closed.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey() + "\" is not equal to length of"
                + " column names array: " + row.getNumCells() + " vs. " + m_spec.getNumColumns());
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            final DataCell c = row.getCell(i);
            if (!c.isMissing() && !m_spec.getColumnSpec(i).getType().isASuperTypeOf(c.getType())) {
                throw new IllegalArgumentException("Runtime class of object \"" + c + "\" (index " + i
                    + ") in row \"" + row.getKey() + "\" is " + c.getType() + " and does not comply with its"
                    + " supposed superclass " + m_spec.getColumnSpec(i).getType());
            }
        }
        if (!m_keys.add(row.getKey().getString())) {
            throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    /** Closes the container; {@link #getTable()} is available afterwards. */
    public void close() {
        if (m_table == null) {
            m_table = new BufferedDataTable(m_spec, List.copyOf(m_rows));
        }
    }

    /** @return the closed table */
    public BufferedDataTable getTable() {
        if (m_table == null) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        return m_table;
    }

    /** @return rows added so far */
    public long size() {
        return m_rows.size();
    }

    /** @return the spec */
    public DataTableSpec getTableSpec() {
        return m_spec;
    }
}
