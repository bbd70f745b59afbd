package org.knime.node.parameters.widget.choices;

/** Stand-in: provides typed string choices (columns). */
public non-sealed interface TypedStringChoicesProvider extends ChoicesStateProvider<TypedStringChoice> {
}
