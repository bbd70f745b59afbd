package org.knime.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

/** Stand-in for KNIME's table spec: an ordered list of uniquely named columns. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    private final String m_name;

    private final List<DataColumnSpec> m_columns;

    private final Map<String, Integer> m_index = new HashMap<>();

    /** @param colSpecs the columns */
    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this("default", colSpecs);
    }

    /**
     * @param name table name
     * @param colSpecs the columns
     */
    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name;
        m_columns = List.of(colSpecs);
        for (int i = 0; i < colSpecs.length; i++) {
            if (m_index.put(colSpecs[i].getName(), i) != null) {
                throw new IllegalArgumentException("Duplicate column name \"" + colSpecs[i].getName() + "\"");
            }
        }
    }

    /**
     * @param names column names
     * @param types column types
     */
    public DataTableSpec(final String[] names, final DataType[] types) {
        this(columns(names, types));
    }

    private static DataColumnSpec[] columns(final String[] names, final DataType[] types) {
        if (names.length != types.length) {
            throw new IllegalArgumentException("names and types differ in length");
        }
        final List<DataColumnSpec> cols = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            cols.add(new DataColumnSpecCreator(names[i], types[i]).createSpec());
        }
        return cols.toArray(DataColumnSpec[]::new);
    }

    /** @return the table name */
    public String getName() {
        return m_name;
    }

    /**
     * @param columnName a name
     * @return its index or -1
     */
    public int findColumnIndex(final String columnName) {
        final Integer i = columnName == null ? null : m_index.get(columnName);
        return i == null ? -1 : i;
    }

    /**
     * @param columnName a name
     * @return whether the column exists
     */
    public boolean containsName(final String columnName) {
        return findColumnIndex(columnName) >= 0;
    }

    /**
     * @param index column index
     * @return the column spec
     */
    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns.get(index);
    }

    /**
     * @param column a name
     * @return the column spec or null
     */
    public DataColumnSpec getColumnSpec(final String column) {
        final int i = findColumnIndex(column);
        return i < 0 ? null : m_columns.get(i);
    }

    /** @return number of columns */
    public int getNumColumns() {
        return m_columns.size();
    }

    /** @return the column names in order */
    public String[] getColumnNames() {
        return m_columns.stream().map(DataColumnSpec::getName).toArray(String[]::new);
    }

    /** @return the columns as a stream */
    public Stream<DataColumnSpec> stream() {
        return m_columns.stream();
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return m_columns.iterator();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataTableSpec o && o.m_columns.equals(m_columns);
    }

    @Override
    public int hashCode() {
        return m_columns.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(m_columns.toArray());
    }
}
