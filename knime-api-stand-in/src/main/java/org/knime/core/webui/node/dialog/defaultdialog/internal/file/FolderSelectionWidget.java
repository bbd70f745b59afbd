package org.knime.core.webui.node.dialog.defaultdialog.internal.file;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in: marks a {@link FileSelection} as a folder chooser. */
@Retention(RUNTIME)
@Target(FIELD)
public @interface FolderSelectionWidget {
}
