package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.metrics.MetricsSettings;
import org.example.genmat.core.job.read.ReadSettings;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.nodes.EngineRange;
import org.example.genmat.knimestandin.ParametersPersistence;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/**
 * KNIME's dialog enforces the number limits of {@link NumberInputWidget}; settings from a flow variable or a saved
 * workflow only pass {@code validate()} (the stand-in loads them the same way). So for every node and every bounded
 * widget, nested groups included, a value just outside its limit must be refused by {@code validate()} with the
 * widget's title, and a value on the limit (when inclusive) accepted.
 */
class SettingsValidationTest {

    /** One bounded widget: where it is saved and its limits. */
    private record Limit(List<String> path, Field field, double min, boolean minExclusive, double max,
        boolean maxExclusive) {
    }

    @Test
    void everyWidgetLimitIsCheckedByValidateNotOnlyByTheDialog() throws Exception {
        int checked = 0;
        for (Class<? extends DefaultNodeFactory> factory : PluginDescriptionTest.factories()) {
            final NodeRunner node = NodeRunner.of(factory);
            final List<Limit> limits = new ArrayList<>();
            collect(node.parameters().getClass(), List.of(), limits);
            for (Limit l : limits) {
                final String title = l.field().getAnnotation(Widget.class).title();
                if (l.min() > Double.NEGATIVE_INFINITY) {
                    final double below = l.minExclusive() ? l.min() : l.min() - 1;
                    assertThatThrownBy(() -> node.loadSettings(with(node, l, below)))
                        .as("%s: %s = %s", factory.getSimpleName(), title, below)
                        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining(title);
                    checked++;
                }
                if (l.max() < Double.POSITIVE_INFINITY) {
                    // + 1 is no step at 3.4E38 (float32's limit of the real-valued settings): the next double is
                    final double above = l.maxExclusive() ? l.max()
                        : l.field().getType() == double.class ? Math.max(l.max() + 1, Math.nextUp(l.max())) : l.max() + 1;
                    assertThatThrownBy(() -> node.loadSettings(with(node, l, above)))
                        .as("%s: %s = %s", factory.getSimpleName(), title, above)
                        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining(title);
                    checked++;
                }
                if (l.field().getType() == double.class) {
                    assertThatThrownBy(() -> node.loadSettings(with(node, l, Double.NaN)))
                        .as("%s: %s = NaN", factory.getSimpleName(), title).hasMessageContaining(title);
                }
            }
            // and the saved defaults pass, as do they in the dialog
            node.loadSettings(node.saveSettings());
            assertThat(ParametersPersistence.dialogErrors(node.parameters())).isEmpty();
        }
        assertThat(checked).as("limits checked over the seven nodes").isGreaterThanOrEqualTo(25);
    }

    /** The engine classes whose ranges the dialogs show (every settings record with numeric settings). */
    private static final List<Class<?>> ENGINE_SETTINGS = List.of(TrainingSettings.class,
        org.example.genmat.core.featurize.Featurizers.Options.class, SampleSettings.class, MetricsSettings.class,
        MetricsSettings.Study.class, ReadSettings.class, ValidityOptions.class);

