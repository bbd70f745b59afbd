package org.knime.core.node.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * Stand-in for KNIME's base class of port objects that write their own zip entries. Subclasses need a public
 * no-arg constructor and a {@code public static final class Serializer extends AbstractPortObjectSerializer<X> {}}
 * registered in plugin.xml.
 */
public abstract class AbstractPortObject implements PortObject {

    private static final String META_ENTRY = "meta.xml";

    /** Framework constructor. */
    public AbstractPortObject() {
    }

    /**
     * @param out target: the object adds its own entries
     * @param exec progress and cancel
     * @throws IOException on write failure
     * @throws CanceledExecutionException if cancelled
     */
    protected abstract void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /**
     * @param in source positioned after the framework's own entry
     * @param spec the spec loaded before
     * @param exec progress and cancel
     * @throws IOException on read failure
     * @throws CanceledExecutionException if cancelled
     */
    protected abstract void load(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /**
     * Serializer for all subclasses: records the class name, then delegates to save/load.
     *
     * @param <T> the port object class
     */
    public abstract static class AbstractPortObjectSerializer<T extends AbstractPortObject>
        extends PortObjectSerializer<T> {

        @Override
        public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry(META_ENTRY));
            out.write(portObject.getClass().getName().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            portObject.save(out, exec);
        }

        @SuppressWarnings("unchecked")
        @Override
        public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            final ZipEntry entry = in.getNextEntry();
            if (entry == null || !META_ENTRY.equals(entry.getName())) {
                throw new IOException("Expected " + META_ENTRY + " file in stream, got "
                    + (entry == null ? "end of stream" : entry.getName()));
            }
            final String className = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            final T result;
            try {
                final Class<?> c = Class.forName(className, true, getClass().getClassLoader());
                result = (T)c.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IOException("Failed to instantiate class \"" + className
                    + "\" (failed to invoke public no-arg constructor): " + e, e);
            }
            result.load(in, spec, exec);
            return result;
        }
    }
}
