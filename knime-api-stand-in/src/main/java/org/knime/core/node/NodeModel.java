package org.knime.core.node;

/**
 * Stand-in for KNIME's node model base class. Only present so that {@link NodeFactory} has its real type
 * parameter bound; the GenMat nodes use the fluent {@code org.knime.node.DefaultNode} API instead.
 */
public abstract class NodeModel {

    /** Framework constructor. */
    protected NodeModel() {
    }
}
