package org.knime.core.data;

import java.util.Objects;

/** Stand-in for KNIME's column spec: name and type. Created through {@link DataColumnSpecCreator}. */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    DataColumnSpec(final String name, final DataType type) {
        m_name = Objects.requireNonNull(name, "name");
        m_type = Objects.requireNonNull(type, "type");
    }

    /** @return the column name */
    public String getName() {
        return m_name;
    }

    /** @return the column type */
    public DataType getType() {
        return m_type;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataColumnSpec o && o.m_name.equals(m_name) && o.m_type.equals(m_type);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() * 31 + m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
