package org.knime.core.webui.node.dialog.defaultdialog.internal.file;

import java.util.Objects;

import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.node.parameters.persistence.Persistable;

/**
 * Stand-in for KNIME's file-selection setting (org.knime.core.ui, 5.8; an x-internal package that KNIME's own reader
 * nodes use): one {@link FSLocation}, persisted as the child config "path" of the field's config.
 */
public final class FileSelection implements Persistable {

    /** The chosen location. */
    public FSLocation m_path; // NOSONAR as in KNIME

    /** An empty local location. */
    public FileSelection() {
        this(new FSLocation(FSCategory.LOCAL, ""));
    }

    /** @param fsLocation the location */
    public FileSelection(final FSLocation fsLocation) {
        m_path = fsLocation;
    }

    /** @return the location */
    public FSLocation getFSLocation() {
        return m_path;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof FileSelection o && Objects.equals(m_path, o.m_path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_path);
    }
}
