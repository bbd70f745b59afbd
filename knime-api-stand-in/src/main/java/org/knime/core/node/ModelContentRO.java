package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;

/** Stand-in: read access to a model content tree. */
public interface ModelContentRO extends ConfigRO {

    /**
     * @param key key of a child
     * @return the child
     * @throws InvalidSettingsException if absent
     */
    ModelContentRO getModelContent(String key) throws InvalidSettingsException;
}
