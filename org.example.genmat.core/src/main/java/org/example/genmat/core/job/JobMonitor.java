package org.example.genmat.core.job;

import java.util.concurrent.CancellationException;

/**
 * Progress and cancellation of a job: the CLI prints to stderr and never cancels (Ctrl-C ends the process), a KNIME
 * node forwards to its execution context.
 */
public interface JobMonitor {

    /** Reports nothing, never cancels. */
    JobMonitor NONE = new JobMonitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * @param fraction done so far, 0..1, or NaN when unknown
     * @param message  what is being done
     */
    void progress(double fraction, String message);

    /**
     * Something the user should know that does not stop the job, such as a skipped input row (the message names
     * the file or row). Default: ignored.
     */
    default void warning(String message) {
    }

    /** True when the user asked to stop. */
    boolean cancelled();

    /** Throws {@link CancellationException} when cancelled; jobs call it between rows or batches. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
