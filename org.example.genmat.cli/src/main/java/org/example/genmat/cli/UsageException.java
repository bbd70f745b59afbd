package org.example.genmat.cli;

/**
 * A command line that picocli reads and the command refuses: a value outside the engine's range, options that do not
 * go together, an option given in a mode it does not act in. {@link GenmatCli} reports it as it reports picocli's own
 * usage errors (docs/reliability.md): one line naming the option, the pointer to the help, exit status 2.
 */
final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, starting with the option ({@code --n: the number of samples must be ...}) */
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
