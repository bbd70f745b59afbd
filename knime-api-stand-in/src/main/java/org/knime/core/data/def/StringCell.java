package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;

/** Stand-in for KNIME's {@code StringCell}. */
public final class StringCell extends DataCell implements StringValue {

    private static final long serialVersionUID = 1L;

    /** The column type of this cell. */
    public static final DataType TYPE = DataType.getType(StringCell.class);

    private final String m_value;

    /** @param value the value */
    public StringCell(final String value) {
        if (value == null) {
            throw new NullPointerException("Value must not be null.");
        }
        m_value = value;
    }

    @Override
    public String getStringValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return java.util.Objects.equals(((StringCell)dc).m_value, m_value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(m_value);
    }

    @Override
    public String toString() {
        return String.valueOf(m_value);
    }
}
