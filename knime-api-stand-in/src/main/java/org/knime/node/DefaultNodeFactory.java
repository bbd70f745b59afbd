package org.knime.node;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;

/**
 * Stand-in for KNIME 5.8's factory of fluent nodes. Subclasses have a public no-arg constructor calling
 * {@code super(NODE)}. (KNIME's class extends ConfigurableNodeFactory; the stand-in keeps only what nodes touch.)
 */
public abstract class DefaultNodeFactory extends NodeFactory<NodeModel> {

    final DefaultNode m_node;

    /** @param node the node definition */
    protected DefaultNodeFactory(final DefaultNode node) {
        m_node = node;
    }
}
