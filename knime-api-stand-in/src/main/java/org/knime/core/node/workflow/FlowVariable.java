package org.knime.core.node.workflow;

import java.util.Objects;

/**
 * Stand-in of KNIME's flow variable (knime-core {@code org.knime.core.node.workflow.FlowVariable}): the public
 * constructors {@code (String, String)}, {@code (String, double)}, {@code (String, int)} and
 * {@code (String, VariableType<T>, T)}, the name, type and typed value getters. Scopes, credentials and
 * persistence are not stood in.
 */
public final class FlowVariable {

    private final String m_name;

    private final VariableType<?> m_type;

    private final Object m_value;

    /**
     * @param <T> value type
     * @param name the variable's name
     * @param type its type
     * @param value its value
     */
    public <T> FlowVariable(final String name, final VariableType<T> type, final T value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Invalid (empty) flow variable name");
        }
        m_name = name;
        m_type = Objects.requireNonNull(type, "Type must not be null");
        m_value = Objects.requireNonNull(value, "Value must not be null");
    }

    /**
     * @param name name
     * @param valueS string value
     */
    public FlowVariable(final String name, final String valueS) {
        this(name, VariableType.StringType.INSTANCE, valueS);
    }

    /**
     * @param name name
     * @param valueD double value
     */
    public FlowVariable(final String name, final double valueD) {
        this(name, VariableType.DoubleType.INSTANCE, valueD);
    }

    /**
     * @param name name
     * @param valueI int value
     */
    public FlowVariable(final String name, final int valueI) {
        this(name, VariableType.IntType.INSTANCE, valueI);
    }

    /** @return the name */
    public String getName() {
        return m_name;
    }

    /** @return the type */
    public VariableType<?> getVariableType() {
        return m_type;
    }

    /**
     * @param <T> value type
     * @param expectedType the type of the variable
     * @return the value
     * @throws IllegalArgumentException if the variable is of another type
     */
    @SuppressWarnings("unchecked")
    public <T> T getValue(final VariableType<T> expectedType) {
        if (!m_type.equals(expectedType)) {
            throw new IllegalArgumentException("Flow variable does not represent value of class \"" + expectedType
                + "\" (but \"" + m_type + "\")");
        }
        return (T)m_value;
    }

    /** @return the string value, or null if not a string variable */
    public String getStringValue() {
        return m_type == VariableType.StringType.INSTANCE ? (String)m_value : null;
    }

    /** @return the double value, or NaN if not a double variable */
    public double getDoubleValue() {
        return m_type == VariableType.DoubleType.INSTANCE ? (Double)m_value : Double.NaN;
    }

    /** @return the int value, or 0 if not an int variable */
    public int getIntValue() {
        return m_type == VariableType.IntType.INSTANCE ? (Integer)m_value : 0;
    }

    /** @return the value as text */
    public String getValueAsString() {
        return String.valueOf(m_value);
    }

    @Override
    public String toString() {
        return "\"" + m_name + "\" (" + m_type + ": " + m_value + ")";
    }
}
