package org.example.genmat.tests.nodes;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.knimestandin.ProgressSink;
import org.example.genmat.knimestandin.Tables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;

/** Appends a numeric column to a table (what a Joiner or Math Formula node would do in a workflow). */
final class PropertyTables {

    private PropertyTables() {
    }

    static BufferedDataTable append(final BufferedDataTable in, final String name, final List<Double> values) {
        final List<DataColumnSpec> cols = new ArrayList<>();
        in.getDataTableSpec().forEach(cols::add);
        cols.add(new DataColumnSpecCreator(name, DoubleCell.TYPE).createSpec());
        final BufferedDataContainer c = new ExecutionContext(new ProgressSink())
            .createDataContainer(new DataTableSpec(cols.toArray(DataColumnSpec[]::new)));
        int i = 0;
        for (DataRow r : Tables.rows(in)) {
            final List<DataCell> cells = new ArrayList<>();
            r.forEach(cells::add);
            cells.add(Tables.cell(values.get(i++)));
            c.addRowToTable(new DefaultRow(r.getKey(), cells));
        }
        c.close();
        return c.getTable();
    }
}
