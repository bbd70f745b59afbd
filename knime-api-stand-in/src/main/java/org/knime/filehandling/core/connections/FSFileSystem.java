package org.knime.filehandling.core.connections;

import java.nio.file.FileSystem;

/**
 * Stand-in for KNIME's file-system base class: a {@link FileSystem} whose paths are {@link FSPath}s.
 *
 * @param <T> path type
 */
public abstract class FSFileSystem<T extends FSPath> extends FileSystem {

    @Override
    public abstract T getPath(String first, String... more);
}
