package org.knime.core.data;

/** Stand-in for KNIME's readable table. */
public interface DataTable extends Iterable<DataRow> {

    /** @return the spec */
    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
