package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;

/** Stand-in: read access to node settings. */
public interface NodeSettingsRO extends ConfigRO {

    /**
     * @param key key of a child
     * @return the child
     * @throws InvalidSettingsException if absent
     */
    NodeSettingsRO getNodeSettings(String key) throws InvalidSettingsException;
}
