package org.knime.core.node.port;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Stand-in for KNIME's port type registry. KNIME reads the {@code org.knime.core.PortType} extensions of all
 * bundles; the stand-in reads the same elements from every {@code plugin.xml} on the class path, so a port object
 * class that is not registered there (or whose serializer class does not exist) fails just as it would in KNIME.
 */
public final class PortTypeRegistry {

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    /** Registered port type as declared in plugin.xml. */
    record Registration(String name, String objectClass, String objectSerializer, String specClass,
        String specSerializer, String color) {
    }

    private final Map<String, Registration> m_registrations = new ConcurrentHashMap<>();

    private final Map<String, PortType> m_types = new ConcurrentHashMap<>();

    private volatile boolean m_scanned;

    private PortTypeRegistry() {
    }

    /** @return the singleton */
    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    /**
     * @param objectClass a port object class
     * @return its (non-optional) port type
     */
    public PortType getPortType(final Class<? extends PortObject> objectClass) {
        return getPortType(objectClass, false);
    }

    /**
     * @param objectClass a port object class
     * @param isOptional whether the port may stay unconnected
     * @return its port type
     */
    public PortType getPortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        return m_types.computeIfAbsent(objectClass.getName() + "/" + isOptional,
            k -> new PortType(objectClass, isOptional, nameOf(objectClass)));
    }

    private String nameOf(final Class<? extends PortObject> objectClass) {
        if (objectClass.getName().equals("org.knime.core.node.BufferedDataTable")) {
            return "Table";
        }
        final Registration r = registration(objectClass.getName());
        return r == null ? objectClass.getSimpleName() : r.name();
    }

    /**
     * @param <T> port object class
     * @param objectClass a port object class
     * @return the serializer registered for it in plugin.xml
     */
    @SuppressWarnings("unchecked")
    public <T extends PortObject> Optional<PortObject.PortObjectSerializer<T>>
        getObjectSerializer(final Class<T> objectClass) {
        final Registration r = registration(objectClass.getName());
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of((PortObject.PortObjectSerializer<T>)instantiate(r.objectSerializer(), objectClass));
    }

    /**
     * @param <T> spec class
     * @param specClass a spec class
     * @return the serializer registered for it in plugin.xml
     */
    @SuppressWarnings("unchecked")
    public <T extends PortObjectSpec> Optional<PortObjectSpec.PortObjectSpecSerializer<T>>
        getSpecSerializer(final Class<T> specClass) {
        scan();
        return m_registrations.values().stream().filter(r -> specClass.getName().equals(r.specClass()))
            .findFirst()
            .map(r -> (PortObjectSpec.PortObjectSpecSerializer<T>)instantiate(r.specSerializer(), specClass));
    }

    Registration registration(final String objectClassName) {
        scan();
        return m_registrations.get(objectClassName);
    }

    private static Object instantiate(final String className, final Class<?> near) {
        try {
            final Class<?> c = Class.forName(className, true, near.getClassLoader());
            final var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("plugin.xml names serializer " + className + " which cannot be created: "
                + e, e);
        }
    }

    private void scan() {
        if (m_scanned) {
            return;
        }
        synchronized (this) {
            if (m_scanned) {
                return;
            }
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                if (cl == null) {
                    cl = PortTypeRegistry.class.getClassLoader();
                }
                final Enumeration<URL> urls = cl.getResources("plugin.xml");
                while (urls.hasMoreElements()) {
                    read(urls.nextElement());
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read plugin.xml files: " + e.getMessage(), e);
            }
            m_scanned = true;
        }
    }

    private void read(final URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            final var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            final NodeList exts = doc.getElementsByTagName("extension");
            for (int i = 0; i < exts.getLength(); i++) {
                final Element ext = (Element)exts.item(i);
                if (!"org.knime.core.PortType".equals(ext.getAttribute("point"))) {
                    continue;
                }
                final NodeList pts = ext.getElementsByTagName("portType");
                for (int j = 0; j < pts.getLength(); j++) {
                    final Element p = (Element)pts.item(j);
                    final Registration r = new Registration(p.getAttribute("name"), p.getAttribute("objectClass"),
                        p.getAttribute("objectSerializer"), p.getAttribute("specClass"),
                        p.getAttribute("specSerializer"), p.getAttribute("color"));
                    m_registrations.put(r.objectClass(), r);
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("Malformed " + url + ": " + e.getMessage(), e);
        }
    }
}
