package org.knime.core.node.port;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * STAND-IN ONLY (no such class in KNIME): writes and reads port objects through the serializers registered in
 * plugin.xml, the way KNIME does when a workflow is saved and reopened. Used by the test harness; node code must
 * never use it.
 */
public final class StandInPortIO {

    private StandInPortIO() {
    }

    /**
     * @param spec a spec
     * @return its serialized bytes
     * @throws IOException if no serializer is registered or writing fails
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static byte[] saveSpec(final PortObjectSpec spec) throws IOException {
        final PortObjectSpec.PortObjectSpecSerializer ser = PortTypeRegistry.getInstance()
            .getSpecSerializer(spec.getClass())
            .orElseThrow(() -> new IOException("No spec serializer registered in plugin.xml for " + spec.getClass()));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectSpecZipOutputStream out = new PortObjectSpecZipOutputStream(bytes)) {
            ser.savePortObjectSpec(spec, out);
        }
        return bytes.toByteArray();
    }

    /**
     * @param <T> spec class
     * @param specClass the spec class
     * @param bytes serialized spec
     * @return the spec
     * @throws IOException if reading fails
     */
    public static <T extends PortObjectSpec> T loadSpec(final Class<T> specClass, final byte[] bytes)
        throws IOException {
        final var ser = PortTypeRegistry.getInstance().getSpecSerializer(specClass)
            .orElseThrow(() -> new IOException("No spec serializer registered in plugin.xml for " + specClass));
        try (PortObjectSpecZipInputStream in = new PortObjectSpecZipInputStream(new ByteArrayInputStream(bytes))) {
            return ser.loadPortObjectSpec(in);
        }
    }

    /**
     * @param object a port object
     * @param exec progress and cancel
     * @return its serialized bytes (without the spec)
     * @throws IOException if no serializer is registered or writing fails
     * @throws CanceledExecutionException if cancelled
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static byte[] saveObject(final PortObject object, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        final PortObject.PortObjectSerializer ser = PortTypeRegistry.getInstance()
            .getObjectSerializer(object.getClass())
            .orElseThrow(() -> new IOException("No port object serializer registered in plugin.xml for "
                + object.getClass() + " (KNIME cannot save such a port with the workflow)"));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = new PortObjectZipOutputStream(bytes)) {
            ser.savePortObject(object, out, exec);
        }
        return bytes.toByteArray();
    }

    /**
     * @param <T> object class
     * @param objectClass the class
     * @param spec the loaded spec
     * @param bytes serialized object
     * @param exec progress and cancel
     * @return the object
     * @throws IOException if reading fails
     * @throws CanceledExecutionException if cancelled
     */
    public static <T extends PortObject> T loadObject(final Class<T> objectClass, final PortObjectSpec spec,
        final byte[] bytes, final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
        final var ser = PortTypeRegistry.getInstance().getObjectSerializer(objectClass)
            .orElseThrow(() -> new IOException("No port object serializer registered in plugin.xml for "
                + objectClass));
        try (PortObjectZipInputStream in = new PortObjectZipInputStream(new ByteArrayInputStream(bytes))) {
            return ser.loadPortObject(in, spec, exec);
        }
    }
}
