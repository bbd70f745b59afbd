package org.knime.filehandling.core.connections.location;

import java.io.IOException;
import java.util.Optional;

import org.example.genmat.knimestandin.StandInFileSystems;
import org.knime.filehandling.core.connections.FSConnection;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.connections.FSLocationSpec;
import org.knime.filehandling.core.connections.FSPath;

/**
 * Stand-in for KNIME's factory that maps {@link FSLocation}s to {@link FSPath}s. The stand-in resolves the local
 * file system, locations relative to the workflow (specifiers knime.workflow, knime.workflow.data,
 * knime.mountpoint), knime:// and file: URLs, and the connected file system of a port; the workflow folder is
 * {@link StandInFileSystems#setWorkflowDir}. Mountpoint and Hub locations are refused (no KNIME here).
 */
public abstract class FSPathProviderFactory implements AutoCloseable {

    /**
     * @param fsLocation a location of this factory's file system
     * @return a provider of its path
     */
    public abstract FSPathProvider create(FSLocation fsLocation);

    @Override
    public abstract void close() throws IOException;

    /**
     * @param portObjectConnection the connection of a file-system port, if one is connected
     * @param fsLocationSpec which file system
     * @return the factory for that file system
     * @throws IllegalArgumentException if the file system cannot be reached (e.g. CONNECTED without a connection)
     */
    public static FSPathProviderFactory newFactory(final Optional<FSConnection> portObjectConnection,
        final FSLocationSpec fsLocationSpec) {
        final FSConnection connection = StandInFileSystems.connect(portObjectConnection, fsLocationSpec);
        return new FSPathProviderFactory() {
            @Override
            public FSPathProvider create(final FSLocation fsLocation) {
                final FSPath path = StandInFileSystems.path(connection, fsLocation);
                return new FSPathProvider() {
                    @Override
                    public FSPath getPath() {
                        return path;
                    }

                    @Override
                    public FSConnection getFSConnection() {
                        return connection;
                    }

                    @Override
                    public void close() {
                        // the factory owns the connection
                    }
                };
            }

            @Override
            public void close() throws IOException {
                if (!portObjectConnection.isPresent() || portObjectConnection.get() != connection) {
                    connection.close();
                }
            }
        };
    }
}
