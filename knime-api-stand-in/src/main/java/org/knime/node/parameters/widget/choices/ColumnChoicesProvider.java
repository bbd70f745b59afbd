package org.knime.node.parameters.widget.choices;

import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.NodeParametersInput;

/** Stand-in: provides column choices. */
public interface ColumnChoicesProvider extends TypedStringChoicesProvider {

    @Override
    default void init(final StateProviderInitializer initializer) {
        initializer.computeBeforeOpenDialog();
    }

    /**
     * @param context the node's input
     * @return the columns
     */
    default List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
        throw new IllegalStateException("At least one method must be implemented: "
            + "ColumnChoicesProvider.columnChoices or ColumnChoicesProvider.computeState");
    }

    @Override
    default List<TypedStringChoice> computeState(final NodeParametersInput context) {
        return columnChoices(context).stream().map(TypedStringChoice::fromColSpec).toList();
    }
}
