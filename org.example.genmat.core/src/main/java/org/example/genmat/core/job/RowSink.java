package org.example.genmat.core.job;

import java.io.IOException;
import java.util.List;

/**
 * Where a job's output rows go: a CSV file ({@link CsvRowSink}) or a KNIME table. Rows come in output order, their
 * values in the order and with the types of the table's {@link TableSchema}.
 */
@FunctionalInterface
public interface RowSink {

    /**
     * @param key    a row key unique within the table (KNIME row keys; a CSV file does not write it)
     * @param values one value per column, see {@link Column.Type}
     * @throws IOException when the row cannot be written
     */
    void accept(String key, List<Object> values) throws IOException;
}
