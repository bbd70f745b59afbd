package org.example.genmat.nodes;

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
}
