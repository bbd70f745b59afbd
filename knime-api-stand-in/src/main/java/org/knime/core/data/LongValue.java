package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code LongValue}. */
public interface LongValue extends DoubleValue {
    /** @return the value */
    long getLongValue();
}
