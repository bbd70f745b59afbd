package org.knime.core.data;

import java.util.Objects;

/** Stand-in for KNIME's row identifier. */
public final class RowKey {

    private final String m_id;

    /** @param id the row ID */
    public RowKey(final String id) {
        m_id = Objects.requireNonNull(id, "id");
    }

    /**
     * @param rowIndex a row index
     * @return "Row" + index
     */
    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }

    /** @return the row ID */
    public String getString() {
        return m_id;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof RowKey o && o.m_id.equals(m_id);
    }

    @Override
    public int hashCode() {
        return m_id.hashCode();
    }

    @Override
    public String toString() {
        return m_id;
    }
}
