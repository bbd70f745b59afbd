package org.example.genmat.core.job;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a job's rows as CSV: the schema's names as header, each value as {@link Column#text(Object)}. */
public final class CsvRowSink implements RowSink, AutoCloseable {

    private final CSVPrinter printer;
    private final int width;

    /** Writes the header at once; {@link #close()} flushes and closes the writer. */
    public CsvRowSink(Writer out, TableSchema schema) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        this.width = schema.size();
        printer.printRecord(schema.names());
    }

    /** Writes a whole table (header and rows, keyed by their position) and closes {@code out}. */
    public static void write(Writer out, TableSchema schema, List<List<Object>> rows) throws IOException {
        try (CsvRowSink sink = new CsvRowSink(out, schema)) {
            long i = 0;
            for (List<Object> row : rows) {
                sink.accept(Long.toString(i++), row);
            }
        }
    }

    @Override
    public void accept(String key, List<Object> values) throws IOException {
        if (values.size() != width) {
            throw new IllegalArgumentException("row " + key + " has " + values.size() + " values for " + width + " columns");
        }
        List<String> text = new ArrayList<>(width);
        for (Object v : values) {
            text.add(Column.text(v));
        }
        printer.printRecord(text);
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
