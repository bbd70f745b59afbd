package org.example.genmat.nodes.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.metrics.SampleRows;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;

/**
 * Rows of a KNIME table as the engine's checked samples ({@link SampleRows}, the same reading and checks as
 * {@code genmat filter} and {@code genmat metrics}): all cells as text; prototype sites come from their columns (the
 * candidate table of Sample Latent has one per site).
 */
public final class SampleTables {

    private SampleTables() {
    }

    /**
     * @param spec table spec
     * @param prototype prototype whose site columns must be present, or null
     * @param port port name for messages
     * @throws InvalidSettingsException when the prototype's site columns (with a prototype) or the structure columns are not there
     */
    public static void check(final DataTableSpec spec, final SampleRows.PrototypeColumns prototype, final String port)
        throws InvalidSettingsException {
        check(spec, prototype, port, false);
    }

    /**
     * @param sitesOptional whether the table may lack the site columns and is then read by its structure columns
     *            ({@link SampleRows#sitesOptional()}: the metrics' training table)
     * @see #check(DataTableSpec, SampleRows.PrototypeColumns, String)
     */
    public static void check(final DataTableSpec spec, final SampleRows.PrototypeColumns prototype, final String port,
        final boolean sitesOptional) throws InvalidSettingsException {
        if (prototype != null && (!sitesOptional || prototype.missing(List.of(spec.getColumnNames())) == null)) {
            // the engine's rule: with a prototype its site columns must all be there
            try {
                prototype.requireIn(List.of(spec.getColumnNames()), "the " + port);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(e.getMessage(), e);
            }
            return;
        }
        CrystalColumns.requireCrystalColumns(spec, port);
    }

    /**
     * @param spec table spec
     * @param row a row
     * @return column name → text
     */
    public static Map<String, String> values(final DataTableSpec spec, final DataRow row) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < spec.getNumColumns(); i++) {
            values.put(spec.getColumnSpec(i).getName(), Cells.text(row.getCell(i)));
        }
        return values;
    }
}
