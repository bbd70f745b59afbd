package org.knime.core.data.def;

import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/** Stand-in for KNIME's {@code DoubleCell}. */
public final class DoubleCell extends OneValueCell implements DoubleValue {

    private static final long serialVersionUID = 1L;

    /** The column type of this cell. */
    public static final DataType TYPE = DataType.getType(DoubleCell.class);

    private final double m_value;

    /** @param value the value */
    public DoubleCell(final double value) {
        m_value = value;
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
