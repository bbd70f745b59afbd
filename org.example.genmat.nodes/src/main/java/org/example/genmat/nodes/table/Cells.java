package org.example.genmat.nodes.table;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;

/** Cell helpers: missing instead of empty, text of any cell, tolerant number parsing. */
public final class Cells {

    private Cells() {
    }

    /**
     * @param s a string, may be null or empty
     * @return a string cell or the missing cell
     */
    public static DataCell string(final String s) {
        return s == null || s.isEmpty() ? DataType.getMissingCell() : new StringCell(s);
    }

    /**
     * @param d a number
     * @return a double cell, missing for NaN
     */
    public static DataCell number(final double d) {
        return Double.isNaN(d) ? DataType.getMissingCell() : new DoubleCell(d);
    }

    /**
     * @param text text as written by the engine ("" for not applicable)
     * @param type target type
     * @return the cell; missing when empty or unparsable
     */
    public static DataCell parse(final String text, final DataType type) {
        if (text == null || text.isBlank()) {
            return DataType.getMissingCell();
        }
        try {
            if (type.equals(DoubleCell.TYPE)) {
                return new DoubleCell(Double.parseDouble(text.trim()));
            } else if (type.equals(IntCell.TYPE)) {
                return new IntCell(Integer.parseInt(text.trim()));
            } else if (type.equals(LongCell.TYPE)) {
                return new LongCell(Long.parseLong(text.trim()));
            }
        } catch (NumberFormatException e) {
            return DataType.getMissingCell();
        }
        return new StringCell(text);
    }

    /**
     * @param cell any cell
     * @return its text ("" for missing); integers without decimals
     */
    public static String text(final DataCell cell) {
        if (cell == null || cell.isMissing()) {
            return "";
        }
        if (cell instanceof StringValue s) {
            return s.getStringValue();
        }
        if (cell instanceof IntValue i) {
            return Integer.toString(i.getIntValue());
        }
        if (cell instanceof LongValue l) {
            return Long.toString(l.getLongValue());
        }
        if (cell instanceof DoubleValue d) {
            return Double.toString(d.getDoubleValue());
        }
        return cell.toString();
    }

    /**
     * @param cell a cell
     * @return its number, NaN when missing or not numeric
     */
    public static double number(final DataCell cell) {
        if (cell == null || cell.isMissing() || !(cell instanceof DoubleValue d)) {
            return Double.NaN;
        }
        return d.getDoubleValue();
    }
}
