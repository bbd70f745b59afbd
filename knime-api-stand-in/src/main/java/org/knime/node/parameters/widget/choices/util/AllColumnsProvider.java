package org.knime.node.parameters.widget.choices.util;

import org.knime.core.data.DataColumnSpec;

/** Stand-in: offers all columns of the first input table. */
public class AllColumnsProvider implements FilteredInputTableColumnsProvider {

    @Override
    public boolean isIncluded(final DataColumnSpec col) {
        return true;
    }
}
