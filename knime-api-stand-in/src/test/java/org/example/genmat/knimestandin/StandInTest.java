package org.example.genmat.knimestandin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.NodeSettings;

/** The stand-in enforces what KNIME enforces, so node bugs show up in tests. */
class StandInTest {

    @Test
    void containersCheckCellTypesCountsAndUniqueKeys() {
        final DataTableSpec spec = Tables.spec("x", DoubleCell.TYPE, "s", StringCell.TYPE);
        final BufferedDataContainer c = new ExecutionContext(new ProgressSink()).createDataContainer(spec);
        c.addRowToTable(new DefaultRow("a", new DoubleCell(1), new StringCell("s")));
        assertThatThrownBy(() -> c.addRowToTable(new DefaultRow("b", new StringCell("1"), new StringCell("s"))))
            .hasMessageContaining("does not comply");
        assertThatThrownBy(() -> c.addRowToTable(new DefaultRow("c", new DoubleCell(1))))
            .hasMessageContaining("Cell count");
        assertThatThrownBy(() -> c.addRowToTable(new DefaultRow("a", new DoubleCell(1), new StringCell("t"))))
            .hasMessageContaining("duplicate row ID");
        c.close();
        assertThat(c.getTable().size()).isEqualTo(1);
        assertThat(IntCell.TYPE.isCompatible(DoubleValue.class)).isTrue();
        assertThat(StringCell.TYPE.isCompatible(DoubleValue.class)).isFalse();
        assertThat(StringCell.TYPE.isCompatible(StringValue.class)).isTrue();
        assertThat(RowKey.createRowKey(3L).getString()).isEqualTo("Row3");
    }

    @Test
    void progressIsScaledInSubMonitorsAndCancelIsSeen() throws Exception {
        final ProgressSink sink = new ProgressSink();
        final ExecutionContext exec = new ExecutionContext(sink);
        exec.setProgress(0.5, "half");
        final ExecutionMonitor sub = exec.createSubProgress(0.5);
        sub.setProgress(0.5, "sub");
        assertThat(sink.fraction()).isEqualTo(0.75);
        assertThat(sink.message()).isEqualTo("sub");
        sink.cancel();
        assertThatThrownBy(exec::checkCanceled).isInstanceOf(CanceledExecutionException.class);
    }

    @Test
    void configTreesAreStrictlyTypedAndRoundTrip() throws Exception {
        final ModelContent m = new ModelContent("m");
        m.addInt("i", 3);
        m.addStringArray("a", "x", "y");
        assertThat(m.getInt("i")).isEqualTo(3);
        assertThat(m.getLong("i")).isEqualTo(3L);
        assertThatThrownBy(() -> m.getString("i")).isInstanceOf(InvalidSettingsException.class);
        assertThatThrownBy(() -> m.getInt("missing")).hasMessageContaining("missing");
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        final ModelContent back = MapConfig.readFrom(new java.io.ByteArrayInputStream(out.toByteArray()),
            ModelContent.class);
        assertThat(back).isEqualTo(m);
        assertThat(List.of(back.getStringArray("a"))).containsExactly("x", "y");
        final NodeSettings s = new NodeSettings("s");
        s.addNodeSettings("child").addBoolean("b", true);
        assertThat(s.getNodeSettings("child").getBoolean("b")).isTrue();
    }

    /** A parameters class with one bounded widget and no own checks. */
    static final class Bounded implements org.knime.node.parameters.NodeParameters {
        @org.knime.node.parameters.Widget(title = "n", description = "n")
        @org.knime.node.parameters.widget.number.NumberInputWidget(
            minValidation = org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation
                .IsPositiveIntegerValidation.class)
        int m_n = 1;
    }

    @Test
    void numberLimitsAreCheckedByTheDialogOnlyNotOnLoadAsInKnime() throws Exception {
        final NodeSettings s = new NodeSettings("model");
        s.addInt("n", 0); // what a flow variable or a saved workflow may carry
        final Bounded loaded = ParametersPersistence.load(Bounded.class, s);
        assertThat(loaded.m_n).as("KNIME's validateSettings loads and calls validate(), nothing else").isZero();
        assertThat(ParametersPersistence.dialogErrors(loaded)).containsExactly("n: The value must be at least 1.");
        assertThat(ParametersPersistence.dialogErrors(new Bounded())).isEmpty();
    }

    @Test
    void largeTablesGoToDiskReadBackUnchangedAndStillRefuseDuplicateKeys() {
        final DataTableSpec spec = Tables.spec("x", DoubleCell.TYPE, "s", StringCell.TYPE, "n", IntCell.TYPE);
        final BufferedDataContainer c = new ExecutionContext(new ProgressSink()).createDataContainer(spec);
        final int n = 25_000; // beyond the rows a container keeps in memory
        for (int i = 0; i < n; i++) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i), new DoubleCell(i * 0.5),
                i % 7 == 0 ? org.knime.core.data.DataType.getMissingCell() : new StringCell("é" + i), new IntCell(-i)));
        }
        c.close();
        assertThat(c.getTable().size()).isEqualTo(n);
        int i = 0;
        try (org.knime.core.data.container.CloseableRowIterator it = c.getTable().iterator()) {
            while (it.hasNext()) {
                final org.knime.core.data.DataRow r = it.next();
                assertThat(r.getKey().getString()).isEqualTo("Row" + i);
                assertThat(((DoubleCell)r.getCell(0)).getDoubleValue()).isEqualTo(i * 0.5);
                assertThat(r.getCell(1).isMissing()).isEqualTo(i % 7 == 0);
                if (i % 7 != 0) {
                    assertThat(((StringCell)r.getCell(1)).getStringValue()).isEqualTo("é" + i);
                }
                assertThat(((IntCell)r.getCell(2)).getIntValue()).isEqualTo(-i);
                i++;
            }
        }
        assertThat(i).isEqualTo(n);

        final BufferedDataContainer dup = new ExecutionContext(new ProgressSink()).createDataContainer(spec);
        for (int k = 0; k < n; k++) {
            dup.addRowToTable(new DefaultRow(k == n - 1 ? "Row5" : "Row" + k, new DoubleCell(k),
                new StringCell("s"), new IntCell(k)));
        }
        assertThatThrownBy(dup::close).hasMessageContaining("duplicate row ID \"Row5\"");
    }
}
