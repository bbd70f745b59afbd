package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;

/** Stand-in for KNIME's {@code StringCell}. */
public final class StringCell extends OneValueCell implements StringValue {

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
    Object value() {
        return m_value;
    }
}
