package org.example.genmat.core.model;

import java.io.IOException;

/** A {@code .genmat} file that is damaged, truncated, of an unknown version, inconsistent or hostile. */
public final class InvalidModelException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }
}
