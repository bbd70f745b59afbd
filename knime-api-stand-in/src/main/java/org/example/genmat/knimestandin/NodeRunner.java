package org.example.genmat.knimestandin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.StandInPortIO;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.StandInNodeAccess;
import org.knime.node.StandInNodeAccess.NodeInfo;
import org.knime.node.StandInNodeAccess.PortInfo;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;

/**
 * One node instance in a test workflow, run the way KNIME runs a {@link DefaultNodeFactory} node: the factory is
 * created through its public no-arg constructor (as from plugin.xml); parameters are created (with the
 * {@link NodeParametersInput} constructor when specs are known), persisted and validated; configure runs before
 * every execute; input and output port types are checked against the declared ports; table outputs must match
 * the spec promised at configure time.
 */
public final class NodeRunner {

    private final DefaultNodeFactory m_factory;

    private final NodeInfo m_info;

    private NodeParameters m_params;

    private String m_warning;

    private PortObjectSpec[] m_configuredSpecs;

    private volatile ProgressSink m_sink = new ProgressSink();

    private NodeRunner(final DefaultNodeFactory factory) {
        m_factory = factory;
        m_info = StandInNodeAccess.info(factory);
    }

    /**
     * @param factoryClass factory class as named in plugin.xml
     * @return a new node instance
     */
    public static NodeRunner of(final Class<? extends DefaultNodeFactory> factoryClass) {
        try {
            return new NodeRunner(factoryClass.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Factory " + factoryClass.getName()
                + " needs a public no-arg constructor (KNIME creates it from plugin.xml): " + e, e);
        }
    }

    /** @return the node definition */
    public NodeInfo info() {
        return m_info;
    }

    /**
     * @param <P> parameters class
     * @return the current parameters (created with the no-arg constructor if none yet)
     */
    @SuppressWarnings("unchecked")
    public <P extends NodeParameters> P parameters() {
        if (m_params == null && m_info.parametersClass() != null) {
            m_params = ParametersPersistence.create(m_info.parametersClass(), null);
        }
        return (P)m_params;
    }

    /**
     * Creates parameters as KNIME does when the node is added with connected inputs.
     *
     * @param <P> parameters class
     * @param inSpecs known input specs
     * @return the new parameters (also made current)
     */
    public <P extends NodeParameters> P initParameters(final PortObjectSpec... inSpecs) {
        m_params = ParametersPersistence.create(m_info.parametersClass(), input(inSpecs, null));
        return parameters();
    }

