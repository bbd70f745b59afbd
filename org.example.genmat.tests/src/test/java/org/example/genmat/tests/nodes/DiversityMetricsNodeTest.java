package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;

class DiversityMetricsNodeTest {

    private static BufferedDataTable formulas(final String... f) {
        final DataTableSpec spec = Tables.spec("formula", StringCell.TYPE, "class", StringCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        for (String s : f) {
            final String[] parts = s.split("/");
            rows.add(new Object[]{parts[0].isEmpty() ? null : parts[0], parts.length > 1 ? parts[1] : null});
        }
        return Tables.table(spec, rows);
    }

    static Map<String, Double> metrics(final BufferedDataTable t) {
        final Map<String, Double> m = new HashMap<>();
        for (DataRow r : Tables.rows(t)) {
            m.put(((StringValue)r.getCell(0)).getStringValue(),
                r.getCell(1).isMissing() ? Double.NaN : ((DoubleValue)r.getCell(1)).getDoubleValue());
        }
        return m;
    }

    @Test
    void countsValidityNoveltyAndTagsEverySample() throws Exception {
        final BufferedDataTable generated = formulas("NaCl", "KCl", "KCl", "NaCl2", "", "LiF", "CsBr");
        final BufferedDataTable training = formulas("NaCl/1", "KBr/1", "LiF/2", "CsI/2", "RbCl/3");
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final PortObject[] out = node.execute(generated, training, null);
        final Map<String, Double> m = metrics((BufferedDataTable)out[0]);
        assertThat(m.get("samples")).isEqualTo(7.0);
        assertThat(m.get("validity")).isEqualTo(5.0 / 7);
        assertThat(m.get("uniqueness")).isEqualTo(4.0 / 5);
        assertThat(m.get("novelty")).isEqualTo(2.0 / 4); // KCl, CsBr new; NaCl, LiF rediscovered
        assertThat(m.get("rediscovery")).isEqualTo(2.0 / 4);
        assertThat(m).containsKeys("cov_recall", "cov_precision", "elements_emd");
        assertThat(m.get("cov_precision")).isBetween(0.0, 1.0);
        final BufferedDataTable tags = (BufferedDataTable)out[1];
        assertThat(tags.size()).isEqualTo(7);
        assertThat(strings(tags, "tag")).containsExactly("rediscovery", "novel", "repetition", "invalid",
            "invalid", "rediscovery", "novel");
        final BufferedDataTable curve = (BufferedDataTable)out[2];
        final DataRow last = Tables.rows(curve).get((int)curve.size() - 1);
        assertThat(((LongValue)last.getCell(0)).getLongValue()).isEqualTo(7);
        assertThat(((LongValue)last.getCell(3)).getLongValue()).isEqualTo(2);
        assertThat(node.warning()).contains("1 generated");
    }

    @Test
    void classMetricsForATargetClass() throws Exception {
        final BufferedDataTable generated = formulas("LiF", "CsI", "CsI", "NaCl", "KCl");
        final BufferedDataTable training = formulas("NaCl/1", "KBr/1", "LiF/2", "CsI/2", "RbCl/3");
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addString("classColumn", "class");
        s.addString("targetClass", "2");
        node.loadSettings(s);
        final Map<String, Double> m = metrics((BufferedDataTable)node.execute(generated, training, null)[0]);
        assertThat(m.get("precision_right_class")).isEqualTo(3.0 / 5);
        assertThat(m.get("coverage_right_class")).isEqualTo(1.0);
        assertThat(m.get("precision_neighbouring")).isEqualTo(1.0 / 5);
    }

    @Test
    void configureChecksTablesAndClassColumn() throws Exception {
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final DataTableSpec ok = Tables.spec("formula", StringCell.TYPE);
        assertThatThrownBy(() -> node.configure(Tables.spec("x", StringCell.TYPE), ok, null))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("generated table");
        final NodeSettings s = node.saveSettings();
        s.addString("classColumn", "polymorphs");
        s.addString("targetClass", "1");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(ok, ok, null)).hasMessageContaining("\"polymorphs\"");
        s.addString("targetClass", "");
        assertThatThrownBy(() -> node.loadSettings(s)).hasMessageContaining("target class");
    }
}
