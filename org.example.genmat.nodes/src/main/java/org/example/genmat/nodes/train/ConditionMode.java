package org.example.genmat.nodes.train;

import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.node.parameters.widget.choices.Label;

/** Whether and how the model is conditioned on a column. */
enum ConditionMode {
    /** Unconditional. */
    @Label(value = "None", description = "Unconditional model.")
    NONE,
    /** One-hot class. */
    @Label(value = "Class", description = "Condition on the class (a string or whole-number label) in the condition"
        + " column (one-hot).")
    CLASS,
    /** Scaled property. */
    @Label(value = "Property", description = "Condition on the numeric property in the condition column"
        + " (standardised).")
    PROPERTY;

    /**
     * The one rule of which columns a mode can condition on, for the dialog's drop-down and configure's check: class
     * labels are strings or whole numbers, properties are numbers.
     *
     * @param type a column's type
     * @return whether a column of that type fits this mode
     */
    boolean fits(final DataType type) {
        return switch (this) {
            case NONE -> true;
            case CLASS -> type.isCompatible(StringValue.class) || type.isCompatible(IntValue.class)
                || type.isCompatible(LongValue.class);
            case PROPERTY -> type.isCompatible(DoubleValue.class);
        };
    }
}
