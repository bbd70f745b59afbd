package org.knime.node;

import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.port.PortType;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.parameters.NodeParameters;

/**
 * STAND-IN ONLY (no such class in KNIME): lets the test harness read a factory's node definition and run its
 * configure/execute steps, which KNIME does through internal adapters. Node code must never use it.
 */
public final class StandInNodeAccess {

    /** Public view of one declared port. */
    public record PortInfo(String name, String description, PortType type) {
    }

    /** Public view of one external link of the description ({@code addExternalResource}). */
    public record LinkInfo(String href, String description) {
    }

    /** Public view of the node definition. */
    public record NodeInfo(String name, String icon, String shortDescription, String fullDescription,
        int[] sinceVersion, List<PortInfo> inPorts, List<PortInfo> outPorts, NodeType nodeType,
        List<String> keywords, List<LinkInfo> links, Class<? extends NodeParameters> parametersClass) {
    }

    private StandInNodeAccess() {
    }

    /**
     * @param factory a factory
     * @return its definition
     */
    public static NodeInfo info(final DefaultNodeFactory factory) {
        final DefaultNode n = factory.m_node;
        return new NodeInfo(n.m_name, n.m_icon, n.m_shortDescription, n.m_fullDescription, n.m_sinceVersion.clone(),
            n.m_inPorts.stream().map(p -> new PortInfo(p.name(), p.description(), p.type())).toList(),
            n.m_outPorts.stream().map(p -> new PortInfo(p.name(), p.description(), p.type())).toList(),
            n.m_nodeType, List.copyOf(n.m_keywords),
            n.m_externalResources.stream().map(r -> new LinkInfo(r.href(), r.description())).toList(),
            n.m_model.m_parametersClass);
    }

    /**
     * @param factory factory
     * @param in configure input
     * @param out configure output
     * @throws InvalidSettingsException as the node throws it
     */
    public static void configure(final DefaultNodeFactory factory, final ConfigureInput in,
        final ConfigureOutput out) throws InvalidSettingsException {
        ((DefaultModel.StandardDefaultModel)factory.m_node.m_model).m_configure.accept(in, out);
    }

    /**
     * @param factory factory
     * @param in execute input
     * @param out execute output
     * @throws CanceledExecutionException as the node throws it
     * @throws KNIMEException as the node throws it
     */
    public static void execute(final DefaultNodeFactory factory, final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        ((DefaultModel.StandardDefaultModel)factory.m_node.m_model).m_execute.accept(in, out);
    }
}
