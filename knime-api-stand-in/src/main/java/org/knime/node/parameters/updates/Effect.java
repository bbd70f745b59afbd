package org.knime.node.parameters.updates;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Stand-in: hides, shows, enables or disables a field (or all fields of a class) in the dialog depending on other
 * fields ({@link ValueReference}) or on the node's input. Like KNIME's, it has no {@code @Target}.
 */
@Retention(RetentionPolicy.RUNTIME)
public @interface Effect {

    /** What the effect does when its predicate holds. */
    enum EffectType {
        /** Disabled unless the predicate holds. */
        ENABLE,
        /** Disabled when the predicate holds. */
        DISABLE,
        /** Hidden unless the predicate holds. */
        SHOW,
        /** Hidden when the predicate holds. */
        HIDE
    }

    /** @return the predicate */
    Class<? extends EffectPredicateProvider> predicate();

    /** @return the effect */
    EffectType type();
}
