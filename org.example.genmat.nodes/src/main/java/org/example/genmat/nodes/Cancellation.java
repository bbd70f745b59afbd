package org.example.genmat.nodes;

import org.example.genmat.core.job.JobMonitor;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** KNIME's cancellation as the engine asks for it: a yes/no question instead of an exception. */
public final class Cancellation {

    private Cancellation() {
    }

    /**
     * @param exec the node's execution monitor
     * @return whether the user has cancelled the execution
     */
    public static boolean requested(final ExecutionMonitor exec) {
        try {
            exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }

    /**
     * @param exec the node's execution monitor
     * @return the engine's job monitor: progress to KNIME's progress bar, cancellation from KNIME's cancel button
     */
    public static JobMonitor monitor(final ExecutionMonitor exec) {
        return new JobMonitor() {
            @Override
            public void progress(final double fraction, final String message) {
                if (Double.isNaN(fraction)) {
                    exec.setMessage(message);
                } else {
                    exec.setProgress(fraction, message);
                }
            }

            @Override
            public boolean cancelled() {
                return requested(exec);
            }
        };
    }
}
