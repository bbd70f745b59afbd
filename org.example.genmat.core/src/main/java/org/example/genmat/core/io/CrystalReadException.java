package org.example.genmat.core.io;

/** Raised by {@link CrystalReader} in fail-fast mode at the first bad input; the message names file, line and problem. */
public final class CrystalReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CrystalReadException(String message) {
        super(message, null, false, false);
    }
}
