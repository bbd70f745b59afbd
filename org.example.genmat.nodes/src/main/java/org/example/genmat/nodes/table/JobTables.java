package org.example.genmat.nodes.table;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.job.TableSchema;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.BooleanCell.BooleanCellFactory;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;

/**
 * A job's output tables in KNIME form: the table spec of a {@link TableSchema} (the one definition of names, types
 * and order that {@code genmat} writes as CSV) and a {@link RowSink} that turns the job's values into cells.
 */
public final class JobTables {

    private JobTables() {
    }

    /**
     * @param type a job column type
     * @return its KNIME cell type
     */
    public static DataType typeOf(final Column.Type type) {
        return switch (type) {
            case DOUBLE -> DoubleCell.TYPE;
            case INT -> IntCell.TYPE;
            case LONG -> LongCell.TYPE;
            case BOOLEAN -> BooleanCell.TYPE;
            default -> StringCell.TYPE;
        };
    }

    /**
     * @param columns job columns
     * @return their column specs
     */
    public static List<DataColumnSpec> columnSpecs(final List<Column> columns) {
        final List<DataColumnSpec> specs = new ArrayList<>(columns.size());
        for (Column c : columns) {
            specs.add(new DataColumnSpecCreator(c.name(), typeOf(c.type())).createSpec());
        }
        return specs;
    }

    /**
     * @param schema a job table schema
     * @return the KNIME table spec with the same columns
     */
    public static DataTableSpec spec(final TableSchema schema) {
        return new DataTableSpec(columnSpecs(schema.columns()).toArray(DataColumnSpec[]::new));
    }

    /**
     * @param value a job value (null, text, or a number or boolean matching the column)
     * @param type the column type
     * @return the cell; missing for null, empty text or NaN
     */
    public static DataCell cell(final Object value, final Column.Type type) {
        if (value == null) {
            return DataType.getMissingCell();
        }
        if (value instanceof String s) {
            return type == Column.Type.STRING ? Cells.string(s) : Cells.parse(s, typeOf(type));
        }
        return switch (type) {
            case DOUBLE -> Cells.number(((Number)value).doubleValue());
            case INT -> new IntCell(((Number)value).intValue());
            case LONG -> new LongCell(((Number)value).longValue());
            case BOOLEAN -> BooleanCellFactory.create((Boolean)value);
            default -> new StringCell(value.toString());
        };
    }

    /**
     * @param values a job row
     * @param columns the columns of the row
     * @return its cells
     */
    public static List<DataCell> cells(final List<Object> values, final List<Column> columns) {
        final List<DataCell> cells = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            cells.add(cell(values.get(i), columns.get(i).type()));
        }
        return cells;
    }

    /**
     * @param container the node's output container, created with {@link #spec(TableSchema)}
     * @param schema the job table schema
     * @return a sink adding each job row with the job's row key
     */
    public static RowSink sink(final BufferedDataContainer container, final TableSchema schema) {
        return (key, values) -> container.addRowToTable(new DefaultRow(new RowKey(key), cells(values, schema.columns())));
    }
}
