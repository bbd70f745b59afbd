package org.knime.node.parameters.updates;

import org.knime.node.parameters.NodeParametersInput;

/**
 * Stand-in: provides dialog state (here: choices) from the node's input.
 *
 * @param <S> state type
 */
public interface StateProvider<S> {

    /** Configures when the state is computed (stand-in keeps only the "before the dialog opens" trigger). */
    interface StateProviderInitializer {
        /** Compute synchronously when the dialog opens. */
        void computeBeforeOpenDialog();

        /** Compute asynchronously after the dialog opened. */
        void computeAfterOpenDialog();
    }

    /** @param initializer configures triggers */
    void init(StateProviderInitializer initializer);

    /**
     * @param context the node's input
     * @return the state
     */
    S computeState(NodeParametersInput context);
}
