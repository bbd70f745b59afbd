package org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates;

import org.knime.node.parameters.updates.EffectPredicate;

/**
 * Stand-in (internal in KNIME).
 *
 * @param children the combined predicates
 */
public record And(EffectPredicate... children) implements EffectPredicate {

    @Override
    public <T> T accept(final PredicateVisitor<T> visitor) {
        return visitor.visit(this);
    }
}
