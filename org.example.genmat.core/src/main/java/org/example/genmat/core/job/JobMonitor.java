package org.example.genmat.core.job;

import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Progress and cancellation of any long engine work (a job, training, the surrogate, the study): the one type both
 * faces implement. The CLI prints to standard error (bars on a terminal) and cancels on Ctrl-C; a KNIME node forwards
 * to its execution monitor. Work is reported either as a fraction with a message or as a named stage with a count.
 */
public interface JobMonitor {

    /** Reports nothing, never cancels. */
    JobMonitor NONE = cancelledWhen(() -> false);

    /**
     * @param fraction done so far, 0..1, or NaN when unknown
     * @param message  what is being done
     */
    void progress(double fraction, String message);

    /**
     * {@code done} of {@code total} units of {@code stage} are finished (a stage is a phase with its own count, such as
     * "training VAE" or "sampling uniform"). Default: the fraction with the message "stage: done/total".
     */
    default void progress(String stage, long done, long total) {
        progress(stageFraction(done, total), String.format(Locale.ROOT, "%s: %d/%d", stage, done, total));
    }

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

    /** The share of a stage that is done, 0..1 (an empty stage is done). */
    static double stageFraction(long done, long total) {
        return total <= 0 ? 1 : Math.min(1, (double) done / total);
    }

    /** A monitor that reports nothing and is cancelled when {@code cancelled} says so. */
    static JobMonitor cancelledWhen(BooleanSupplier cancelled) {
        return new JobMonitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }
}
