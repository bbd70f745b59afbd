package org.knime.node.parameters;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in: the field is a dialog widget with this title and description (also used in the node description). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@Inherited
public @interface Widget {

    /** @return title */
    String title();

    /** @return description */
    String description();

    /** @return whether advanced */
    boolean advanced() default false;
}
