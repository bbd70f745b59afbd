package org.knime.node.parameters.widget.choices;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in: the label (and description) of an enum constant in a choices widget. */
@Retention(RUNTIME)
@Target(FIELD)
public @interface Label {

    /** @return label */
    String value();

    /** @return description */
    String description() default "";

    /** @return whether disabled */
    boolean disabled() default false;
}
