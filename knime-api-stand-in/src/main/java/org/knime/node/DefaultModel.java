package org.knime.node;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParameters;

/**
 * Stand-in for KNIME 5.8's fluent model definition: parameters class, then configure + execute (the
 * rearrangeColumns variant is not stood in: the GenMat nodes do not use it).
 */
public abstract sealed class DefaultModel permits DefaultModel.StandardDefaultModel {

    final Class<? extends NodeParameters> m_parametersClass;

    private DefaultModel(final Class<? extends NodeParameters> parametersClass) {
        m_parametersClass = parametersClass;
    }

    static RequireModelParameters create() {
        return parametersClass -> configure -> execute -> new StandardDefaultModel(parametersClass, configure,
            execute);
    }

    static final class StandardDefaultModel extends DefaultModel {

        final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> m_configure;

        final ExecuteConsumer m_execute;

        StandardDefaultModel(final Class<? extends NodeParameters> parametersClass,
            final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure,
            final ExecuteConsumer execute) {
            super(parametersClass);
            m_configure = configure;
            m_execute = execute;
        }
    }

    /** Requires the parameters class. */
    public interface RequireModelParameters {
        /**
         * @param parametersClass the parameters
         * @return next stage
         */
        RequireConfigureOrRearrangeColumns parametersClass(Class<? extends NodeParameters> parametersClass);

        /** @return next stage, for nodes without parameters */
        default RequireConfigureOrRearrangeColumns withoutParameters() {
            return parametersClass(null);
        }
    }

    /** Requires configure (rearrangeColumns is not stood in). */
    public interface RequireConfigureOrRearrangeColumns {
        /**
         * @param configure computes output specs from input specs
         * @return next stage
         */
        RequireExecute configure(ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure);
    }

    /** Requires execute. */
    public interface RequireExecute {
        /**
         * @param execute computes output data
         * @return the model
         */
        DefaultModel execute(ExecuteConsumer execute);
    }

    /**
     * Configure step.
     *
     * @param <I> input
     * @param <O> output
     */
    public interface ConfigureOrRearrangerConsumer<I, O> {
        /**
         * @param input input
         * @param output output
         * @throws InvalidSettingsException if the node cannot be configured
         */
        void accept(I input, O output) throws InvalidSettingsException;
    }

    /** Execute step. */
    public interface ExecuteConsumer {
        /**
         * @param input input
         * @param output output
         * @throws CanceledExecutionException if cancelled
         * @throws KNIMEException on failure
         */
        void accept(ExecuteInput input, ExecuteOutput output) throws CanceledExecutionException, KNIMEException;
    }

    /** What configure sees. */
    public interface ConfigureInput {
        /**
         * @param <S> parameters type
         * @return the parameters
         */
        <S extends NodeParameters> S getParameters();

        /** @return all input specs (null where unconnected) */
        PortObjectSpec[] getInPortSpecs();

        /**
         * @param <S> spec type
         * @param index port
         * @return the spec (null where an optional port is unconnected)
         */
        <S extends PortObjectSpec> S getInPortSpec(int index);

        /** @return the input table specs */
        DataTableSpec[] getInTableSpecs();

        /**
         * @param portIndex port
         * @return the table spec
         */
        DataTableSpec getInTableSpec(int portIndex);

        /** @return output port types */
        PortType[] getOutPortTypes();
    }

    /** What configure produces. */
    public interface ConfigureOutput {
        /**
         * @param <S> spec type
         * @param index port
         * @param spec the spec
         */
        <S extends PortObjectSpec> void setOutSpec(int index, S spec);

        /**
         * @param <S> spec type
         * @param specs all output specs
         */
        @SuppressWarnings("unchecked")
        <S extends PortObjectSpec> void setOutSpecs(S... specs);

        /** @param message warning */
        void setWarningMessage(String message);
    }

    /** What execute sees. */
    public interface ExecuteInput {
        /**
         * @param <S> parameters type
         * @return the parameters
         */
        <S extends NodeParameters> S getParameters();

        /** @return progress, cancel and table creation */
        ExecutionContext getExecutionContext();

        /** @return all inputs (null where unconnected) */
        PortObject[] getInPortObjects();

        /**
         * @param <D> object type
         * @param portIndex port
         * @return the object (null where an optional port is unconnected)
         */
        <D extends PortObject> D getInPortObject(int portIndex);

        /** @return input tables */
        BufferedDataTable[] getInTables();

        /**
         * @param portIndex port
         * @return the table
         */
        BufferedDataTable getInTable(int portIndex);

        /** @return output port types */
        PortType[] getOutPortTypes();
    }

    /** What execute produces. */
    public interface ExecuteOutput {
        /**
         * @param <D> object type
         * @param index port
         * @param data the object
         */
        <D extends PortObject> void setOutData(int index, D data);

        /**
         * @param <D> object type
         * @param data all outputs
         */
        @SuppressWarnings("unchecked")
        <D extends PortObject> void setOutData(D... data);

        /**
         * @param <D> object type
         * @param data internal data for views
         */
        @SuppressWarnings("unchecked")
        <D extends PortObject> void setInternalData(D... data);

        /** @param message warning */
        void setWarningMessage(String message);
    }
}
