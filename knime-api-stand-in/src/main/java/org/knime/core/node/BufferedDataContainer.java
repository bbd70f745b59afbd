package org.knime.core.node;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;

/**
 * Stand-in for KNIME's table builder. Checks what KNIME checks when a row is added: cell count, cell types
 * against the spec (missing cells always allowed) and unique row keys. Like KNIME's, it keeps a small table in
 * memory and writes a large one to a temporary file (more than {@value #DEFAULT_ROWS_IN_MEMORY} rows, or the
 * system property {@code genmat.standin.rowsInMemory}); duplicate keys of a written table are found at
 * {@link #close()}, as KNIME's duplicate checker does for large tables.
 */
public class BufferedDataContainer {

    /** Rows kept in memory before the table goes to disk. */
    static final int DEFAULT_ROWS_IN_MEMORY = 10_000;

    private static final int ROWS_IN_MEMORY =
        Integer.getInteger("genmat.standin.rowsInMemory", DEFAULT_ROWS_IN_MEMORY);

    private final DataTableSpec m_spec;

    private List<DataRow> m_rows = new ArrayList<>();

    private Set<String> m_keys = new HashSet<>();

    private Path m_file;

    private DataOutputStream m_out;

    private long[] m_hashes;

    private long m_size;

    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    /** @param row the row to append */
    public void addRowToTable(final DataRow row) {
        if (m_table != null) {
            throw new IllegalStateException("Container is closed.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey() + "\" is not equal to length of"
                + " column names array: " + row.getNumCells() + " vs. " + m_spec.getNumColumns());
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            final DataCell c = row.getCell(i);
            if (!c.isMissing() && !m_spec.getColumnSpec(i).getType().isASuperTypeOf(c.getType())) {
                throw new IllegalArgumentException("Runtime class of object \"" + c + "\" (index " + i
                    + ") in row \"" + row.getKey() + "\" is " + c.getType() + " and does not comply with its"
                    + " supposed superclass " + m_spec.getColumnSpec(i).getType());
            }
        }
        if (m_out == null) {
            if (!m_keys.add(row.getKey().getString())) {
                throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
            }
            m_rows.add(row);
            if (m_rows.size() > ROWS_IN_MEMORY) {
                spill();
            }
        } else {
            RowSpill.write(m_out, row);
            addHash(row.getKey().getString());
        }
        m_size++;
    }

    private void spill() {
        m_file = RowSpill.newFile();
        m_out = RowSpill.writer(m_file);
        m_hashes = new long[Math.max(1024, m_rows.size() * 2)];
        long n = 0;
        for (DataRow r : m_rows) {
            RowSpill.write(m_out, r);
            m_hashes[(int)n++] = RowSpill.hash(r.getKey().getString());
        }
        m_hashCount = (int)n;
        m_rows = null;
        m_keys = null;
    }

    private int m_hashCount;

    private void addHash(final String key) {
        if (m_hashCount == m_hashes.length) {
            m_hashes = Arrays.copyOf(m_hashes, m_hashes.length * 2);
        }
        m_hashes[m_hashCount++] = RowSpill.hash(key);
    }

    /** Closes the container; {@link #getTable()} is available afterwards. */
    public void close() {
        if (m_table != null) {
            return;
        }
        if (m_out == null) {
            m_table = new BufferedDataTable(m_spec, List.copyOf(m_rows));
            return;
        }
        try {
            m_out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checkDuplicates();
        m_hashes = null;
        m_table = new BufferedDataTable(m_spec, m_file, m_size);
    }

    /** Equal hashes are checked against the keys themselves, read back from the file. */
    private void checkDuplicates() {
        final long[] sorted = Arrays.copyOf(m_hashes, m_hashCount);
        Arrays.sort(sorted);
        final Set<Long> clashes = new HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                clashes.add(sorted[i]);
            }
        }
        if (clashes.isEmpty()) {
            return;
        }
        final Set<String> seen = new HashSet<>();
        try (DataInputStream in = RowSpill.reader(m_file)) {
            for (long i = 0; i < m_size; i++) {
                final String key = RowSpill.read(in).getKey().getString();
                if (clashes.contains(RowSpill.hash(key)) && !seen.add(key)) {
                    throw new IllegalArgumentException("Encountered duplicate row ID \"" + key + "\"");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the closed table */
    public BufferedDataTable getTable() {
        if (m_table == null) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        return m_table;
    }

    /** @return rows added so far */
    public long size() {
        return m_size;
    }

    /** @return the spec */
    public DataTableSpec getTableSpec() {
        return m_spec;
    }
}
