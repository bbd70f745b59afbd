package org.knime.core.webui.node.dialog.defaultdialog.widget.updates.predicates;

/**
 * Stand-in of KNIME's internal resolver of effect predicates (own design; node code never uses it).
 *
 * @param <T> result type
 */
public interface PredicateVisitor<T> {

    /** @param and all of @return result */
    T visit(And and);

    /** @param or any of @return result */
    T visit(Or or);

    /** @param not negation @return result */
    T visit(Not not);

    /** @param constant predicate on the node input @return result */
    T visit(ConstantPredicate constant);

    /** @param value predicate on a referenced field @return result */
    T visit(ValuePredicate value);
}
