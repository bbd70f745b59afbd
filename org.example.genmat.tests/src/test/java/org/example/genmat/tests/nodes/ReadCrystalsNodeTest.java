package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.number;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.read.ReadCrystalsNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;

class ReadCrystalsNodeTest {

    @Test
    void readsCifColumnIntoTheStandardCrystalTable() throws Exception {
        final List<TestData.Structure> structures = TestData.structures(12);
        final BufferedDataTable in = TestData.structureTable(structures);
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        node.initParameters(in.getDataTableSpec());
        final NodeSettings s = node.saveSettings();
        s.addString("column", "cif");
        node.loadSettings(s);

        final DataTableSpec promised = (DataTableSpec)node.configure(in.getDataTableSpec())[0];
        assertThat(promised.getColumnNames()).containsExactlyElementsOf(CrystalTable.COLUMNS);

        final BufferedDataTable out = (BufferedDataTable)node.execute(in)[0];
        assertThat(out.size()).isEqualTo(structures.size());
        assertThat(node.warning()).isNull();
        assertThat(strings(out, "error")).containsOnlyNulls();
        final List<DataRow> rows = Tables.rows(out);
        for (DataRow r : rows) {
            assertThat(r.getKey().getString()).startsWith("Row" + rows.indexOf(r) + "#"); // input row ID + data block
            final double a = number(r.getCell(out.getDataTableSpec().findColumnIndex("a")));
            assertThat(a).isBetween(2.0, 12.0);
            assertThat(number(r.getCell(out.getDataTableSpec().findColumnIndex("nsites")))).isEqualTo(5.0);
        }
        assertThat(strings(out, "formula")).allSatisfy(f -> assertThat(f).matches("[A-Z][A-Za-z0-9]*"));
        assertThat(strings(out, "cif")).allSatisfy(c -> assertThat(c).contains("data_"));
    }

    @Test
    void badAndMissingCellsBecomeErrorRowsWithAWarning() throws Exception {
        final DataTableSpec spec = Tables.spec("text", StringCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{TestData.cubicPerovskite("Sr", "Ti", "O", 3.9)});
        rows.add(new Object[]{null});
        rows.add(new Object[]{"Cs2AgBiBr6"});
        rows.add(new Object[]{"Xx3Qq"});
        final BufferedDataTable in = Tables.table(spec, rows);
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        node.initParameters(spec);
        assertThat(node.saveSettings().getString("column")).isEqualTo("text");

        final BufferedDataTable out = (BufferedDataTable)node.execute(in)[0];
        assertThat(out.size()).isEqualTo(4);
        final List<String> errors = strings(out, "error");
        assertThat(errors.get(0)).isNull();
        assertThat(errors.get(1)).contains("missing");
        assertThat(errors.get(2)).isNull();
        assertThat(strings(out, "formula").get(2)).isEqualTo(Composition.parse("Cs2AgBiBr6").reducedFormula());
        assertThat(strings(out, "cif").get(2)).isNull();
        assertThat(errors.get(3)).isNotNull();
        assertThat(node.warning()).startsWith("2 of 4 inputs could not be read");

        final NodeSettings s = node.saveSettings();
        s.addBoolean("failOnFirstError", true);
        node.loadSettings(s);
        assertThatThrownBy(() -> node.execute(in)).isInstanceOf(KNIMEException.class).hasMessageContaining("Row1");
    }

    @Test
    void readsAFolderOfCifFiles(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("SrTiO3.cif"), TestData.cubicPerovskite("Sr", "Ti", "O", 3.905));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/BaTiO3.cif"), TestData.cubicPerovskite("Ba", "Ti", "O", 4.0));
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addString("location", dir.toString());
        node.loadSettings(s);
        final BufferedDataTable out = (BufferedDataTable)node.execute((BufferedDataTable)null)[0];
        assertThat(strings(out, "formula")).containsExactlyInAnyOrder(Composition.parse("SrTiO3").reducedFormula(),
            Composition.parse("BaTiO3").reducedFormula());
        assertThat(Tables.rows(out)).extracting(r -> r.getKey().getString())
            .allSatisfy(k -> assertThat(k).contains(".cif"));
    }

    @Test
    void configureFailsClearlyOnWrongInput() throws Exception {
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        assertThatThrownBy(() -> node.configure((DataTableSpec)null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("location");
        final NodeSettings s = node.saveSettings();
        s.addString("location", "/no/such/place");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure((DataTableSpec)null)).hasMessageContaining("does not exist");

        final DataTableSpec numeric = Tables.spec("cif", DoubleCell.TYPE);
        s.addString("column", "cif");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(numeric)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("must be a string column");
        s.addString("column", "structure");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(numeric)).hasMessageContaining("\"structure\" is not in the input");
    }
}
