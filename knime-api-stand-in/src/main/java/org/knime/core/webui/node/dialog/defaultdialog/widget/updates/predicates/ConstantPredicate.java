package org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates;

import java.util.function.Predicate;

import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.updates.EffectPredicate;

/**
 * Stand-in (internal in KNIME): a predicate on the node input.
 *
 * @param test the test
 */
public record ConstantPredicate(Predicate<NodeParametersInput> test) implements EffectPredicate {

    @Override
    public <T> T accept(final PredicateVisitor<T> visitor) {
        return visitor.visit(this);
    }
}
