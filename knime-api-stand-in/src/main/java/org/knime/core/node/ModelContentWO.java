package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Stand-in: write access to a model content tree. */
public interface ModelContentWO extends ConfigWO {

    /**
     * @param key key of the new child
     * @return the child
     */
    ModelContentWO addModelContent(String key);
}
