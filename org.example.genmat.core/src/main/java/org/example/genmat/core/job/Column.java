package org.example.genmat.core.job;

/**
 * One column of an output table: its name and the type both faces give it (a KNIME cell type, the text of a CSV
 * cell).
 *
 * @param name column name
 * @param type value type
 */
public record Column(String name, Type type) {

    /**
     * Value types. A row's value for a column is null (missing: an empty CSV cell, a missing KNIME cell), a
     * {@link String} (for number columns: the number's text as written, e.g. a lattice length from the crystal
     * table), or for {@link #DOUBLE} a {@link Float} or {@link Double}, for {@link #INT} an {@link Integer}, for
     * {@link #LONG} a {@link Long}, for {@link #BOOLEAN} a {@link Boolean}.
     */
    public enum Type { STRING, DOUBLE, INT, LONG, BOOLEAN }

    public Column {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("column " + name + " needs a type");
        }
    }

    public static Column string(String name) {
        return new Column(name, Type.STRING);
    }

    public static Column number(String name) {
        return new Column(name, Type.DOUBLE);
    }

    public static Column integer(String name) {
        return new Column(name, Type.INT);
    }

    public static Column count(String name) {
        return new Column(name, Type.LONG);
    }

    public static Column bool(String name) {
        return new Column(name, Type.BOOLEAN);
    }

    /**
     * The CSV text of a value of this column: empty for null; a {@link Double} as the metric tables write numbers
     * (integral values without decimals, others with six significant digits, NaN empty); anything else by its
     * {@code toString} (a {@link Float} latent value keeps every digit of its float).
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            double v = d;
            if (Double.isNaN(v)) {
                return "";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return String.format(java.util.Locale.ROOT, "%.6g", v);
        }
        return value.toString();
    }
}
