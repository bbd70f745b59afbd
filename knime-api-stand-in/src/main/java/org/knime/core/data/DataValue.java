package org.knime.core.data;

/** Stand-in: marker for the value interfaces a cell implements (KNIME: org.knime.core.data.DataValue). */
public interface DataValue {
}
