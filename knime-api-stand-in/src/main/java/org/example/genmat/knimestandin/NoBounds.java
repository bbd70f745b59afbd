package org.example.genmat.knimestandin;

import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/** Defaults of the stand-in's NumberInputWidget (KNIME uses internal type-dependent bounds here). */
public final class NoBounds {

    private NoBounds() {
    }

    /** No lower bound. */
    public static final class NoMin extends MinValidation {
        @Override
        protected double getMin() {
            return Double.NEGATIVE_INFINITY;
        }
    }

    /** No upper bound. */
    public static final class NoMax extends MaxValidation {
        @Override
        protected double getMax() {
            return Double.POSITIVE_INFINITY;
        }
    }
}
