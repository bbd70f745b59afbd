package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import org.example.genmat.knimestandin.MapConfig;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * Stand-in for KNIME's base class of specs stored as a model content tree. Subclasses need a public no-arg
 * constructor and a {@code public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<X> {}}.
 */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    private static final String CONTENT_ENTRY = "content.xml";

    /** Framework constructor. */
    public AbstractSimplePortObjectSpec() {
    }

    /** @param model to write into */
    protected abstract void save(ModelContentWO model);

    /**
     * @param model to read from
     * @throws InvalidSettingsException if content is missing or wrong
     */
    protected abstract void load(ModelContentRO model) throws InvalidSettingsException;

    private ModelContent content() {
        final ModelContent c = new ModelContent("model");
        save(c);
        return c;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj != null && obj.getClass() == getClass()
            && ((AbstractSimplePortObjectSpec)obj).content().equals(content());
    }

    @Override
    public int hashCode() {
        return content().hashCode();
    }

    /**
     * Serializer for all subclasses.
     *
     * @param <T> the spec class
     */
    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {

        @Override
        public void savePortObjectSpec(final T spec, final PortObjectSpecZipOutputStream out) throws IOException {
            final ModelContent c = ((AbstractSimplePortObjectSpec)spec).content();
            c.addString("class_name", spec.getClass().getName());
            out.putNextEntry(new ZipEntry(CONTENT_ENTRY));
            c.writeTo(out);
            out.closeEntry();
        }

        @SuppressWarnings("unchecked")
        @Override
        public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            final ZipEntry e = in.getNextEntry();
            if (e == null || !CONTENT_ENTRY.equals(e.getName())) {
                throw new IOException("Expected zip entry " + CONTENT_ENTRY);
            }
            final ModelContent c = MapConfig.readFrom(in, ModelContent.class);
            try {
                final Class<?> cl = Class.forName(c.getString("class_name"), true, getClass().getClassLoader());
                final T spec = (T)cl.getConstructor().newInstance();
                spec.load(c);
                return spec;
            } catch (InvalidSettingsException | ReflectiveOperationException ex) {
                throw new IOException("Unable to load port object spec: " + ex.getMessage(), ex);
            }
        }
    }
}
