package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;

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
        assertThat(node.warning()).startsWith("1 of 5 rows could not be read");
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
        file.addString("oxidationFile", "/no/such/table.txt");
        file.addBoolean("checkComposition", true);
        // KNIME calls validate() when it loads a workflow: a file that is missing on this machine must not make
        // the node fall back to defaults there; configure and execute report it
        node.loadSettings(file);
        assertThatThrownBy(() -> node.configure(in.getDataTableSpec())).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> node.execute(in)).hasMessageContaining("does not exist");
        final NodeSettings blank = node.saveSettings();
        blank.addString("oxidationFile", " ");
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
