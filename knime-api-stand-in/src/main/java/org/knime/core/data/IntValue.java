package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code IntValue}. */
public interface IntValue extends DataValue {
    /** @return the value */
    int getIntValue();
}
