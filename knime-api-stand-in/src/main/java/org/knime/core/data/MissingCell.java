package org.knime.core.data;

/** Stand-in for KNIME's missing cell (optionally with an error message). */
public final class MissingCell extends DataCell {

    private static final long serialVersionUID = 1L;

    private final String m_error;

    /** @param error the reason for the missing value, may be null */
    public MissingCell(final String error) {
        m_error = error;
    }

    /** @return the reason, may be null */
    public String getError() {
        return m_error;
    }

    @Override
    public boolean isMissing() {
        return true;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return true;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "?";
    }
}
