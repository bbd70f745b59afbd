package org.knime.core.data;

/** Stand-in for KNIME's value interface {@code StringValue}. */
public interface StringValue extends DataValue {
    /** @return the value */
    String getStringValue();
}
