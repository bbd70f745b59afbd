package org.knime.core.node;

/** Stand-in: an execution failure whose message is shown to the user. */
public final class KNIMEException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message the message for the user */
    public KNIMEException(final String message) {
        super(message);
    }

    /**
     * @param message the message for the user
     * @param cause the cause
     */
    public KNIMEException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
