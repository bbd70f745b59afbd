package org.knime.core.node;

/** Stand-in: settings or input specs do not allow configuring a node. */
public class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param s the message */
    public InvalidSettingsException(final String s) {
        super(s);
    }

    /** @param cause the cause */
    public InvalidSettingsException(final Throwable cause) {
        super(cause);
    }

    /**
     * @param msg the message
     * @param cause the cause
     */
    public InvalidSettingsException(final String msg, final Throwable cause) {
        super(msg, cause);
    }
}