    /**
     * Each range is defined once, in the engine: every bounded number widget of every node takes its bounds from one
     * of the engine's {@link NumberRange} constants (an {@link EngineRange.Min}/{@link EngineRange.Max}), never from
     * a number of its own or one of KNIME's fixed validations, and shows the upper bound whenever the engine has one
     * inside the field's type.
     */
    @Test
    void everyNumberWidgetShowsTheEngineRange() throws Exception {
        final List<NumberRange> engine = new ArrayList<>();
        for (Class<?> c : ENGINE_SETTINGS) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == NumberRange.class) {
                    engine.add((NumberRange)f.get(null));
                }
            }
        }
        assertThat(engine).as("engine ranges").hasSizeGreaterThanOrEqualTo(25);
        int widgets = 0;
        for (Class<? extends DefaultNodeFactory> factory : PluginDescriptionTest.factories()) {
            final List<Limit> limits = new ArrayList<>();
            collect(NodeRunner.of(factory).parameters().getClass(), List.of(), limits);
            for (Limit l : limits) {
                final NumberInputWidget w = l.field().getAnnotation(NumberInputWidget.class);
                final String where = factory.getSimpleName() + "." + l.field().getName();
                assertThat(w.minValidation()).as(where + ": min from the engine").isAssignableTo(EngineRange.Min.class);
                final NumberRange range = ((EngineRange.Min)create(w.minValidation())).range();
                assertThat(engine).as(where + ": a range constant of the engine").anyMatch(r -> r == range);
                assertThat(l.min()).as(where + ": min").isEqualTo(range.min());
                assertThat(l.minExclusive()).as(where + ": min exclusive").isEqualTo(range.minExclusive());
                final double typeMax = l.field().getType() == int.class ? Integer.MAX_VALUE
                    : l.field().getType() == long.class ? Long.MAX_VALUE : Double.POSITIVE_INFINITY;
                if (range.hasMax() && range.max() < typeMax) {
                    assertThat(w.maxValidation()).as(where + ": max from the engine").isAssignableTo(EngineRange.Max.class);
                    assertThat(((EngineRange.Max)create(w.maxValidation())).range()).as(where).isSameAs(range);
                    assertThat(l.max()).as(where + ": max").isEqualTo(range.max());
                    assertThat(l.maxExclusive()).as(where + ": max exclusive").isEqualTo(range.maxExclusive());
                } else {
                    assertThat(w.maxValidation()).as(where + ": no upper bound of the node's own")
                        .isEqualTo(NumberInputWidget.class.getDeclaredMethod("maxValidation").getDefaultValue());
                }
                widgets++;
            }
        }
        assertThat(widgets).as("bounded widgets over the nodes").isGreaterThanOrEqualTo(20);
    }

    @Test
    void aValueOnAnInclusiveLimitIsAccepted() throws Exception {
        final NodeRunner node = NodeRunner.of(org.example.genmat.nodes.validity.FilterValidityNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        s.addDouble("minDistance", 0);
        node.loadSettings(s);
        assertThat(node.saveSettings().getDouble("minDistance")).isZero();
    }

    private static NodeSettings with(final NodeRunner node, final Limit l, final double value) throws Exception {
        final NodeSettings s = node.saveSettings();
        NodeSettings g = s;
        for (String key : l.path()) {
            g = g.getNodeSettings(key);
        }
        final String key = ParametersPersistence.key(l.field());
        final Class<?> t = l.field().getType();
        if (t == int.class) {
            g.addInt(key, (int)value);
        } else if (t == long.class) {
            g.addLong(key, (long)value);
        } else {
            g.addDouble(key, value);
        }
        return s;
    }

    private static void collect(final Class<?> type, final List<String> path, final List<Limit> out)
        throws Exception {
        for (Field f : ParametersPersistence.fields(type)) {
            if (WidgetGroup.class.isAssignableFrom(f.getType())) {
                final List<String> sub = new ArrayList<>(path);
                sub.add(ParametersPersistence.key(f));
                collect(f.getType(), sub, out);
                continue;
            }
            final NumberInputWidget w = f.getAnnotation(NumberInputWidget.class);
            if (w == null) {
                continue;
            }
            final Object min = create(w.minValidation());
            final Object max = create(w.maxValidation());
            out.add(new Limit(path, f, call(min, "getMin"), (Boolean)call2(min, "isExclusive"), call(max, "getMax"),
                (Boolean)call2(max, "isExclusive")));
        }
    }

    private static Object create(final Class<?> c) throws Exception {
        final Constructor<?> ctor = c.getDeclaredConstructor();
        ctor.setAccessible(true);
        return ctor.newInstance();
    }

    private static double call(final Object o, final String name) throws Exception {
        return ((Number)call2(o, name)).doubleValue();
    }

    private static Object call2(final Object o, final String name) throws Exception {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                final Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return m.invoke(o);
            } catch (NoSuchMethodException e) {
                // further up
            }
        }
        // isExclusive is a default method of the interface
        final Method m = o.getClass().getMethod(name);
        return m.invoke(o);
    }
}
