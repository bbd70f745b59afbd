package org.knime.node.parameters;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;

/** Stand-in: hides a widget behind "show advanced settings". */
@Retention(RUNTIME)
public @interface Advanced {
}
