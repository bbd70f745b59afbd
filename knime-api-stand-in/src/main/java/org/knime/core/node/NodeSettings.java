package org.knime.core.node;

import org.example.genmat.knimestandin.MapConfig;

/** Stand-in: node settings, kept in memory (see {@link MapConfig}). */
public final class NodeSettings extends MapConfig implements NodeSettingsRO, NodeSettingsWO {

    private static final long serialVersionUID = 1L;

    /** @param key the key of these settings */
    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return putChild(key, new NodeSettings(key));
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        return child(key, NodeSettings.class);
    }
}
