package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code IntValue}. */
public interface IntValue extends DoubleValue {
    /** @return the value */
    int getIntValue();
}
