package org.knime.core.data;

import java.io.Serializable;

/** Stand-in for KNIME's immutable table cell. */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    /** @return the type of this cell, derived from its class */
    public final DataType getType() {
        return DataType.getType(getClass());
    }

    /** @return whether this is the missing cell */
    public boolean isMissing() {
        return false;
    }

    /**
     * @param dc a cell of the same class
     * @return whether the content equals
     */
    protected abstract boolean equalsDataCell(DataCell dc);

    @Override
    public final boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (obj == null || obj.getClass() != getClass()) {
            return false;
        }
        return equalsDataCell((DataCell)obj);
    }

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();
}
