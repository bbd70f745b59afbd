package org.example.genmat.cli;

import java.util.Locale;

import org.example.genmat.core.job.JobMonitor;

/**
 * A job's progress as a line on standard error at most every few seconds (logs stay short); a command is stopped
 * by Ctrl-C, which ends the process, so only an interrupted thread counts as cancelled.
 */
final class StderrMonitor implements JobMonitor {

    private static final long EVERY_NANOS = 5_000_000_000L;
    private final String command;
    private final long start = System.nanoTime();
    private long last = start;

    StderrMonitor(String command) {
        this.command = command;
    }

    @Override
    public void progress(double fraction, String message) {
        long now = System.nanoTime();
        if (now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        System.err.printf(Locale.ROOT, "%s: %s%s, %.1f s%n", command, message,
            Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * fraction), (now - start) / 1e9);
    }

    /** Every warning is printed (a skipped row names its file and line). */
    @Override
    public void warning(String message) {
        System.err.println(command + ": " + message);
    }

    @Override
    public boolean cancelled() {
        return Thread.currentThread().isInterrupted();
    }

    /** Seconds since the monitor was made. */
    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
