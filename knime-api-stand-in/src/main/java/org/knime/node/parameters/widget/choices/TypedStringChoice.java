package org.knime.node.parameters.widget.choices;

import org.knime.core.data.DataColumnSpec;

/**
 * Stand-in: a choice with a type (columns).
 *
 * @param id the value (column name)
 * @param type type name
 */
public record TypedStringChoice(String id, String type) {

    /**
     * @param colSpec a column
     * @return a choice for it
     */
    public static TypedStringChoice fromColSpec(final DataColumnSpec colSpec) {
        return new TypedStringChoice(colSpec.getName(), colSpec.getType().getName());
    }
}
