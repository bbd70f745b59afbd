package org.knime.core.node;

import java.util.function.Supplier;

import org.example.genmat.knimestandin.ProgressSink;

/**
 * Stand-in for KNIME's execution monitor: progress (a sub-range of the overall progress), message, cancel check.
 */
public class ExecutionMonitor {

    private final ProgressSink m_sink;

    private final double m_offset;

    private final double m_scale;

    private final boolean m_silent;

    /** A monitor that reports nowhere and is never cancelled. */
    public ExecutionMonitor() {
        this(new ProgressSink());
    }

    /**
     * Stand-in only (KNIME takes a NodeProgressMonitor here).
     *
     * @param sink where progress goes and where cancel comes from
     */
    public ExecutionMonitor(final ProgressSink sink) {
        this(sink, 0, 1, false);
    }

    ExecutionMonitor(final ProgressSink sink, final double offset, final double scale, final boolean silent) {
        m_sink = sink;
        m_offset = offset;
        m_scale = scale;
        m_silent = silent;
    }

    ProgressSink sink() {
        return m_sink;
    }

    double offset() {
        return m_offset;
    }

    double scale() {
        return m_scale;
    }

    boolean silent() {
        return m_silent;
    }

    private double m_progress;

    /**
     * @throws CanceledExecutionException if the user cancelled
     */
    public void checkCanceled() throws CanceledExecutionException {
        m_sink.cancelChecked();
        if (m_sink.isCancelled()) {
            throw new CanceledExecutionException("Execution canceled");
        }
    }

    /** @param progress fraction 0..1 of this monitor's range */
    public void setProgress(final double progress) {
        report(progress, null);
    }

    /**
     * @param progress fraction 0..1 of this monitor's range
     * @param message the message
     */
    public void setProgress(final double progress, final String message) {
        report(progress, message);
    }

    /**
     * @param progress fraction 0..1 of this monitor's range
     * @param messageSupplier the message, computed lazily
     */
    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        report(progress, messageSupplier == null ? null : messageSupplier.get());
    }

    /** @param message the message */
    public void setProgress(final String message) {
        report(Double.NaN, message);
    }

    /** @param message the message */
    public void setMessage(final String message) {
        report(Double.NaN, message);
    }

    private void report(final double progress, final String message) {
        if (!Double.isNaN(progress)) {
            m_progress = progress;
        }
        if (m_silent) {
            if (!Double.isNaN(progress)) {
                m_sink.report(m_offset + m_scale * Math.max(0, Math.min(1, progress)), null);
            }
            return;
        }
        m_sink.report(Double.isNaN(progress) ? Double.NaN : m_offset + m_scale * Math.max(0, Math.min(1, progress)),
            message);
    }

    /** @return this monitor's current progress */
    double progress() {
        return m_progress;
    }

    /**
     * @param maxProg the share 0..1 of this monitor's range
     * @return a monitor for a sub-task (starting at this monitor's current progress)
     */
    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_sink, m_offset + m_scale * m_progress, m_scale * maxProg, m_silent);
    }

    /**
     * @param maxProg the share 0..1 of this monitor's range
     * @return a sub monitor whose messages are not shown
     */
    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_sink, m_offset + m_scale * m_progress, m_scale * maxProg, true);
    }
}
