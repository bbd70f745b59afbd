package org.knime.filehandling.core.port;

import java.util.Optional;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.filehandling.core.connections.FSConnection;

/** Stand-in for KNIME's file-system port object (KNIME's extends AbstractSimplePortObject). */
public final class FileSystemPortObject implements PortObject {

    /** The port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(FileSystemPortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(FileSystemPortObject.class, true);

    private final FileSystemPortObjectSpec m_spec;

    /** @param spec the spec */
    public FileSystemPortObject(final FileSystemPortObjectSpec spec) {
        m_spec = spec;
    }

    @Override
    public String getSummary() {
        return "File system";
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public FileSystemPortObjectSpec getSpec() {
        return m_spec;
    }

    /** @return the connection */
    public Optional<FSConnection> getFileSystemConnection() {
        return m_spec.getFileSystemConnection();
    }
}
