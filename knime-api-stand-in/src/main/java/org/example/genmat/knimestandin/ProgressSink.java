package org.example.genmat.knimestandin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a node reports while it executes, as KNIME's progress monitor would see it: the fraction, the message,
 * and the cancel request (set from any thread). Thread-safe.
 */
public final class ProgressSink {

    /** One progress report. */
    public record Report(long nanoTime, double fraction, String message) {
    }

    private final AtomicBoolean m_cancelled = new AtomicBoolean();

    private final List<Report> m_reports = new ArrayList<>();

    private volatile double m_fraction;

    private volatile String m_message = "";

    private volatile long m_lastCancelCheckNanos = System.nanoTime();

    /** Request cancellation: the next {@code checkCanceled()} throws. */
    public void cancel() {
        m_cancelled.set(true);
    }

    /** @return whether cancellation was requested */
    public boolean isCancelled() {
        return m_cancelled.get();
    }

    /** Records that the node looked at the cancel flag. */
    public void cancelChecked() {
        m_lastCancelCheckNanos = System.nanoTime();
    }

    /** @return System.nanoTime of the node's last cancel check */
    public long lastCancelCheckNanos() {
        return m_lastCancelCheckNanos;
    }

    /**
     * @param fraction overall fraction 0..1 or NaN to keep
     * @param message message or null to keep
     */
    public synchronized void report(final double fraction, final String message) {
        if (!Double.isNaN(fraction)) {
            m_fraction = Math.max(0, Math.min(1, fraction));
        }
        if (message != null) {
            m_message = message;
        }
        m_reports.add(new Report(System.nanoTime(), m_fraction, m_message));
    }

    /** @return current overall fraction */
    public double fraction() {
        return m_fraction;
    }

    /** @return current message */
    public String message() {
        return m_message;
    }

    /** @return a copy of all reports so far */
    public synchronized List<Report> reports() {
        return new ArrayList<>(m_reports);
    }
}
