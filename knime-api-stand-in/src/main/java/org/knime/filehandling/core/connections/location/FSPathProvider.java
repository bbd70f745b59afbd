package org.knime.filehandling.core.connections.location;

import java.io.IOException;

import org.knime.filehandling.core.connections.FSConnection;
import org.knime.filehandling.core.connections.FSPath;

/** Stand-in for KNIME's provider of the {@link FSPath} of one location; close it after use. */
public interface FSPathProvider extends AutoCloseable {

    /** @return the path */
    FSPath getPath();

    /** @return the connection the path belongs to */
    FSConnection getFSConnection();

    @Override
    void close() throws IOException;
}
