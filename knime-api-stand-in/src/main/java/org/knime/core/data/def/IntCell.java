package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.LongValue;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;

/** Stand-in for KNIME's {@code IntCell}. */
public class IntCell extends OneValueCell implements IntValue, DoubleValue, LongValue {

    private static final long serialVersionUID = 1L;

    /** The column type of this cell. */
    public static final DataType TYPE = DataType.getType(IntCell.class);

    private final int m_value;

    /** @param value the value */
    public IntCell(final int value) {
        m_value = value;
    }

    @Override
    public int getIntValue() {
        return m_value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    public long getLongValue() {
        return m_value;
    }

    @Override
    Object value() {
        return m_value;
    }
}
