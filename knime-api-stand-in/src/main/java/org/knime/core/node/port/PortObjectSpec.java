package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

/** Stand-in for KNIME's port object spec: what downstream nodes see at configure time. */
public interface PortObjectSpec {

    /** @return Swing views of the spec (may be empty) */
    JComponent[] getViews();

    /**
     * Saves and loads specs of one class.
     *
     * @param <T> the spec class
     */
    abstract class PortObjectSpecSerializer<T extends PortObjectSpec> {

        /**
         * @param portObjectSpec the spec
         * @param out target
         * @throws IOException on write failure
         */
        public abstract void savePortObjectSpec(T portObjectSpec, PortObjectSpecZipOutputStream out)
            throws IOException;

        /**
         * @param in source
         * @return the spec
         * @throws IOException on read failure
         */
        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;
    }
}
