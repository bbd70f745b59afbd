package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Stand-in: write access to node settings. */
public interface NodeSettingsWO extends ConfigWO {

    /**
     * @param key key of the new child
     * @return the child
     */
    NodeSettingsWO addNodeSettings(String key);
}
