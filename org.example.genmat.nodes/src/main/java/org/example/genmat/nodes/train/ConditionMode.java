package org.example.genmat.nodes.train;

import org.knime.node.parameters.widget.choices.Label;

/** Whether and how the model is conditioned on a column. */
enum ConditionMode {
    /** Unconditional. */
    @Label(value = "None", description = "Unconditional model.")
    NONE,
    /** One-hot class. */
    @Label(value = "Class", description = "Condition on the class in the condition column (one-hot).")
    CLASS,
    /** Scaled property. */
    @Label(value = "Property", description = "Condition on the numeric property in the condition column"
        + " (standardised).")
    PROPERTY
}
