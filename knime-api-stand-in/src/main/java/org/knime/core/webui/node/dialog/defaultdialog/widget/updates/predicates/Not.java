package org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates;

import org.knime.node.parameters.updates.EffectPredicate;

/**
 * Stand-in (internal in KNIME).
 *
 * @param child the negated predicate
 */
public record Not(EffectPredicate child) implements EffectPredicate {

    @Override
    public <T> T accept(final PredicateVisitor<T> visitor) {
        return visitor.visit(this);
    }
}
