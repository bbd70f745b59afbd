package org.example.genmat.tests.nodes;

import java.util.List;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.read.ReadCrystalsNodeFactory;
import org.knime.core.data.DataCell;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;

/** Shared steps of the node tests. */
final class NodeTestSupport {

    private NodeTestSupport() {
    }

    /** Read Crystals on a structure table's cif column. */
    static BufferedDataTable readCrystals(final BufferedDataTable structures) throws Exception {
        final NodeRunner read = NodeRunner.of(ReadCrystalsNodeFactory.class);
        read.initParameters(structures.getDataTableSpec(), null);
        final NodeSettings s = read.saveSettings();
        s.addString("column", "cif");
        read.loadSettings(s);
        return (BufferedDataTable)read.execute(structures, null)[0];
    }

    /**
     * @param s saved node settings
     * @param key key of a nested parameter group (e.g. "network" of the training nodes)
     * @return the group's config, to change a value as the dialog would
     */
    /** Sets a file setting as KNIME's dialog saves it (FileSelection: child "path" holding the FSLocation). */
    static void fileSelection(final NodeSettings s, final String key,
        final org.knime.filehandling.core.connections.FSLocation location) {
        final org.knime.core.node.NodeSettingsWO path = s.addNodeSettings(key).addNodeSettings("path");
        path.addBoolean("location_present", true);
        path.addString("file_system_type", location.getFileSystemCategory());
        location.getFileSystemSpecifier().ifPresent(spec -> path.addString("file_system_specifier", spec));
        path.addString("path", location.getPath());
    }

    static NodeSettings group(final NodeSettings s, final String key) throws InvalidSettingsException {
        return s.getNodeSettings(key);
    }

    static String text(final DataCell c) {
        return c.isMissing() ? null : ((StringValue)c).getStringValue();
    }

    static double number(final DataCell c) {
        return c.isMissing() ? Double.NaN : ((DoubleValue)c).getDoubleValue();
    }

    static List<String> strings(final BufferedDataTable t, final String column) {
        return Tables.column(t, column).stream().map(NodeTestSupport::text).toList();
    }

    static BufferedDataTable table(final PortObject o) {
        return (BufferedDataTable)o;
    }
}
