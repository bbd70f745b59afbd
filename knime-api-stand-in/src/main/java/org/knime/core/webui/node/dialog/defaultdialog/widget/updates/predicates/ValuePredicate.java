package org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates;

import java.util.function.Predicate;

import org.knime.node.parameters.updates.EffectPredicate;

/**
 * Stand-in only (KNIME's ScopedPredicate plays this part): a predicate on the value of the referenced field.
 *
 * @param reference the {@code ValueReference} class
 * @param test the test on the field's value
 */
public record ValuePredicate(Class<?> reference, Predicate<Object> test) implements EffectPredicate {

    @Override
    public <T> T accept(final PredicateVisitor<T> visitor) {
        return visitor.visit(this);
    }
}
