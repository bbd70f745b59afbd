package org.knime.node.parameters.widget.choices;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in: shows an enum setting as RadioButtons. */
@Retention(RUNTIME)
@Target(FIELD)
public @interface RadioButtonsWidget {

    /** @return whether the buttons are laid out horizontally */
    boolean horizontal() default false;
}
