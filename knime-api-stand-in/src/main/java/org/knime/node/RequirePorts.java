package org.knime.node;

import java.util.function.Consumer;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortType;
import org.knime.node.DefaultNode.RequireModel;

/** Stand-in for the ports stage of the fluent {@link DefaultNode} API (fixed ports only). */
public interface RequirePorts {

    /**
     * @param ports receives the adder for fixed input and output ports
     * @return the next stage
     */
    RequireModel ports(Consumer<PortsAdder> ports);

    /** Adds fixed ports. */
    interface PortsAdder {

        /**
         * @param name port name
         * @param description port description
         * @param portType port type (an optional type makes the port optional)
         * @return this
         */
        PortsAdder addInputPort(String name, String description, PortType portType);

        /**
         * @param name port name
         * @param description port description
         * @param portType port type
         * @return this
         */
        PortsAdder addOutputPort(String name, String description, PortType portType);

        /**
         * @param name port name
         * @param description port description
         * @return this
         */
        default PortsAdder addInputTable(final String name, final String description) {
            return addInputPort(name, description, BufferedDataTable.TYPE);
        }

        /**
         * @param name port name
         * @param description port description
         * @return this
         */
        default PortsAdder addOutputTable(final String name, final String description) {
            return addOutputPort(name, description, BufferedDataTable.TYPE);
        }
    }
}
