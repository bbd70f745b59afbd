package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code LongValue}. */
public interface LongValue extends DataValue {
    /** @return the value */
    long getLongValue();
}
