package org.knime.core.node;

import java.util.Iterator;
import java.util.List;

import javax.swing.JComponent;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** Stand-in for KNIME's table port object (rows in memory, or in a temporary file for a large table). */
public final class BufferedDataTable implements DataTable, PortObject {

    /** The table port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class);

    /** The optional table port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class, true);

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows;

    private final java.nio.file.Path m_file;

    private final long m_size;

    BufferedDataTable(final DataTableSpec spec, final List<DataRow> rows) {
        m_spec = spec;
        m_rows = rows;
        m_file = null;
        m_size = rows.size();
    }

    BufferedDataTable(final DataTableSpec spec, final java.nio.file.Path file, final long size) {
        m_spec = spec;
        m_rows = null;
        m_file = file;
        m_size = size;
    }

    @Override
    public DataTableSpec getDataTableSpec() {
        return m_spec;
    }

    @Override
    public DataTableSpec getSpec() {
        return m_spec;
    }

    /** @return number of rows */
    public long size() {
        return m_size;
    }

    /**
     * @return number of rows as int
     * @deprecated use {@link #size()}
     */
    @Deprecated
    public int getRowCount() {
        return (int)Math.min(Integer.MAX_VALUE, m_size);
    }

    @Override
    public CloseableRowIterator iterator() {
        if (m_file != null) {
            final java.io.DataInputStream in = RowSpill.reader(m_file);
            return new CloseableRowIterator() {
                private long m_read;

                @Override
                public boolean hasNext() {
                    return m_read < m_size;
                }

                @Override
                public DataRow next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    m_read++;
                    return RowSpill.read(in);
                }

                @Override
                public void close() {
                    try {
                        in.close();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }
        final Iterator<DataRow> it = m_rows.iterator();
        return new CloseableRowIterator() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public DataRow next() {
                return it.next();
            }

            @Override
            public void close() {
                // nothing to release in memory
            }
        };
    }

    @Override
    public String getSummary() {
        return "Rows: " + size() + ", Cols: " + m_spec.getNumColumns();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