    /**
     * Applies settings as KNIME does when a workflow is loaded or a flow variable sets them: load, then
     * {@link NodeParameters#validate()}. Widget number limits are not checked here (KNIME's dialog alone checks them,
     * see {@link ParametersPersistence#dialogErrors}).
     *
     * @param settings the settings
     * @throws InvalidSettingsException if invalid (current parameters stay)
     */
    public void loadSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_params = ParametersPersistence.load(m_info.parametersClass(), settings);
    }

    /**
     * Applies settings with flow variables as KNIME does before configure: every setting named in the
     * {@code variables} tree is overwritten by its flow variable from {@code available}, then the result is loaded
     * and validated (see {@link FlowVariableBinding}).
     *
     * @param settings the model settings
     * @param variables the variables tree (setting → {@code used_variable})
     * @param available the flow variables reaching the node
     * @throws InvalidSettingsException if a variable is missing or of the wrong type, or the result is invalid
     */
    public void loadSettings(final NodeSettingsRO settings, final NodeSettingsRO variables,
        final org.knime.core.node.workflow.FlowVariable... available) throws InvalidSettingsException {
        loadSettings(FlowVariableBinding.apply(settings, variables, List.of(available)));
    }

    /** @return the current parameters as settings */
    public NodeSettings saveSettings() {
        return ParametersPersistence.toSettings(parameters());
    }

    /**
     * What the dialog offers in the drop-down of a field with {@code @ChoicesProvider}, given the input specs and the
     * current parameters (which the provider may read through its initializer's value suppliers).
     *
     * @param field field name, e.g. "m_column"
     * @param inSpecs input specs (null where unknown)
     * @return the choice ids (column names or strings)
     */
    public List<String> choices(final String field, final PortObjectSpec... inSpecs) {
        try {
            final java.lang.reflect.Field f = ParametersPersistence.widget(m_info.parametersClass(), field);
            final org.knime.node.parameters.widget.choices.ChoicesProvider cp =
                f.getAnnotation(org.knime.node.parameters.widget.choices.ChoicesProvider.class);
            if (cp == null) {
                throw new IllegalArgumentException(field + " has no @ChoicesProvider");
            }
            final var ctor = cp.value().getDeclaredConstructor();
            ctor.setAccessible(true);
            final var provider = (org.knime.node.parameters.updates.StateProvider<?>)ctor.newInstance();
            final NodeParametersInput input = input(inSpecs, null);
            provider.init(initializer(input));
            final List<?> state = provider.computeState(input) instanceof List<?> l ? l : List.of();
            return state.stream().map(o -> o instanceof org.knime.node.parameters.widget.choices.StringChoice s
                ? s.id() : ((org.knime.node.parameters.widget.choices.TypedStringChoice)o).id()).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot compute the choices of " + field + ": " + e, e);
        }
    }

    /** The dialog's initializer of a state provider: value suppliers read the current parameters. */
    private org.knime.node.parameters.updates.StateProvider.StateProviderInitializer initializer(
        final NodeParametersInput input) {
        return new org.knime.node.parameters.updates.StateProvider.StateProviderInitializer() {
            @Override
            public NodeParametersInput getNodeParametersInput() {
                return input;
            }

            @Override
            public <T> java.util.function.Supplier<T> computeFromValueSupplier(
                final Class<? extends org.knime.node.parameters.updates.ParameterReference<T>> ref) {
                return getValueSupplier(ref);
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> java.util.function.Supplier<T> getValueSupplier(
                final Class<? extends org.knime.node.parameters.updates.ParameterReference<T>> ref) {
                return () -> (T)Effects.referenced(parameters(), ref);
            }

            @Override
            public <T> void computeOnValueChange(
                final Class<? extends org.knime.node.parameters.updates.ParameterReference<T>> id) {
                // the stand-in computes once per call of choices(...), with the values of that moment
            }

            @Override
            public void computeBeforeOpenDialog() {
                // ditto
            }

            @Override
            public void computeAfterOpenDialog() {
                // ditto
            }
        };
    }

    /**
     * How the dialog shows a field with the current parameters ({@link org.knime.node.parameters.updates.Effect}s).
     *
     * @param field field name, e.g. "m_oxidationFile", also inside a nested group
     * @param inSpecs input specs (null where not connected)
     * @return visible and enabled
     */
    public Effects.State dialogState(final String field, final PortObjectSpec... inSpecs) {
        return Effects.of(parameters(), field, input(inSpecs, null));
    }

    /** @return the warning of the last configure or execute, or null */
    public String warning() {
        return m_warning;
    }

    /** @return progress sink of the current or last execution */
    public ProgressSink progress() {
        return m_sink;
    }

    /**
     * Runs configure.
     *
     * @param inSpecs input specs (null for an unconnected optional port)
     * @return output specs
     * @throws InvalidSettingsException as thrown by the node
     */
    public PortObjectSpec[] configure(final PortObjectSpec... inSpecs) throws InvalidSettingsException {
        checkInputs(inSpecs, true);
        m_warning = null;
        final PortObjectSpec[] out = new PortObjectSpec[m_info.outPorts().size()];
        final NodeParametersInput input = input(inSpecs, null);
        if (m_params == null && m_info.parametersClass() != null) {
            // KNIME (DefaultModelToNodeModelAdapter.setInitialSettingsUsingSpecsIfNecessary): a node without
            // settings yet gets them from the NodeParametersInput constructor at its first configure, then validate()
            m_params = ParametersPersistence.create(m_info.parametersClass(), input);
            m_params.validate();
        }
        final NodeParameters params = parameters();
        StandInNodeAccess.configure(m_factory, new ConfigureInput() {
            @SuppressWarnings("unchecked")
            @Override
            public <S extends NodeParameters> S getParameters() {
                return (S)params;
            }

            @Override
            public PortObjectSpec[] getInPortSpecs() {
                return inSpecs.clone();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <S extends PortObjectSpec> S getInPortSpec(final int index) {
                return (S)inSpecs[index];
            }

            @Override
            public DataTableSpec[] getInTableSpecs() {
                return input.getInTableSpecs();
            }

            @Override
            public DataTableSpec getInTableSpec(final int portIndex) {
                return (DataTableSpec)inSpecs[portIndex];
            }

            @Override
            public PortType[] getOutPortTypes() {
                return input.getOutPortTypes();
            }
        }, new ConfigureOutput() {
            @Override
            public <S extends PortObjectSpec> void setOutSpec(final int index, final S spec) {
                out[index] = spec;
            }

            @SafeVarargs
            @Override
            public final <S extends PortObjectSpec> void setOutSpecs(final S... specs) {
                if (specs.length != out.length) {
                    throw new IllegalArgumentException("Expected " + out.length + " output specs, got " + specs.length);
                }
                System.arraycopy(specs, 0, out, 0, out.length);
            }

            @Override
            public void setWarningMessage(final String message) {
                m_warning = message;
            }
        });
        m_configuredSpecs = out.clone();
        return out;
    }

    /**
     * Configures, then executes, as KNIME does when the user runs the node.
     *
     * @param inObjects inputs (null for an unconnected optional port)
     * @return outputs
     * @throws InvalidSettingsException if configure fails
     * @throws CanceledExecutionException if cancelled
     * @throws KNIMEException if execution fails
     */
    public PortObject[] execute(final PortObject... inObjects)
        throws InvalidSettingsException, CanceledExecutionException, KNIMEException {
        return execute(new ProgressSink(), inObjects);
    }

    /**
     * @param sink progress sink (lets a test cancel from another thread)
     * @param inObjects inputs
     * @return outputs
     * @throws InvalidSettingsException if configure fails
     * @throws CanceledExecutionException if cancelled
     * @throws KNIMEException if execution fails
     */
    public PortObject[] execute(final ProgressSink sink, final PortObject... inObjects)
        throws InvalidSettingsException, CanceledExecutionException, KNIMEException {
        checkInputs(inObjects, false);
        final PortObjectSpec[] inSpecs =
            Arrays.stream(inObjects).map(o -> o == null ? null : o.getSpec()).toArray(PortObjectSpec[]::new);
        final PortObjectSpec[] promised = configure(inSpecs);
        m_sink = sink;
        final String configureWarning = m_warning;
        m_warning = null;
        final ExecutionContext exec = new ExecutionContext(sink);
        final PortObject[] out = new PortObject[m_info.outPorts().size()];
        final NodeParameters params = parameters();
        final NodeParametersInput input = input(inSpecs, inObjects);
        StandInNodeAccess.execute(m_factory, new ExecuteInput() {
            @SuppressWarnings("unchecked")
            @Override
            public <S extends NodeParameters> S getParameters() {
                return (S)params;
            }

            @Override
            public ExecutionContext getExecutionContext() {
                return exec;
            }

            @Override
            public PortObject[] getInPortObjects() {
                return inObjects.clone();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <D extends PortObject> D getInPortObject(final int portIndex) {
                return (D)inObjects[portIndex];
            }

            @Override
            public BufferedDataTable[] getInTables() {
                return input.getInTables();
            }

            @Override
            public BufferedDataTable getInTable(final int portIndex) {
                return (BufferedDataTable)inObjects[portIndex];
            }

            @Override
            public PortType[] getOutPortTypes() {
                return input.getOutPortTypes();
            }
        }, new ExecuteOutput() {
            @Override
            public <D extends PortObject> void setOutData(final int index, final D data) {
                out[index] = data;
            }

            @SafeVarargs
            @Override
            public final <D extends PortObject> void setOutData(final D... data) {
                if (data.length != out.length) {
                    throw new IllegalArgumentException("Expected " + out.length + " outputs, got " + data.length);
                }
                System.arraycopy(data, 0, out, 0, out.length);
            }

            @SafeVarargs
            @Override
            public final <D extends PortObject> void setInternalData(final D... data) {
                // views are not stood in
            }

            @Override
            public void setWarningMessage(final String message) {
                m_warning = message;
            }
        });
        if (m_warning == null) {
            m_warning = configureWarning;
        }
        for (int i = 0; i < out.length; i++) {
            final PortInfo port = m_info.outPorts().get(i);
            if (out[i] == null) {
                throw new IllegalStateException("Node \"" + m_info.name() + "\" set no data at output " + i);
            }
            if (!port.type().getPortObjectClass().isInstance(out[i])) {
                throw new IllegalStateException("Output " + i + " of \"" + m_info.name() + "\" is a "
                    + out[i].getClass().getSimpleName() + ", declared " + port.type());
            }
            if (out[i] instanceof BufferedDataTable t && promised[i] != null
                && !promised[i].equals(t.getDataTableSpec())) {
                throw new IllegalStateException("Output " + i + " of \"" + m_info.name()
                    + "\": the table spec after execute " + t.getDataTableSpec()
                    + " differs from the spec promised by configure " + promised[i]);
            }
        }
        return out;
    }

    /** @return the output specs of the last configure */
    public PortObjectSpec[] configuredSpecs() {
        return m_configuredSpecs == null ? null : m_configuredSpecs.clone();
    }

    private void checkInputs(final Object[] in, final boolean specs) {
        final List<PortInfo> ports = m_info.inPorts();
        if (in.length != ports.size()) {
            throw new IllegalArgumentException("Node \"" + m_info.name() + "\" has " + ports.size()
                + " input ports, got " + in.length);
        }
        for (int i = 0; i < in.length; i++) {
            final PortType t = ports.get(i).type();
            if (in[i] == null) {
                if (!t.isOptional()) {
                    throw new IllegalArgumentException("Input " + i + " of \"" + m_info.name()
                        + "\" is not optional but not connected");
                }
                continue;
            }
            final boolean ok = specs ? (t.getPortObjectClass() == BufferedDataTable.class)
                == (in[i] instanceof DataTableSpec) : t.getPortObjectClass().isInstance(in[i]);
            if (!ok) {
                throw new IllegalArgumentException("Input " + i + " of \"" + m_info.name() + "\" expects "
                    + t + ", got " + in[i].getClass().getSimpleName());
            }
        }
    }

    private NodeParametersInput input(final PortObjectSpec[] specs, final PortObject[] objects) {
        final PortType[] inTypes = m_info.inPorts().stream().map(PortInfo::type).toArray(PortType[]::new);
        final PortType[] outTypes = m_info.outPorts().stream().map(PortInfo::type).toArray(PortType[]::new);
        return new NodeParametersInput() {
            @Override
            public PortType[] getInPortTypes() {
                return inTypes.clone();
            }

            @Override
            public PortObjectSpec[] getInPortSpecs() {
                return specs == null ? new PortObjectSpec[inTypes.length] : specs.clone();
            }

            @Override
            public Optional<PortObjectSpec> getInPortSpec(final int portIndex) {
                return Optional.ofNullable(getInPortSpecs()[portIndex]);
            }

            @Override
            public DataTableSpec[] getInTableSpecs() {
                return Arrays.stream(getInPortSpecs()).map(s -> (DataTableSpec)s).toArray(DataTableSpec[]::new);
            }

            @Override
            public Optional<DataTableSpec> getInTableSpec(final int portIndex) {
                return Optional.ofNullable((DataTableSpec)getInPortSpecs()[portIndex]);
            }

            @Override
            public PortObject[] getInPortObjects() {
                return objects == null ? new PortObject[inTypes.length] : objects.clone();
            }

            @Override
            public Optional<PortObject> getInPortObject(final int portIndex) {
                return Optional.ofNullable(getInPortObjects()[portIndex]);
            }

            @Override
            public BufferedDataTable[] getInTables() {
                return Arrays.stream(getInPortObjects()).map(o -> (BufferedDataTable)o)
                    .toArray(BufferedDataTable[]::new);
            }

            @Override
            public Optional<BufferedDataTable> getInTable(final int portIndex) {
                return Optional.ofNullable((BufferedDataTable)getInPortObjects()[portIndex]);
            }

            @Override
            public PortType[] getOutPortTypes() {
                return outTypes.clone();
            }
        };
    }

    /**
     * Saves a port object (spec and data) through the serializers registered in plugin.xml and reads it back, as
     * when a workflow is saved and reopened.
     *
     * @param <T> port object class
     * @param object the object
     * @return the reloaded object
     * @throws Exception if serialization fails
     */
    @SuppressWarnings("unchecked")
    public static <T extends PortObject> T roundTrip(final T object) throws Exception {
        final byte[] spec = StandInPortIO.saveSpec(object.getSpec());
        final byte[] data = StandInPortIO.saveObject(object, new ExecutionMonitor());
        final PortObjectSpec loadedSpec = StandInPortIO.loadSpec(object.getSpec().getClass(), spec);
        return (T)StandInPortIO.loadObject(object.getClass(), loadedSpec, data, new ExecutionMonitor());
    }
}
