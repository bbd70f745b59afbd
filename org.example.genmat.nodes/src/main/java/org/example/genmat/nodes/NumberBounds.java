package org.example.genmat.nodes;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/**
 * Checks the number limits declared with {@link NumberInputWidget} on a parameters object. KNIME's dialog enforces
 * them, but settings that arrive by flow variable or from a saved workflow reach the node without that check
 * (KNIME's {@code validateSettings} loads the parameters and calls {@code validate()}, nothing else), so each
 * parameters class calls this from {@code validate()}. The annotation stays the one definition of each range.
 */
public final class NumberBounds {

    private NumberBounds() {
    }

    /**
     * @param parameters a parameters object; fields of nested {@link WidgetGroup}s are checked too
     * @throws InvalidSettingsException naming the first setting outside its range, or a double that is not finite
     */
    public static void check(final Object parameters) throws InvalidSettingsException {
        for (Class<?> c = parameters.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    checkField(parameters, f);
                }
            }
        }
    }

    private static void checkField(final Object parameters, final Field f) throws InvalidSettingsException {
        final Object value = get(parameters, f);
        if (value instanceof WidgetGroup group) {
            check(group);
            return;
        }
        if (!(value instanceof Number number)) {
            return;
        }
        final double v = number.doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidSettingsException(title(f) + ": " + v + " is not a number in range.");
        }
        final NumberInputWidget w = f.getAnnotation(NumberInputWidget.class);
        if (w == null) {
            return;
        }
        if (!isDefault("minValidation", w.minValidation())) {
            final MinValidation min = create(w.minValidation());
            final double lo = bound(min, "getMin");
            if (min.isExclusive() ? v <= lo : v < lo) {
                throw new InvalidSettingsException(title(f) + " is " + number + ". " + min.getErrorMessage());
            }
        }
        if (!isDefault("maxValidation", w.maxValidation())) {
            final MaxValidation max = create(w.maxValidation());
            final double hi = bound(max, "getMax");
            if (max.isExclusive() ? v >= hi : v > hi) {
                throw new InvalidSettingsException(title(f) + " is " + number + ". " + max.getErrorMessage());
            }
        }
    }

    private static String title(final Field f) {
        final Widget w = f.getAnnotation(Widget.class);
        return "\"" + (w != null ? w.title() : f.getName()) + "\"";
    }

    /** The annotation's default validation is KNIME's type-dependent one: the Java type already bounds the value. */
    private static boolean isDefault(final String member, final Class<?> validation) {
        try {
            return NumberInputWidget.class.getDeclaredMethod(member).getDefaultValue() == validation;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object get(final Object o, final Field f) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T create(final Class<T> c) {
        try {
            final Constructor<T> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Validation class " + c.getName() + " needs a no-arg constructor", e);
        }
    }

    /** {@code getMin()}/{@code getMax()} are protected in KNIME's base classes (public in its built-in ones). */
    private static double bound(final Object validation, final String name) {
        for (Class<?> c = validation.getClass(); c != null; c = c.getSuperclass()) {
            try {
                final Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return ((Number)m.invoke(validation)).doubleValue();
            } catch (NoSuchMethodException e) {
                // declared further up
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No " + name + " on " + validation.getClass().getName());
    }
}
