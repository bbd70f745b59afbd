package org.example.genmat.nodes;

import java.io.IOException;
import java.util.Optional;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSConnection;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.connections.FSPath;
import org.knime.filehandling.core.connections.location.FSPathProvider;
import org.knime.filehandling.core.connections.location.FSPathProviderFactory;

/**
 * The nodes' one way to a file setting's path: a {@code FileSelection}'s location (local, relative to the workflow or
 * its data area, knime:// URL, mountpoint or Hub space, or a connected file system) resolved through KNIME's file
 * handling, used while its file system is open (Read Crystals' inputs, the validity rule's oxidation-state file).
 */
public final class FileLocations {

    private FileLocations() {
    }

    /** Something done with the path of a location while its file system is open. */
    @FunctionalInterface
    public interface PathTask {
        void run(FSPath path) throws InvalidSettingsException, KNIMEException, CanceledExecutionException;
    }

    /** Carries an execute failure ({@link KNIMEException}, {@link CanceledExecutionException}) out of {@link #withPath}. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(final Exception cause) {
            super(cause);
        }

        /** Throws the carried failure. */
        public void rethrow() throws KNIMEException, CanceledExecutionException {
            if (getCause() instanceof CanceledExecutionException ce) {
                throw ce;
            }
            throw (KNIMEException)getCause();
        }
    }

    /**
     * @param what                the setting's name in messages ("file", "oxidation-state file")
     * @param fileSystemConnected whether the node's optional file-system port is connected (false for nodes without one)
     * @return the location of a setting that is set and fits the connected file system
     * @throws InvalidSettingsException naming the setting otherwise
     */
    public static FSLocation check(final FSLocation location, final String what, final boolean fileSystemConnected)
        throws InvalidSettingsException {
        if (location == null || location == FSLocation.NULL || location.getPath().isBlank()) {
            throw new InvalidSettingsException("Set the " + what + ".");
        }
        final boolean connectedLocation = location.getFSCategory() == FSCategory.CONNECTED;
        if (connectedLocation && !fileSystemConnected) {
            throw new InvalidSettingsException("The " + what + " \"" + location.getPath() + "\" is on a connected file"
                + " system: connect the file-system port or choose another location.");
        }
        if (!connectedLocation && fileSystemConnected) {
            throw new InvalidSettingsException("A file system is connected: choose the " + what + " on it (it is "
                + location.getFSCategory().getLabel() + " \"" + location.getPath() + "\").");
        }
        return location;
    }

    /**
     * Resolves the location through KNIME's file handling and runs the task while the file system is open.
     *
     * @throws InvalidSettingsException when the location cannot be accessed (or the task says so)
     * @throws Failure                  carrying the task's execute failure
     */
    public static void withPath(final FSLocation location, final Optional<FSConnection> connection, final PathTask task)
        throws InvalidSettingsException {
        try {
            try (FSPathProviderFactory factory = FSPathProviderFactory.newFactory(connection, location);
                    FSPathProvider provider = factory.create(location)) {
                task.run(provider.getPath());
            }
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new InvalidSettingsException("Cannot access " + describe(location) + ": " + e.getMessage(), e);
        } catch (KNIMEException | CanceledExecutionException e) {
            throw new Failure(e);
        }
    }

    /** @return the location as a message names it: its path, with the file system unless local */
    public static String describe(final FSLocation location) {
        return "\"" + location.getPath() + "\"" + location.getFileSystemSpecifier().map(s -> " (" + s + ")")
            .orElse(location.getFSCategory() == FSCategory.LOCAL ? "" : " (" + location.getFSCategory().getLabel()
                + ")");
    }
}
