package org.knime.node.parameters.widget.number;

/** Stand-in: bounds checked on number widgets (the stand-in harness checks them when settings are loaded). */
public sealed interface NumberInputWidgetValidation {

    /** @return whether the bound is exclusive */
    default boolean isExclusive() {
        return false;
    }

    /** @return message when violated */
    String getErrorMessage();

    /** A lower bound. */
    abstract non-sealed class MinValidation implements NumberInputWidgetValidation {

        @Override
        public String getErrorMessage() {
            return String.format(isExclusive() ? "The value must be greater than %s." : "The value must be at least %s.",
                java.math.BigDecimal.valueOf(getMin()).stripTrailingZeros().toPlainString());
        }

        /** @return the bound */
        protected abstract double getMin();

        /** At least 0. */
        public static final class IsNonNegativeValidation extends MinValidation {
            @Override
            public double getMin() {
                return 0;
            }
        }

        /** At least 1. */
        public static final class IsPositiveIntegerValidation extends MinValidation {
            @Override
            public double getMin() {
                return 1;
            }
        }

        /** Greater than 0. */
        public static final class IsPositiveDoubleValidation extends MinValidation {
            @Override
            public double getMin() {
                return 0;
            }

            @Override
            public boolean isExclusive() {
                return true;
            }
        }
    }

    /** An upper bound. */
    abstract non-sealed class MaxValidation implements NumberInputWidgetValidation {

        @Override
        public String getErrorMessage() {
            return String.format(isExclusive() ? "The value must be less than %s." : "The value must not exceed %s.",
                java.math.BigDecimal.valueOf(getMax()).stripTrailingZeros().toPlainString());
        }

        /** @return the bound */
        protected abstract double getMax();
    }
}
