package org.example.genmat.knimestandin;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.And;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.ConstantPredicate;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.Not;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.Or;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.PredicateVisitor;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.ValuePredicate;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.EffectPredicateProvider.PredicateInitializer;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;

/**
 * Evaluates {@link Effect}s the way KNIME's dialog applies them: the effects on a field, on its class and on every
 * enclosing group field; predicates read the current values of {@link ValueReference} fields anywhere in the
 * parameters (a reference that no field or several fields carry is an error, as in KNIME) and the node input.
 */
public final class Effects {

    private Effects() {
    }

    /**
     * @param visible whether the dialog shows the field
     * @param enabled whether the dialog lets the user change it
     */
    public record State(boolean visible, boolean enabled) {
    }

    /**
     * @param params current parameters
     * @param fieldName field name, also of a field inside a nested group
     * @param input the node input as the dialog sees it
     * @return how the dialog shows the field
     */
    public static State of(final Object params, final String fieldName, final NodeParametersInput input) {
        final List<Effect> effects = new ArrayList<>();
        if (!collect(params.getClass(), fieldName, effects)) {
            throw new IllegalArgumentException("No field " + fieldName + " in " + params.getClass().getName());
        }
        boolean visible = true;
        boolean enabled = true;
        for (Effect e : effects) {
            final boolean holds = evaluate(predicate(e.predicate(), params, input), params, input);
            switch (e.type()) {
                case SHOW -> visible &= holds;
                case HIDE -> visible &= !holds;
                case ENABLE -> enabled &= holds;
                default -> enabled &= !holds;
            }
        }
        return new State(visible, enabled);
    }

    /** Adds the effects that apply to the field; false if the field is not in this class or its groups. */
    private static boolean collect(final Class<?> type, final String fieldName, final List<Effect> out) {
        for (Field f : ParametersPersistence.fields(type)) {
            if (f.getName().equals(fieldName)) {
                add(type.getAnnotation(Effect.class), out);
                add(f.getAnnotation(Effect.class), out);
                return true;
            }
            if (WidgetGroup.class.isAssignableFrom(f.getType())) {
                final List<Effect> inner = new ArrayList<>();
                if (collect(f.getType(), fieldName, inner)) {
                    add(type.getAnnotation(Effect.class), out);
                    add(f.getAnnotation(Effect.class), out);
                    out.addAll(inner);
                    return true;
                }
            }
        }
        return false;
    }

    private static void add(final Effect e, final List<Effect> out) {
        if (e != null) {
            out.add(e);
        }
    }

    private static EffectPredicate predicate(final Class<? extends EffectPredicateProvider> provider,
        final Object params, final NodeParametersInput input) {
        return create(provider).init(new Initializer(params, input));
    }

    private static boolean evaluate(final EffectPredicate p, final Object params, final NodeParametersInput input) {
        return p.accept(new PredicateVisitor<Boolean>() {
            @Override
            public Boolean visit(final And and) {
                return Arrays.stream(and.children()).allMatch(c -> c.accept(this));
            }

            @Override
            public Boolean visit(final Or or) {
                return Arrays.stream(or.children()).anyMatch(c -> c.accept(this));
            }

            @Override
            public Boolean visit(final Not not) {
                return !not.child().accept(this);
            }

            @Override
            public Boolean visit(final ConstantPredicate constant) {
                return constant.test().test(input);
            }

            @Override
            public Boolean visit(final ValuePredicate value) {
                return value.test().test(referenced(params, value.reference()));
            }
        });
    }

    /** The value of the one field carrying {@code @ValueReference(reference)}. */
    static Object referenced(final Object params, final Class<?> reference) {
        final List<Object> found = new ArrayList<>();
        find(params, reference, found);
        if (found.size() != 1) {
            throw new IllegalStateException((found.isEmpty() ? "No" : "More than one") + " field with @ValueReference("
                + reference.getSimpleName() + ") in " + params.getClass().getName());
        }
        return found.get(0);
    }

    private static void find(final Object params, final Class<?> reference, final List<Object> found) {
        for (Field f : ParametersPersistence.fields(params.getClass())) {
            final Object v;
            try {
                v = f.get(params);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            final ValueReference r = f.getAnnotation(ValueReference.class);
            if (r != null && r.value() == reference) {
                found.add(v);
            }
            if (v instanceof WidgetGroup) {
                find(v, reference, found);
            }
        }
    }

    private static <T> T create(final Class<T> c) {
        try {
            final Constructor<T> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c.getName() + " needs a no-arg constructor", e);
        }
    }

    private static final class Initializer implements PredicateInitializer {
        private final Object m_params;

        private final NodeParametersInput m_input;

        Initializer(final Object params, final NodeParametersInput input) {
            m_params = params;
            m_input = input;
        }

        private static EffectPredicate on(final Class<?> ref, final Predicate<Object> test) {
            return new ValuePredicate(ref, test);
        }

        @Override
        public StringReference getString(final Class<? extends ParameterReference<String>> reference) {
            return new StringReference() {
                @Override
                public EffectPredicate isEqualTo(final String value) {
                    return on(reference, v -> Objects.equals(v, value));
                }

                @Override
                public EffectPredicate matchesPattern(final String pattern) {
                    return on(reference, v -> v != null && ((String)v).matches(pattern));
                }
            };
        }

        @Override
        public BooleanReference getBoolean(final Class<? extends ParameterReference<Boolean>> reference) {
            return new BooleanReference() {
                @Override
                public EffectPredicate isTrue() {
                    return on(reference, Boolean.TRUE::equals);
                }

                @Override
                public EffectPredicate isFalse() {
                    return on(reference, Boolean.FALSE::equals);
                }
            };
        }

        @Override
        public <E extends Enum<E>> EnumReference<E> getEnum(final Class<? extends ParameterReference<E>> reference) {
            return values -> on(reference, v -> Arrays.asList(values).contains(v));
        }

        @Override
        public boolean isMissing(final Class<? extends ParameterReference<?>> reference) {
            final List<Object> found = new ArrayList<>();
            find(m_params, reference, found);
            return found.isEmpty();
        }

        @Override
        public EffectPredicate getConstant(final Predicate<NodeParametersInput> predicate) {
            return new ConstantPredicate(predicate);
        }

        @Override
        public EffectPredicate getPredicate(final Class<? extends EffectPredicateProvider> predicateProviderClass) {
            return create(predicateProviderClass).init(this);
        }

        @Override
        public EffectPredicate getPredicate(final EffectPredicateProvider predicateProvider) {
            return predicateProvider.init(this);
        }
    }
}
