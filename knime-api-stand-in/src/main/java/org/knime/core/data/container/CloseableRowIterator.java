package org.knime.core.data.container;

import org.knime.core.data.RowIterator;

/** Stand-in for KNIME's row iterator that must be closed (use try-with-resources). */
public abstract class CloseableRowIterator extends RowIterator implements AutoCloseable {

    @Override
    public abstract void close();
}
