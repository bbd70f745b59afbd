package org.example.genmat.core.io;

/** A problem in one input, with the 1-based line it was found on (0 when no line applies). */
final class CifException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    CifException(int line, String message) {
        super(message, null, false, false); // no stack trace: these are user-facing messages, and cheap
        this.line = line;
    }

    int line() {
        return line;
    }

    /** "line 12: message" or just the message when no line applies. */
    String describe() {
        return line > 0 ? "line " + line + ": " + getMessage() : getMessage();
    }
}
