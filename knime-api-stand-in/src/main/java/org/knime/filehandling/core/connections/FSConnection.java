package org.knime.filehandling.core.connections;

import java.io.IOException;

/** Stand-in for KNIME's connection to a file system (a subset: the file system and closing it). */
public interface FSConnection extends AutoCloseable {

    /** @return the file system */
    FSFileSystem<?> getFileSystem();

    @Override
    default void close() throws IOException {
        getFileSystem().close();
    }
}
