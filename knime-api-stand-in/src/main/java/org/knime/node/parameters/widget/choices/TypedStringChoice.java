package org.knime.node.parameters.widget.choices;

import org.knime.core.data.DataColumnSpec;

/**
 * Stand-in: a choice with a type (columns), shaped as KNIME 5.8's record {@code (id, text, type)}.
 *
 * @param id the value (column name)
 * @param text the displayed text
 * @param type the type of the choice
 */
public record TypedStringChoice(String id, String text, PossibleTypeValue type) {

    /**
     * A type that can be associated with a value.
     *
     * @param id identifying the type
     * @param text displayed for the type
     */
    public static record PossibleTypeValue(String id, String text) {
    }

    /**
     * @param colSpec a column
     * @return a choice for it (KNIME derives the type's id through an internal utility; here the cell class name)
     */
    public static TypedStringChoice fromColSpec(final DataColumnSpec colSpec) {
        final String name = colSpec.getName();
        return new TypedStringChoice(name, name, new PossibleTypeValue(
            colSpec.getType().getCellClass().getName(), colSpec.getType().getName()));
    }
}
