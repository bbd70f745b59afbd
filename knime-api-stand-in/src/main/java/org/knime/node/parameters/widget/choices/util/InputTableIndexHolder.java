package org.knime.node.parameters.widget.choices.util;

/** Stand-in: which input port holds the table whose columns are offered. */
public interface InputTableIndexHolder {

    /** @return the port index, 0 by default */
    default int getInputTableIndex() {
        return 0;
    }
}
