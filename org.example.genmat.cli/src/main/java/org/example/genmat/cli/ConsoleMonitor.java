package org.example.genmat.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.ProgressLines;

/**
 * The commands' job monitor, printing to standard error. A stage (training a model, sampling, the surrogate's fits) is
 * a progress bar redrawn in place on a terminal and otherwise one line per tenth; a bare fraction is a line at most
 * every few seconds; warnings are always printed. Logs stay short either way. Cancelled on Ctrl-C ({@link CtrlC}) or
 * when the thread is interrupted.
 */
final class ConsoleMonitor implements JobMonitor {

    private static final long FRACTION_EVERY_NANOS = 5_000_000_000L;
    private static final long REDRAW_EVERY_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final String command;
    private final BooleanSupplier cancelRequested;
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private final ProgressLines fractionLines = new ProgressLines(FRACTION_EVERY_NANOS);
    private String stage = "";
    private long stageStart;
    private long lastDraw;
    private int lastTenth = -1;
    private long lastDone;
    private long lastTotal;

    /** A monitor whose lines start with {@code command}, cancelled once {@code cancelRequested} says so ({@link CtrlC}). */
    ConsoleMonitor(String command, BooleanSupplier cancelRequested) {
        this.command = command;
        this.cancelRequested = cancelRequested;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        String line = fractionLines.next(command, fraction, message);
        if (line != null) {
            endBar();
            err.println(line);
        }
    }

    @Override
    public synchronized void progress(String what, long done, long total) {
        long now = System.nanoTime();
        if (!what.equals(stage)) {
            endBar();
            stage = what;
            stageStart = now;
            lastTenth = -1;
            lastDraw = 0;
        }
        lastDone = done;
        lastTotal = total;
        double fraction = JobMonitor.stageFraction(done, total);
        int tenth = (int) (fraction * 10);
        boolean end = done >= total;
        if (terminal) {
            if (!end && now - lastDraw < REDRAW_EVERY_NANOS) {
                return;
            }
            lastDraw = now;
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            err.printf(Locale.ROOT, "\r%-46.46s [%s%s] %3.0f%% %6.1fs", what, "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                100 * fraction, (now - stageStart) / 1e9);
            if (end) {
                err.println();
                stage = "";
            }
        } else if (tenth != lastTenth || end) {
            lastTenth = tenth;
            err.printf(Locale.ROOT, "%s: %d/%d (%.0f%%, %.1f s)%n", what, done, total, 100 * fraction, (now - stageStart) / 1e9);
            if (end) {
                stage = "";
            }
        }
        err.flush();
    }

    /** On a terminal the current stage's bar is redrawn with the time spent, so a long fit visibly goes on. */
    @Override
    public synchronized void stillWorking() {
        if (terminal && !stage.isEmpty()) {
            progress(stage, lastDone, lastTotal);
        }
    }

    /** Every warning is printed (a skipped row names its file and line). */
    @Override
    public synchronized void warning(String message) {
        endBar();
        err.println(command + ": " + message);
    }

    @Override
    public boolean cancelled() {
        return cancelRequested.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** Seconds since the monitor was made. */
    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Ends a bar drawn in place, so that the next line starts on its own line. */
    private void endBar() {
        if (terminal && !stage.isEmpty()) {
            err.println();
            stage = "";
        }
    }
}
