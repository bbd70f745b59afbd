package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code BooleanValue}. */
public interface BooleanValue extends DataValue {
    /** @return the value */
    boolean getBooleanValue();
}
