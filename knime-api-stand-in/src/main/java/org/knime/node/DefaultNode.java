package org.knime.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.port.PortType;
import org.knime.node.DefaultModel.RequireModelParameters;

/**
 * Stand-in for KNIME 5.8's fluent node definition: name → icon → shortDescription → fullDescription →
 * sinceVersion → ports → model, then optional nodeType, keywords, addExternalResource.
 */
public final class DefaultNode {

    /** A port as declared. */
    record Port(String name, String description, PortType type) {
    }

    /** An external link of the description. */
    record ExternalResource(String href, String description) {
    }

    final String m_name;

    final String m_icon;

    final String m_shortDescription;

    final String m_fullDescription;

    final int[] m_sinceVersion;

    final List<Port> m_inPorts = new ArrayList<>();

    final List<Port> m_outPorts = new ArrayList<>();

    final DefaultModel m_model;

    NodeType m_nodeType;

    final List<String> m_keywords = new ArrayList<>();

    final List<ExternalResource> m_externalResources = new ArrayList<>();

    private DefaultNode(final String name, final String icon, final String shortDescription,
        final String fullDescription, final int[] sinceVersion, final java.util.function.Consumer<RequirePorts.PortsAdder> ports,
        final Function<RequireModelParameters, DefaultModel> model) {
        m_name = name;
        m_icon = icon;
        m_shortDescription = shortDescription;
        m_fullDescription = fullDescription;
        m_sinceVersion = sinceVersion;
        ports.accept(new RequirePorts.PortsAdder() {
            @Override
            public RequirePorts.PortsAdder addInputPort(final String n, final String d, final PortType t) {
                m_inPorts.add(new Port(n, d, t));
                return this;
            }

            @Override
            public RequirePorts.PortsAdder addOutputPort(final String n, final String d, final PortType t) {
                m_outPorts.add(new Port(n, d, t));
                return this;
            }
        });
        m_model = model.apply(DefaultModel.create());
    }

    /** @return the first build stage */
    public static RequireName create() {
        return name -> icon -> shortDescription -> fullDescription -> (major, minor,
            revision) -> ports -> model -> new DefaultNode(name, icon, shortDescription, fullDescription,
                new int[]{major, minor, revision}, ports, model);
    }

    /** Requires the name. */
    public interface RequireName {
        /**
         * @param name node name
         * @return next stage
         */
        RequireIcon name(String name);
    }

    /** Requires the icon. */
    public interface RequireIcon {
        /**
         * @param icon icon path relative to the factory class
         * @return next stage
         */
        RequireShortDescription icon(String icon);
    }

    /** Requires the short description. */
    public interface RequireShortDescription {
        /**
         * @param shortDescription one sentence
         * @return next stage
         */
        RequireFullDescription shortDescription(String shortDescription);
    }

    /** Requires the full description. */
    public interface RequireFullDescription {
        /**
         * @param fullDescription the description (HTML subset)
         * @return next stage
         */
        RequireSinceVersion fullDescription(String fullDescription);
    }

    /** Requires the version since which the node exists. */
    public interface RequireSinceVersion {
        /**
         * @param major major
         * @param minor minor
         * @param revision revision
         * @return next stage
         */
        RequirePorts sinceVersion(int major, int minor, int revision);
    }

    /** Requires the model. */
    public interface RequireModel {
        /**
         * @param model builds the model from its first stage
         * @return the node
         */
        DefaultNode model(Function<RequireModelParameters, DefaultModel> model);
    }

    /**
     * @param nodeType the type
     * @return this
     */
    public DefaultNode nodeType(final NodeType nodeType) {
        if (m_nodeType != null) {
            throw new IllegalStateException("nodeType() has already been called; a node can only have one node type.");
        }
        m_nodeType = nodeType;
        return this;
    }

    /**
     * @param keywords search keywords
     * @return this
     */
    public DefaultNode keywords(final String... keywords) {
        if (!m_keywords.isEmpty()) {
            throw new IllegalStateException("keywords() has already been called.");
        }
        m_keywords.addAll(Arrays.asList(keywords));
        return this;
    }

    /**
     * @param href link
     * @param description link text
     * @return this
     */
    public DefaultNode addExternalResource(final String href, final String description) {
        m_externalResources.add(new ExternalResource(href, description));
        return this;
    }
}
