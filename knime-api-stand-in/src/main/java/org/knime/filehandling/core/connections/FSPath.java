package org.knime.filehandling.core.connections;

import java.nio.file.Path;

/**
 * Stand-in for KNIME's path type: a {@link Path} of a KNIME file system (local, relative to the workflow, a
 * mountpoint, a Hub space or a connected one). Code must use it through {@link java.nio.file.Files}, never
 * {@link Path#toFile()} (KNIME's non-local file systems do not support it).
 */
public abstract class FSPath implements Path {

    @Override
    public abstract FSFileSystem<? extends FSPath> getFileSystem();

    /** @return the location of this path, of category {@link FSCategory#CONNECTED} */
    public FSLocation toFSLocation() {
        return new FSLocation(FSCategory.CONNECTED, toString());
    }
}
