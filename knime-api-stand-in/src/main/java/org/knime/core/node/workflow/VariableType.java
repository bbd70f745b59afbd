package org.knime.core.node.workflow;

import java.util.Set;

/**
 * Stand-in of KNIME's flow variable type (knime-core {@code org.knime.core.node.workflow.VariableType}, since
 * 4.1): singleton subclasses {@link BooleanType}, {@link DoubleType}, {@link IntType}, {@link LongType},
 * {@link StringType} with {@code INSTANCE}; {@link #getConvertibleTypes()} as in KNIME (an int converts to a
 * double and a string, a double to a string). Value persistence, icons and the other types are not stood in.
 *
 * @param <T> the simple value type
 */
public abstract class VariableType<T> {

    private VariableType() {
    }

    /** Boolean variables. */
    public static final class BooleanType extends VariableType<Boolean> {
        /** The singleton. */
        public static final BooleanType INSTANCE = new BooleanType();

        private BooleanType() {
        }

        @Override
        public String getIdentifier() {
            return "BOOLEAN";
        }
    }

    /** Double variables. */
    public static final class DoubleType extends VariableType<Double> {
        /** The singleton. */
        public static final DoubleType INSTANCE = new DoubleType();

        private DoubleType() {
        }

        @Override
        public String getIdentifier() {
            return "DOUBLE";
        }

        @Override
        public Set<VariableType<?>> getConvertibleTypes() {
            return Set.of(this, StringType.INSTANCE);
        }
    }

    /** Integer variables. */
    public static final class IntType extends VariableType<Integer> {
        /** The singleton. */
        public static final IntType INSTANCE = new IntType();

        private IntType() {
        }

        @Override
        public String getIdentifier() {
            return "INTEGER";
        }

        @Override
        public Set<VariableType<?>> getConvertibleTypes() {
            return Set.of(this, DoubleType.INSTANCE, StringType.INSTANCE);
        }
    }

    /** Long variables. */
    public static final class LongType extends VariableType<Long> {
        /** The singleton. */
        public static final LongType INSTANCE = new LongType();

        private LongType() {
        }

        @Override
        public String getIdentifier() {
            return "LONG";
        }
    }

    /** String variables. */
    public static final class StringType extends VariableType<String> {
        /** The singleton. */
        public static final StringType INSTANCE = new StringType();

        private StringType() {
        }

        @Override
        public String getIdentifier() {
            return "STRING";
        }
    }

    /** @return the identifier (e.g. "INTEGER") */
    public abstract String getIdentifier();

    /** @return the types a value of this type converts to (itself included) */
    public Set<VariableType<?>> getConvertibleTypes() {
        return Set.of(this);
    }

    /**
     * @param type another type
     * @return whether values of this type convert to it
     */
    public final boolean isConvertible(final VariableType<?> type) {
        return getConvertibleTypes().contains(type);
    }

    @Override
    public String toString() {
        return getIdentifier();
    }
}
