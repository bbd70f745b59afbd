package org.example.genmat.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.example.genmat.core.surrogate.Progress;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.TrainingListener;

/**
 * Progress bars on standard error: redrawn in place on a terminal, otherwise one line per tenth (so
 * logs stay short). Cancellation follows a flag that the command's shutdown hook sets (Ctrl-C).
 */
final class ConsoleProgress implements Progress {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private final AtomicBoolean cancelled;
    private String stage = "";
    private long startNanos;
    private long lastDraw;
    private int lastTenth = -1;

    ConsoleProgress(AtomicBoolean cancelled) {
        this.err = System.err;
        this.terminal = System.console() != null;
        this.cancelled = cancelled;
    }

    @Override
    public synchronized void update(String what, long done, long total) {
        long now = System.nanoTime();
        if (!what.equals(stage)) {
            finishLine();
            stage = what;
            startNanos = now;
            lastTenth = -1;
            lastDraw = 0;
        }
        double frac = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int tenth = (int) (frac * 10);
        boolean end = done >= total;
        if (terminal) {
            if (!end && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = (int) Math.round(frac * WIDTH);
            err.printf(Locale.ROOT, "\r%-46.46s [%s%s] %3.0f%% %6.1fs", what, "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * frac,
                (now - startNanos) / 1e9);
            if (end) {
                err.println();
                stage = "";
            }
        } else if (tenth != lastTenth || end) {
            lastTenth = tenth;
            err.printf(Locale.ROOT, "%s: %d/%d (%.0f%%, %.1f s)%n", what, done, total, 100 * frac, (now - startNanos) / 1e9);
            if (end) {
                stage = "";
            }
        }
        err.flush();
    }

    private void finishLine() {
        if (terminal && !stage.isEmpty()) {
            err.println();
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** A training listener that draws a bar with the latest losses in the stage name. */
    TrainingListener training(String name) {
        return new TrainingListener() {
            @Override
            public void onProgress(int step, int totalSteps, HistoryRow r) {
                update("training " + name, step, totalSteps);
            }

            @Override
            public boolean isCancelled() {
                return cancelled();
            }
        };
    }
}
