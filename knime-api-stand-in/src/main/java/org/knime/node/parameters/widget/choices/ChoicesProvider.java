package org.knime.node.parameters.widget.choices;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in: the possible values of a drop-down. */
@Retention(RUNTIME)
@Target(FIELD)
public @interface ChoicesProvider {

    /** @return the provider class */
    @SuppressWarnings("rawtypes")
    Class<? extends ChoicesStateProvider> value();
}
