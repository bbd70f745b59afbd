package org.knime.node.parameters.widget.choices.util;

import java.util.Collection;
import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataValue;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;

/** Stand-in: offers the columns compatible with given value classes. */
public class CompatibleColumnsProvider implements FilteredInputTableColumnsProvider {

    private final Collection<Class<? extends DataValue>> m_valueClasses;

    /** @param valueClass the value class */
    protected CompatibleColumnsProvider(final Class<? extends DataValue> valueClass) {
        m_valueClasses = List.of(valueClass);
    }

    /** @param valueClasses the value classes */
    protected CompatibleColumnsProvider(final Collection<Class<? extends DataValue>> valueClasses) {
        m_valueClasses = valueClasses;
    }

    @Override
    public boolean isIncluded(final DataColumnSpec col) {
        return m_valueClasses.stream().anyMatch(v -> col.getType().isCompatible(v));
    }

    /** String columns of the first input. */
    public static class StringColumnsProvider extends CompatibleColumnsProvider {
        /** Reflection constructor. */
        protected StringColumnsProvider() {
            super(StringValue.class);
        }
    }

    /** Numeric columns of the first input. */
    public static class DoubleColumnsProvider extends CompatibleColumnsProvider {
        /** Reflection constructor. */
        protected DoubleColumnsProvider() {
            super(DoubleValue.class);
        }
    }
}
