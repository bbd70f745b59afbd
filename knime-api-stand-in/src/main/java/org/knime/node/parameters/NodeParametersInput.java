package org.knime.node.parameters;

import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Stand-in: what is known about the node's inputs when parameters or choices are computed. */
public interface NodeParametersInput {

    /** @return input port types */
    PortType[] getInPortTypes();

    /** @return input specs (null entries where unknown) */
    PortObjectSpec[] getInPortSpecs();

    /**
     * @param portIndex port
     * @return spec if known
     */
    Optional<PortObjectSpec> getInPortSpec(int portIndex);

    /** @return table specs (null entries where unknown) */
    DataTableSpec[] getInTableSpecs();

    /**
     * @param portIndex port
     * @return table spec if known
     */
    Optional<DataTableSpec> getInTableSpec(int portIndex);

    /** @return input objects (null entries where not executed) */
    PortObject[] getInPortObjects();

    /**
     * @param portIndex port
     * @return object if available
     */
    Optional<PortObject> getInPortObject(int portIndex);

    /** @return input tables (null entries where not available) */
    BufferedDataTable[] getInTables();

    /**
     * @param portIndex port
     * @return table if available
     */
    Optional<BufferedDataTable> getInTable(int portIndex);

    /** @return output port types */
    PortType[] getOutPortTypes();
}
