package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code DoubleValue}. */
public interface DoubleValue extends DataValue {
    /** @return the value */
    double getDoubleValue();
}
