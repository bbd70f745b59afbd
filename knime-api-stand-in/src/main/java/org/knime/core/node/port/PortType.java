package org.knime.core.node.port;

import java.util.Objects;

/** Stand-in for KNIME's port type: a port object class plus the optional flag. Obtain from the registry. */
public final class PortType {

    private final Class<? extends PortObject> m_objectClass;

    private final boolean m_optional;

    private final String m_name;

    PortType(final Class<? extends PortObject> objectClass, final boolean optional, final String name) {
        m_objectClass = objectClass;
        m_optional = optional;
        m_name = name;
    }

    /** @return the port object class */
    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    /** @return whether the port may stay unconnected */
    public boolean isOptional() {
        return m_optional;
    }

    /** @return the human readable name */
    public String getName() {
        return m_name;
    }

    /**
     * @param other another type
     * @return whether objects of the other type can be connected to this type
     */
    public boolean isSuperTypeOf(final PortType other) {
        return m_objectClass.isAssignableFrom(other.m_objectClass);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof PortType o && o.m_objectClass == m_objectClass && o.m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_objectClass, m_optional);
    }

    @Override
    public String toString() {
        return m_name + (m_optional ? " (optional)" : "");
    }
}
