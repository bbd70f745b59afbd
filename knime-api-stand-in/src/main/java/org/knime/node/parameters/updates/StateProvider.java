package org.knime.node.parameters.updates;

import java.util.function.Supplier;

import org.knime.node.parameters.NodeParametersInput;

/**
 * Stand-in: provides dialog state (here: choices) from the node's input.
 *
 * @param <S> state type
 */
public interface StateProvider<S> {

    /**
     * Configures when the state is computed and which other settings it reads (stand-in: the dialog-open triggers and
     * the value dependencies).
     */
    interface StateProviderInitializer {
        /** @return the node's input (specs) */
        NodeParametersInput getNodeParametersInput();

        /**
         * Recompute the state whenever the referenced setting changes.
         *
         * @param <T> the setting's type
         * @param ref the setting's {@link ParameterReference}
         * @return its current value, for {@link StateProvider#computeState}
         */
        <T> Supplier<T> computeFromValueSupplier(Class<? extends ParameterReference<T>> ref);

        /**
         * Read the referenced setting without recomputing on its change.
         *
         * @param <T> the setting's type
         * @param ref the setting's {@link ParameterReference}
         * @return its current value
         */
        <T> Supplier<T> getValueSupplier(Class<? extends ParameterReference<T>> ref);

        /**
         * @param <T> the setting's type
         * @param id  recompute whenever this setting changes
         */
        <T> void computeOnValueChange(Class<? extends ParameterReference<T>> id);

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
