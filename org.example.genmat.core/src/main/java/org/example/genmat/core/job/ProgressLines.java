package org.example.genmat.core.job;

import java.util.Locale;

/**
 * The progress lines a console prints for bare fractions ({@link JobMonitor#progress(double, String)}): at most one
 * per interval, each "prefix: message (p %), s s" with the seconds since these lines began. Both faces' console
 * monitors use it (the command line's, and the benchmarks' that print only these lines), so their lines read alike.
 */
public final class ProgressLines {

    private final long everyNanos;
    private final long start = System.nanoTime();
    private long last = start;

    /** Lines at most every {@code everyNanos}; the first is due one interval after construction. */
    public ProgressLines(long everyNanos) {
        this.everyNanos = everyNanos;
    }

    /** The line for this report, or null when the last one (or the start) was less than the interval ago. */
    public synchronized String next(String prefix, double fraction, String message) {
        long now = System.nanoTime();
        if (now - last < everyNanos) {
            return null;
        }
        last = now;
        return String.format(Locale.ROOT, "%s: %s%s, %.1f s", prefix, message,
            Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * fraction), (now - start) / 1e9);
    }
}
