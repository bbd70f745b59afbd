package org.knime.core.data;

import java.util.Iterator;

/** Stand-in for KNIME's row iterator. */
public abstract class RowIterator implements Iterator<DataRow> {

    @Override
    public abstract boolean hasNext();

    @Override
    public abstract DataRow next();
}
