package org.example.genmat.core.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of one output table, in order: names and types. The one definition both faces use: the CLI's CSV
 * header and cell text ({@link CsvRowSink}), the KNIME node's table spec and cells.
 *
 * @param columns the columns in order, names unique
 */
public record TableSchema(List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " appears twice");
            }
        }
    }

    public static TableSchema of(Column... columns) {
        return new TableSchema(List.of(columns));
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public int size() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    /** Index of a column by name, -1 when absent. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** This schema followed by other columns. */
    public TableSchema append(List<Column> more) {
        List<Column> all = new ArrayList<>(columns);
        all.addAll(more);
        return new TableSchema(all);
    }
}
