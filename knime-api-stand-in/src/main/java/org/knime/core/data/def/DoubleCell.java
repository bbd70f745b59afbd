package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/** Stand-in for KNIME's {@code DoubleCell}. */
public final class DoubleCell extends DataCell implements DoubleValue {

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
    protected boolean equalsDataCell(final DataCell dc) {
        return java.util.Objects.equals(((DoubleCell)dc).m_value, m_value);
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
