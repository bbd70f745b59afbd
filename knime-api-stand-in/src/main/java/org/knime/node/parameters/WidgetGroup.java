package org.knime.node.parameters;

/** Stand-in marker: the class's annotated fields become dialog widgets. */
public interface WidgetGroup {
}
