package org.knime.core.data.def;

import org.knime.core.data.DataCell;

/**
 * What the stand-in's one-value cells ({@link IntCell}, {@link LongCell}, {@link DoubleCell}, {@link StringCell})
 * share: equality, hash code and text of their value, as KNIME's cells define them (Integer/Long/Double/String
 * semantics). Package-private, so the public view of each cell stays KNIME 5.8's: extends {@link DataCell}, the same
 * interfaces and public methods.
 */
abstract class OneValueCell extends DataCell {

    private static final long serialVersionUID = 1L;

    /** @return the cell's value, boxed (cells keep it unboxed) */
    abstract Object value();

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return value().equals(((OneValueCell)dc).value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return value().toString();
    }
}
