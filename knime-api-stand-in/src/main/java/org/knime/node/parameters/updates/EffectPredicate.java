package org.knime.node.parameters.updates;

import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.And;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.Not;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.Or;
import org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates.PredicateVisitor;

/** Stand-in: a predicate built by a {@link EffectPredicateProvider.PredicateInitializer}, combinable. */
public interface EffectPredicate {

    /**
     * @param <T> result type
     * @param visitor resolves the predicate
     * @return the visitor's result
     */
    <T> T accept(PredicateVisitor<T> visitor);

    /** @param other another predicate @return both hold */
    default EffectPredicate and(final EffectPredicate other) {
        return new And(this, other);
    }

    /** @param other another predicate @return either holds */
    default EffectPredicate or(final EffectPredicate other) {
        return new Or(this, other);
    }

    /** @return the opposite */
    default EffectPredicate negate() {
        return new Not(this);
    }
}
