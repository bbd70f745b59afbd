package org.knime.core.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stand-in for KNIME's column type: one type per cell class, compatible with the value interfaces it implements. */
public final class DataType {

    private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();

    private static final DataCell MISSING = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;

    private DataType(final Class<? extends DataCell> cellClass) {
        m_cellClass = cellClass;
    }

    /**
     * @param cell the cell class
     * @return the (shared) type for cells of that class
     */
    public static DataType getType(final Class<? extends DataCell> cell) {
        return TYPES.computeIfAbsent(cell, DataType::new);
    }

    /** @return the missing cell singleton */
    public static DataCell getMissingCell() {
        return MISSING;
    }

    /**
     * @param valueClass a value interface
     * @return whether cells of this type implement it
     */
    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    /**
     * @param type another type
     * @return whether that type's cells are of this type's class or a subclass
     */
    public boolean isASuperTypeOf(final DataType type) {
        return type != null && m_cellClass.isAssignableFrom(type.m_cellClass);
    }

    /** @return the cell class */
    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    /** @return a short name ("Number (Float)", "String", ...) */
    public String getName() {
        final String simple = m_cellClass.getSimpleName();
        return switch (simple) {
            case "DoubleCell" -> "Number (Float)";
            case "IntCell" -> "Number (Integer)";
            case "LongCell" -> "Number (Long)";
            case "StringCell" -> "String";
            case "BooleanCell" -> "Boolean";
            default -> simple;
        };
    }

    @Override
    public String toString() {
        return getName();
    }
}
