package org.knime.node.parameters.widget.number;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.example.genmat.knimestandin.NoBounds;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/** Stand-in: bounds of a number setting. */
@Retention(RUNTIME)
@Target(FIELD)
public @interface NumberInputWidget {

    /** @return lower bound (KNIME's default is type dependent) */
    Class<? extends MinValidation> minValidation() default NoBounds.NoMin.class;

    /** @return upper bound (KNIME's default is type dependent) */
    Class<? extends MaxValidation> maxValidation() default NoBounds.NoMax.class;
}
