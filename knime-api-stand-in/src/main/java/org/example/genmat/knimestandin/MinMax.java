package org.example.genmat.knimestandin;

import java.lang.reflect.Method;

import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/** Reads the protected bounds of validation classes (KNIME's dialog framework does the same internally). */
final class MinMax {

    private MinMax() {
    }

    static double min(final MinValidation v) {
        return call(v, "getMin");
    }

    static double max(final MaxValidation v) {
        return call(v, "getMax");
    }

    private static double call(final Object v, final String name) {
        Class<?> c = v.getClass();
        while (c != null) {
            try {
                final Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return (Double)m.invoke(v);
            } catch (NoSuchMethodException e) {
                c = c.getSuperclass();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No " + name + " on " + v.getClass());
    }
}
