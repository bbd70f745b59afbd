package org.knime.node.parameters.persistence;

/** Stand-in marker: the class's fields are persisted as node settings. */
public interface Persistable {
}
