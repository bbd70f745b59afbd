package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.StandInFileSystems;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSLocation;

class FilterValidityNodeTest {

    private static BufferedDataTable candidates() {
        final DataTableSpec spec = Tables.spec("formula", StringCell.TYPE, "cif", StringCell.TYPE, "n",
            IntCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"SrTiO3", TestData.cubicPerovskite("Sr", "Ti", "O", 3.905), 1});
        rows.add(new Object[]{"NaCl", null, 2}); // composition only, valid
        rows.add(new Object[]{"NaCl2", null, 3}); // not charge balanced
        rows.add(new Object[]{null, null, 4}); // nothing to read
        rows.add(new Object[]{"BaTiO3", TestData.cubicPerovskite("Ba", "Ti", "O", 0.8), 5}); // atoms 0.4 Å apart
        return Tables.table(spec, rows);
    }

    @Test
    void splitsValidAndRejectedWithReasons() throws Exception {
        final BufferedDataTable in = candidates();
        final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
        final PortObject[] out = node.execute(in);
        final BufferedDataTable valid = (BufferedDataTable)out[0];
        final BufferedDataTable rejected = (BufferedDataTable)out[1];
        assertThat(valid.getDataTableSpec()).isEqualTo(in.getDataTableSpec());
        assertThat(valid.size() + rejected.size()).isEqualTo(in.size());
        assertThat(Tables.rows(valid)).extracting(r -> r.getKey().getString()).containsExactly("Row0", "Row1");
        assertThat(Tables.rows(rejected)).extracting(r -> r.getKey().getString())
            .containsExactly("Row2", "Row3", "Row4");
        assertThat(strings(rejected, "failed_check")).containsExactly("charge-balance", "input", "distance");
        assertThat(strings(rejected, "reason")).allSatisfy(r -> assertThat(r).isNotBlank());
        // one line naming the first unreadable and the first rejected row, and what the rejected rows failed
        assertThat(node.warning()).startsWith("1 of 5 rows could not be read").contains("first: Row3")
            .contains("Rejected 3 (first: Row2)").contains("charge-balance 1, distance 1, input 1").doesNotContain("\n");
    }

    /** The Rejected output filtered again: its verdict columns are kept, the new ones get "filter_" as genmat filter names them. */
    @Test
    void refiltersItsOwnRejectedOutput() throws Exception {
        final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
        final BufferedDataTable rejected = (BufferedDataTable)node.execute(candidates())[1];
        final PortObject[] again = node.execute(rejected);
        final DataTableSpec spec = ((BufferedDataTable)again[1]).getDataTableSpec();
        assertThat(List.of(spec.getColumnNames())).containsExactly("formula", "cif", "n", "composition_valid",
            "structure_valid", "failed_check", "reason", "filter_composition_valid", "filter_structure_valid",
            "filter_failed_check", "filter_reason");
        assertThat(strings((BufferedDataTable)again[1], "filter_failed_check")).containsExactly("charge-balance", "input",
            "distance");
        assertThat(node.configure(rejected.getDataTableSpec())[1]).isEqualTo(spec);
    }

    /** The oxidation-state file is a file selection: relative to the workflow, resolved through KNIME's file handling. */
    @Test
    void readsTheOxidationStateFileThroughKnimeFileHandling(@TempDir final Path workflow) throws Exception {
        final Path data = Files.createDirectories(workflow.resolve("data"));
        Files.writeString(data.resolve("states.txt"), "# only sodium and chlorine\nNa +1\nCl -1\n");
        StandInFileSystems.setWorkflowDir(workflow);
        try {
            final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
            final NodeSettings s = node.saveSettings();
            s.addString("oxidationTable", "FILE");
            NodeTestSupport.fileSelection(s, "oxidationFile", new FSLocation(FSCategory.RELATIVE, "knime.workflow",
                "data/states.txt"));
            node.loadSettings(s);
            assertThat(Path.of("data/states.txt")).doesNotExist();
            final BufferedDataTable valid = (BufferedDataTable)node.execute(candidates())[0];
            // SrTiO3 is valid with SMACT's table; this one knows no Sr, Ti or O
            assertThat(Tables.rows(valid)).extracting(r -> r.getKey().getString()).containsExactly("Row1");
            NodeTestSupport.fileSelection(s, "oxidationFile", new FSLocation(FSCategory.CUSTOM_URL,
                "knime://knime.workflow/data/states.txt"));
            node.loadSettings(s);
            assertThat(Tables.rows((BufferedDataTable)node.execute(candidates())[0])).hasSize(1);
            NodeTestSupport.fileSelection(s, "oxidationFile", new FSLocation(FSCategory.RELATIVE, "knime.workflow",
                "data/none.txt"));
            node.loadSettings(s);
            assertThatThrownBy(() -> node.configure(candidates().getDataTableSpec()))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("\"data/none.txt\"")
                .hasMessageContaining("does not exist");
            Files.writeString(data.resolve("bad.txt"), "Na one\n");
            NodeTestSupport.fileSelection(s, "oxidationFile", new FSLocation(FSCategory.RELATIVE, "knime.workflow",
                "data/bad.txt"));
            node.loadSettings(s);
            assertThatThrownBy(() -> node.configure(candidates().getDataTableSpec()))
                .hasMessageContaining("Oxidation-state file \"data/bad.txt\"");
            NodeTestSupport.fileSelection(s, "oxidationFile", new FSLocation(FSCategory.CONNECTED, "/states.txt"));
            node.loadSettings(s);
            assertThatThrownBy(() -> node.configure(candidates().getDataTableSpec()))
                .hasMessageContaining("connected file system");
        } finally {
            StandInFileSystems.setWorkflowDir(null);
        }
    }

    /** Prototype sites from columns named otherwise: the same verdicts as from the site-named columns. */
    @Test
    void siteColumnsNameThePrototypeSites() throws Exception {
        final String[][] rows = {{"Cs", "Na", "Bi", "Cl"}, {"Cs", "Cs", "Bi", "Cl"}, {"K", "Na", "Al", "F"}};
        final List<Object[]> values = new ArrayList<>();
        for (String[] r : rows) {
            values.add(r);
        }
        final BufferedDataTable named = Tables.table(Tables.spec("A", StringCell.TYPE, "B", StringCell.TYPE, "C",
            StringCell.TYPE, "D", StringCell.TYPE), values);
        final BufferedDataTable other = Tables.table(Tables.spec("s1", StringCell.TYPE, "s2", StringCell.TYPE, "s3",
            StringCell.TYPE, "s4", StringCell.TYPE), values);
        final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addString("prototype", "ELPASOLITE");
        node.loadSettings(s);
        final List<String> expected = strings((BufferedDataTable)node.execute(named)[1], "failed_check");
        assertThatThrownBy(() -> node.configure(other.getDataTableSpec())).isInstanceOf(InvalidSettingsException.class);
        s.addString("siteColumns", "s1, s2,s3 , s4");
        node.loadSettings(s);
        final PortObject[] out = node.execute(other);
        assertThat(strings((BufferedDataTable)out[1], "failed_check")).isEqualTo(expected).isNotEmpty();
        assertThat(((BufferedDataTable)out[0]).size() + ((BufferedDataTable)out[1]).size()).isEqualTo(3);
        s.addString("siteColumns", "s1, s2");
        assertThatThrownBy(() -> node.loadSettings(s)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("4 sites");
        // hidden without a prototype: a value left there does not count
        s.addString("prototype", "NONE");
        node.loadSettings(s);
        // a table with structure columns but not the prototype's sites is refused (before: judged without them), as
        // genmat filter refuses it: the engine's message
        s.addString("prototype", "PEROVSKITE");
        s.addString("siteColumns", "");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(candidates().getDataTableSpec())).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("column A not found in the").hasMessageContaining("prototype perovskite reads its sites from");
    }

    @Test
    void settingsChangeTheVerdictAndInvalidSettingsAreRejected() throws Exception {
        final BufferedDataTable in = candidates();
        final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addDouble("minDistance", 0.1);
        node.loadSettings(s);
        final BufferedDataTable valid = (BufferedDataTable)node.execute(in)[0];
        assertThat(valid.size()).isEqualTo(3); // BaTiO3 with a = 0.8 Å (0.4 Å apart) passes a 0.1 Å cutoff

        final NodeSettings bad = node.saveSettings();
        bad.addDouble("minDistance", -1);
        assertThatThrownBy(() -> node.loadSettings(bad)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("Distance cutoff").hasMessageContaining("at least 0");
        final NodeSettings none = node.saveSettings();
        none.addBoolean("checkComposition", false);
        none.addBoolean("checkStructure", false);
        assertThatThrownBy(() -> node.loadSettings(none)).hasMessageContaining("at least one check");
        final NodeSettings file = node.saveSettings();
        file.addString("oxidationTable", "FILE");
        NodeTestSupport.fileSelection(file, "oxidationFile", new FSLocation(FSCategory.LOCAL, "/no/such/table.txt"));
        file.addBoolean("checkComposition", true);
        // KNIME calls validate() when it loads a workflow: a file that is missing on this machine must not make
        // the node fall back to defaults there; configure and execute report it
        node.loadSettings(file);
        assertThatThrownBy(() -> node.configure(in.getDataTableSpec())).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> node.execute(in)).hasMessageContaining("does not exist");
        final NodeSettings blank = node.saveSettings();
        NodeTestSupport.fileSelection(blank, "oxidationFile", new FSLocation(FSCategory.LOCAL, " "));
        assertThatThrownBy(() -> node.loadSettings(blank)).hasMessageContaining("Set the oxidation-state file");
    }

    @Test
    void configureRejectsATableWithoutStructures() {
        final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
        assertThatThrownBy(() -> node.configure(Tables.spec("name", StringCell.TYPE)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("none of the columns");
        assertThatThrownBy(() -> node.configure(Tables.spec("cif", IntCell.TYPE)))
            .hasMessageContaining("must be a string column");
    }
}
