package org.knime.filehandling.core.connections;

import java.util.Optional;

/** Stand-in for KNIME's file-system part of a location (category and specifier, no path). */
public interface FSLocationSpec {

    /** @return the category name, an {@link FSCategory} constant's name */
    String getFileSystemCategory();

    /** @return the category */
    default FSCategory getFSCategory() {
        return FSCategory.valueOf(getFileSystemCategory());
    }

    /** @return e.g. "knime.workflow" for {@link FSCategory#RELATIVE}, empty when the category needs none */
    Optional<String> getFileSystemSpecifier();
}
