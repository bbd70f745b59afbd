package org.knime.filehandling.core.connections;

/** Stand-in for KNIME's file-system categories (knime-filehandling-core, same constants and labels). */
public enum FSCategory {
    /** The local file system. */
    LOCAL("Local File System"),
    /** Relative to the workflow, its data area or its mountpoint. */
    RELATIVE("Relative to"),
    /** A mountpoint. */
    MOUNTPOINT("Mountpoint"),
    /** A Hub space. */
    HUB_SPACE("Hub Space"),
    /** A URL, e.g. knime://knime.workflow/data/x.cif. */
    CUSTOM_URL("Custom/KNIME URL"),
    /** The file system of the connected file-system port. */
    CONNECTED("");

    private final String m_label;

    FSCategory(final String label) {
        m_label = label;
    }

    /** @return the label shown to users */
    public String getLabel() {
        return m_label;
    }
}
