package org.knime.core.data;

/** Stand-in for KNIME's column spec builder. */
public final class DataColumnSpecCreator {

    private String m_name;

    private DataType m_type;

    /**
     * @param name column name
     * @param type column type
     */
    public DataColumnSpecCreator(final String name, final DataType type) {
        m_name = name;
        m_type = type;
    }

    /** @param name the new name */
    public void setName(final String name) {
        m_name = name;
    }

    /** @param type the new type */
    public void setType(final DataType type) {
        m_type = type;
    }

    /** @return the spec */
    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
