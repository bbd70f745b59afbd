package org.knime.core.webui.node.dialog.defaultdialog.internal.file;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Stand-in: marks a {@link FileSelection} as a reader's file chooser (browses the connected file-system port's file
 * system when the node has one).
 */
@Retention(RUNTIME)
@Target(FIELD)
public @interface FileReaderWidget {

    /** @return extensions offered when browsing */
    String[] fileExtensions() default {};
}
