package org.knime.filehandling.core.connections;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/** Stand-in for KNIME's file-system location: category, optional specifier and a path string. */
public final class FSLocation implements FSLocationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    /** The absent location. */
    public static final FSLocation NULL = new FSLocation();

    private final String m_category;

    private final String m_specifier;

    private final String m_path;

    private FSLocation() {
        m_category = null;
        m_specifier = null;
        m_path = null;
    }

    /**
     * @param fsCategory category
     * @param path path in that file system
     */
    public FSLocation(final FSCategory fsCategory, final String path) {
        this(fsCategory.name(), null, path);
    }

    /**
     * @param fsCategory category name
     * @param path path in that file system
     */
    public FSLocation(final String fsCategory, final String path) {
        this(fsCategory, null, path);
    }

    /**
     * @param fsCategory category
     * @param fsSpecifier specifier, e.g. "knime.workflow", or null
     * @param path path in that file system
     */
    public FSLocation(final FSCategory fsCategory, final String fsSpecifier, final String path) {
        this(fsCategory.name(), fsSpecifier, path);
    }

    /**
     * @param fsCategory category name
     * @param fsSpecifier specifier or null
     * @param path path in that file system
     */
    public FSLocation(final String fsCategory, final String fsSpecifier, final String path) {
        m_category = Objects.requireNonNull(fsCategory, "fsCategory");
        m_specifier = fsSpecifier;
        m_path = Objects.requireNonNull(path, "path");
    }

    /** @return the path string */
    public String getPath() {
        return m_path;
    }

    @Override
    public Optional<String> getFileSystemSpecifier() {
        return Optional.ofNullable(m_specifier);
    }

    @Override
    public String getFileSystemCategory() {
        return m_category;
    }

    @Override
    public String toString() {
        return this == NULL ? "NULL" : "(" + m_category + (m_specifier == null ? "" : ", " + m_specifier) + ", "
            + m_path + ")";
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_category, m_specifier, m_path);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof FSLocation o && Objects.equals(m_category, o.m_category)
            && Objects.equals(m_specifier, o.m_specifier) && Objects.equals(m_path, o.m_path);
    }
}
