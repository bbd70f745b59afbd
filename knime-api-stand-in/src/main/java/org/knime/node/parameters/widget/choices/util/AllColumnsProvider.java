package org.knime.node.parameters.widget.choices.util;

import java.util.List;
import java.util.stream.Stream;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.widget.choices.ColumnChoicesProvider;

/** Stand-in: offers all columns of an input table (the first by default). */
public class AllColumnsProvider implements ColumnChoicesProvider, InputTableIndexHolder {

    @Override
    public List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
        return context.getInTableSpec(getInputTableIndex()).map(DataTableSpec::stream).orElseGet(Stream::empty)
            .toList();
    }
}
