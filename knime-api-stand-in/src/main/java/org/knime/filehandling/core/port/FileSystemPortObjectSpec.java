package org.knime.filehandling.core.port;

import java.util.Optional;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.filehandling.core.connections.FSConnection;

/**
 * Stand-in for the spec of KNIME's file-system port: it carries the connection once the connector node has run. The
 * constructor taking the connection is stand-in only (KNIME looks the connection up in a registry by id).
 */
public final class FileSystemPortObjectSpec implements PortObjectSpec {

    private final FSConnection m_connection;

    /** A spec whose connection is not (yet) available. */
    public FileSystemPortObjectSpec() {
        this(null);
    }

    /**
     * Stand-in only.
     *
     * @param connection the connection, or null
     */
    public FileSystemPortObjectSpec(final FSConnection connection) {
        m_connection = connection;
    }

    /** @return the connection, if the connector node has established it */
    public Optional<FSConnection> getFileSystemConnection() {
        return Optional.ofNullable(m_connection);
    }

    /**
     * @param inData input specs of a node
     * @param i index of a file-system port
     * @return its connection, empty when the port is not connected or has no connection yet
     */
    public static Optional<FSConnection> getFileSystemConnection(final PortObjectSpec[] inData, final int i) {
        return inData[i] instanceof FileSystemPortObjectSpec s ? s.getFileSystemConnection() : Optional.empty();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
