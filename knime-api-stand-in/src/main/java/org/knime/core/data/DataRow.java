package org.knime.core.data;

/** Stand-in for KNIME's table row. */
public interface DataRow extends Iterable<DataCell> {

    /** @return number of cells */
    int getNumCells();

    /** @return the row key */
    RowKey getKey();

    /**
     * @param index cell index
     * @return the cell
     */
    DataCell getCell(int index);
}
