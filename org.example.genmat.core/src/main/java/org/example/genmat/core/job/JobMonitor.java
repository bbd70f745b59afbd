package org.example.genmat.core.job;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * Called about once a second while {@link #await} waits for work that reports nothing itself, so that a face can show
     * that the current stage still runs (the console redraws its bar with the time spent). Default: nothing.
     */
    default void stillWorking() {
    }

    /** True when the user asked to stop. */
    boolean cancelled();

    /** Throws {@link CancellationException} when cancelled; jobs call it between rows or batches. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Runs {@code work} that cannot look at this monitor itself (one matrix factorisation of many seconds) on a daemon
     * thread and waits for it, looking for a cancel every 50 ms, so that a cancel stops the job within a second:
     * cancelled, it throws {@link CancellationException} at once, interrupts the work and leaves it to end unseen.
     *
     * @return the work's result; its unchecked exception is rethrown as it is
     */
    default <T> T await(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "genmat-cancellable-work");
        t.setDaemon(true);
        t.start();
        long lastSign = System.nanoTime();
        while (!cancelled()) {
            try {
                return task.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // not done: look for a cancel again
                if (System.nanoTime() - lastSign >= 1_000_000_000L) {
                    lastSign = System.nanoTime();
                    stillWorking();
                }
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        task.cancel(true);
        throw new CancellationException("cancelled");
    }

    /**
     * This monitor with the stage {@code from} reported as {@code to} (the demo's second VAE plan trains the VAE family
     * but is shown as "training VAE-wide"); everything else is passed on unchanged.
     */
    default JobMonitor renamingStage(String from, String to) {
        JobMonitor outer = this;
        return new JobMonitor() {
            @Override
            public void progress(double fraction, String message) {
                outer.progress(fraction, message);
            }

            @Override
            public void progress(String stage, long done, long total) {
                outer.progress(stage.equals(from) ? to : stage, done, total);
            }

            @Override
            public void warning(String message) {
                outer.warning(message);
            }

            @Override
            public void stillWorking() {
                outer.stillWorking();
            }

            @Override
            public boolean cancelled() {
                return outer.cancelled();
            }

            @Override
            public void checkCancelled() {
                outer.checkCancelled();
            }
        };
    }

    /** The share of a stage that is done, 0..1 (an empty stage is done). */
    static double stageFraction(long done, long total) {
        return total <= 0 ? 1 : Math.min(1, (double) done / total);
    }

    /** A monitor that passes each warning to {@code warnings} and nothing else, never cancelled (a caller collecting them). */
    static JobMonitor warningsTo(java.util.function.Consumer<String> warnings) {
        return new JobMonitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public void warning(String message) {
                warnings.accept(message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
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
