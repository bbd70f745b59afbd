package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.LongValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.DoubleValue;

/** Stand-in for KNIME's boolean cell (two singletons, created through {@link BooleanCellFactory}). */
public final class BooleanCell extends DataCell implements BooleanValue, IntValue, LongValue, DoubleValue {

    private static final long serialVersionUID = 1L;

    /** The column type of this cell. */
    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    /** True. */
    public static final BooleanCell TRUE = new BooleanCell(true);

    /** False. */
    public static final BooleanCell FALSE = new BooleanCell(false);

    private final boolean m_value;

    private BooleanCell(final boolean value) {
        m_value = value;
    }

    /** Factory for boolean cells. */
    public static final class BooleanCellFactory {

        private BooleanCellFactory() {
        }

        /**
         * @param b the value
         * @return {@link BooleanCell#TRUE} or {@link BooleanCell#FALSE} (declared as DataCell, as in KNIME)
         */
        public static DataCell create(final boolean b) {
            return b ? TRUE : FALSE;
        }
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public long getLongValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public double getDoubleValue() {
        return m_value ? 1 : 0;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((BooleanCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }
}
