package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.LongValue;

/** Stand-in for KNIME's {@code LongCell}. */
public class LongCell extends OneValueCell implements LongValue, DoubleValue {

    private static final long serialVersionUID = 1L;

    /** The column type of this cell. */
    public static final DataType TYPE = DataType.getType(LongCell.class);

    private final long m_value;

    /** @param value the value */
    public LongCell(final long value) {
        m_value = value;
    }

    @Override
    public long getLongValue() {
        return m_value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    Object value() {
        return m_value;
    }
}
