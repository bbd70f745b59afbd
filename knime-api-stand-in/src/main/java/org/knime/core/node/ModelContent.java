package org.knime.core.node;

import org.example.genmat.knimestandin.MapConfig;

/** Stand-in: a model content tree, kept in memory (see {@link MapConfig}). */
public class ModelContent extends MapConfig implements ModelContentRO, ModelContentWO {

    private static final long serialVersionUID = 1L;

    /** @param key the key of this content */
    public ModelContent(final String key) {
        super(key);
    }

    @Override
    public ModelContentWO addModelContent(final String key) {
        return putChild(key, new ModelContent(key));
    }

    @Override
    public ModelContentRO getModelContent(final String key) throws InvalidSettingsException {
        return child(key, ModelContent.class);
    }
}
