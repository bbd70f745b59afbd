package org.knime.node.parameters;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.persistence.Persistable;

/**
 * Stand-in for KNIME's declarative node parameters: fields (boolean, int, long, double, String, String[], enums)
 * are persisted; fields with {@link Widget} become dialog widgets. Needs a no-arg constructor and optionally one
 * taking {@link NodeParametersInput}.
 */
public interface NodeParameters extends Persistable, WidgetGroup {

    /**
     * Validates loaded parameters.
     *
     * @throws InvalidSettingsException if they cannot be applied
     */
    default void validate() throws InvalidSettingsException {
        // none by default
    }
}
