package org.example.genmat.nodes;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/**
 * The dialog's face of the engine's {@link NumberRange}s: a number widget's bounds are a {@link Min}/{@link Max}
 * subclass naming the engine's range (KNIME's annotations take classes, so each bounded field has its two tiny
 * classes), and {@link #settings} names the dialog field of a {@link SettingException} the engine throws. The range
 * itself is defined once, in the engine's settings record, and checked there: KNIME's dialog alone enforces widget
 * limits (a value from a flow variable or a saved workflow reaches {@code validate()} unchecked), so each node's
 * {@code validate()} builds its record through {@link #settings}.
 */
public final class EngineRange {

    private EngineRange() {
    }

    /** The lower bound of an engine range, for {@link NumberInputWidget#minValidation()}. */
    public abstract static class Min extends MinValidation {
        private final NumberRange m_range;

        protected Min(final NumberRange range) {
            m_range = range;
        }

        /** @return the engine's range */
        public NumberRange range() {
            return m_range;
        }

        @Override
        public double getMin() {
            return m_range.min();
        }

        @Override
        public boolean isExclusive() {
            return m_range.minExclusive();
        }
    }

    /** The upper bound of an engine range, for {@link NumberInputWidget#maxValidation()}. */
    public abstract static class Max extends MaxValidation {
        private final NumberRange m_range;

        protected Max(final NumberRange range) {
            m_range = range;
        }

        /** @return the engine's range */
        public NumberRange range() {
            return m_range;
        }

        @Override
        public double getMax() {
            return m_range.max();
        }

        @Override
        public boolean isExclusive() {
            return m_range.maxExclusive();
        }
    }

    /** Makes an engine settings record from a node's parameters. @param <T> the record */
    @FunctionalInterface
    public interface Build<T> {
        /** @return the record @throws InvalidSettingsException when a value cannot be read at all */
        T get() throws InvalidSettingsException;
    }

    /**
     * Builds the engine's settings record from a node's parameters.
     *
     * @param <T>        the settings record
     * @param parameters the node's parameters (their number widgets name the dialog fields)
     * @param build      makes the record from the parameters
     * @return the record
     * @throws InvalidSettingsException the engine's message, with the title of the dialog field it is about
     */
    public static <T> T settings(final Object parameters, final Build<T> build) throws InvalidSettingsException {
        try {
            return build.get();
        } catch (SettingException e) {
            throw new InvalidSettingsException("\"" + title(parameters, e.setting()) + "\": " + e.getMessage()
                + (e.needed() == null ? "" : "; set \"" + title(parameters, e.needed()) + "\"") + ".", e);
        }
    }

    /**
     * @param parameters a parameters object; nested {@link WidgetGroup}s are searched too
     * @param setting    a settings-record component
     * @return the dialog title of the field bounded by that setting's range, or else of the field {@code m_<setting>};
     *         the setting's name when there is none
     */
    static String title(final Object parameters, final String setting) {
        final Field f = field(parameters, setting);
        final Widget w = f == null ? null : f.getAnnotation(Widget.class);
        return w != null ? w.title() : setting;
    }

    private static Field field(final Object parameters, final String setting) {
        Field byName = null;
        for (Class<?> c = parameters.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                if (setting.equals(rangeOf(f))) {
                    return f;
                }
                if (f.getName().equals("m_" + setting)) {
                    byName = f;
                }
                if (WidgetGroup.class.isAssignableFrom(f.getType())) {
                    final Object nested = get(parameters, f);
                    final Field inner = nested == null ? null : field(nested, setting);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
        }
        return byName;
    }

    /** @return the setting whose range bounds this field's number widget, or null */
    private static String rangeOf(final Field f) {
        final NumberInputWidget w = f.getAnnotation(NumberInputWidget.class);
        if (w == null || !Min.class.isAssignableFrom(w.minValidation())) {
            return null;
        }
        return create(w.minValidation().asSubclass(Min.class)).range().setting();
    }

    private static Object get(final Object o, final Field f) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T create(final Class<T> c) {
        try {
            final Constructor<T> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Validation class " + c.getName() + " needs a no-arg constructor", e);
        }
    }
}
