package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** Stand-in for KNIME's port object: the data passed along a connection. */
public interface PortObject {

    /** @return the short text shown in the port tooltip */
    String getSummary();

    /** @return the spec of this object */
    PortObjectSpec getSpec();

    /** @return Swing views (may be empty) */
    JComponent[] getViews();

    /**
     * Saves and loads port objects of one class.
     *
     * @param <T> the port object class
     */
    abstract class PortObjectSerializer<T extends PortObject> {

        /**
         * @param portObject the object
         * @param out target
         * @param exec progress and cancel
         * @throws IOException on write failure
         * @throws CanceledExecutionException if cancelled
         */
        public abstract void savePortObject(T portObject, PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;

        /**
         * @param in source
         * @param spec the spec loaded before
         * @param exec progress and cancel
         * @return the object
         * @throws IOException on read failure
         * @throws CanceledExecutionException if cancelled
         */
        public abstract T loadPortObject(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;
    }
}
