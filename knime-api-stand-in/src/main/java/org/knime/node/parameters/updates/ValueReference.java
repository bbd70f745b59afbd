package org.knime.node.parameters.updates;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in: makes a field's value available to predicates and state providers under a reference class. */
@Retention(RUNTIME)
@Target(FIELD)
public @interface ValueReference {

    /** @return the reference class */
    @SuppressWarnings("rawtypes")
    Class<? extends ParameterReference> value();
}
