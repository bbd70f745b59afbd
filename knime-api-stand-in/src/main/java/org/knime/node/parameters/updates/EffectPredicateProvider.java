package org.knime.node.parameters.updates;

import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.And;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.Not;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.Or;
import org.knime.node.parameters.NodeParametersInput;

/** Stand-in: declares the predicate of an {@link Effect}. */
@FunctionalInterface
public interface EffectPredicateProvider {

    /**
     * @param i initializer giving access to referenced fields and the node input
     * @return the predicate
     */
    EffectPredicate init(PredicateInitializer i);

    /** Stand-in: access to referenced fields and the input (KNIME's also has array and StringOrEnum references). */
    interface PredicateInitializer {

        /** @param reference a String field's reference @return its predicates */
        StringReference getString(Class<? extends ParameterReference<String>> reference);

        /** @param reference a boolean field's reference @return its predicates */
        BooleanReference getBoolean(Class<? extends ParameterReference<Boolean>> reference);

        /**
         * @param <E> enum type
         * @param reference an enum field's reference
         * @return its predicates
         */
        <E extends Enum<E>> EnumReference<E> getEnum(Class<? extends ParameterReference<E>> reference);

        /** Predicates on a String field. */
        interface StringReference {
            /** @param value a value @return the field equals it */
            EffectPredicate isEqualTo(String value);

            /** @param pattern a regular expression @return the field matches it */
            EffectPredicate matchesPattern(String pattern);
        }

        /** Predicates on a boolean field. */
        interface BooleanReference {
            /** @return the field is true */
            EffectPredicate isTrue();

            /** @return the field is false */
            EffectPredicate isFalse();
        }

        /**
         * Predicates on an enum field.
         *
         * @param <E> enum type
         */
        interface EnumReference<E extends Enum<E>> {
            /** @param values constants @return the field is one of them */
            @SuppressWarnings("unchecked")
            EffectPredicate isOneOf(E... values);
        }

        /** @param reference a reference @return whether no field carries it */
        boolean isMissing(Class<? extends ParameterReference<?>> reference);

        /**
         * @param predicate on the node input when the dialog opens
         * @return a predicate constant while the input does not change
         */
        EffectPredicate getConstant(java.util.function.Predicate<NodeParametersInput> predicate);

        /** @return never holds */
        default EffectPredicate never() {
            return getConstant(context -> false);
        }

        /** @return always holds */
        default EffectPredicate always() {
            return getConstant(context -> true);
        }

        /** @param predicateProviderClass another provider @return its predicate */
        EffectPredicate getPredicate(Class<? extends EffectPredicateProvider> predicateProviderClass);

        /** @param predicateProvider another provider @return its predicate */
        EffectPredicate getPredicate(EffectPredicateProvider predicateProvider);
    }

    /** @param predicates predicates @return all hold */
    default EffectPredicate and(final EffectPredicate... predicates) {
        return new And(predicates);
    }

    /** @param predicate a predicate @return it does not hold */
    default EffectPredicate not(final EffectPredicate predicate) {
        return new Not(predicate);
    }

    /** @param predicates predicates @return any holds */
    default EffectPredicate or(final EffectPredicate... predicates) {
        return new Or(predicates);
    }
}
