package org.knime.core.node;

/** Stand-in: the user cancelled the execution. */
public class CanceledExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Without message. */
    public CanceledExecutionException() {
        super();
    }

    /** @param s the message */
    public CanceledExecutionException(final String s) {
        super(s);
    }
}
