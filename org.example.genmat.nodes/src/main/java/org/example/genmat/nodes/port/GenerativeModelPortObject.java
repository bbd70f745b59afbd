package org.example.genmat.nodes.port;

import java.io.IOException;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A trained generative model travelling along a KNIME connection: the bytes of its {@code .genmat} file
 * (checksummed zip written by the engine) plus the spec. Saved with the workflow as one zip entry, so a saved
 * workflow reopens with its trained models.
 */
public final class GenerativeModelPortObject extends AbstractPortObject {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractPortObjectSerializer<GenerativeModelPortObject> {
    }

    /** The port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(GenerativeModelPortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(GenerativeModelPortObject.class, true);

    private static final String MODEL_ENTRY = "model.genmat";

    private GenerativeModelPortObjectSpec m_spec;

    private byte[] m_modelFile = new byte[0];

    /** Framework constructor (used by the serializer). */
    public GenerativeModelPortObject() {
    }

    /**
     * @param spec the spec (with the trained values filled in)
     * @param modelFile the bytes of the .genmat file
     */
    public GenerativeModelPortObject(final GenerativeModelPortObjectSpec spec, final byte[] modelFile) {
        m_spec = spec;
        m_modelFile = modelFile.clone();
    }

    /** @return a copy of the .genmat file bytes */
    public byte[] getModelFile() {
        return m_modelFile.clone();
    }

    @Override
    public GenerativeModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        final NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        return m_spec.getFamilyDisplayName() + " · latent " + m_spec.getLatentSize() + " · " + n.format(m_spec.getSteps()) + " steps · "
            + n.format(m_spec.getTrainingRows()) + " rows";
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    protected void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        exec.checkCanceled();
        out.putNextEntry(new ZipEntry(MODEL_ENTRY));
        out.write(m_modelFile);
        out.closeEntry();
    }

    @Override
    protected void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        exec.checkCanceled();
        final ZipEntry entry = in.getNextEntry();
        if (entry == null || !MODEL_ENTRY.equals(entry.getName())) {
            throw new IOException("Saved generative model is incomplete: zip entry " + MODEL_ENTRY + " not found");
        }
        m_modelFile = in.readAllBytes();
        m_spec = (GenerativeModelPortObjectSpec)spec;
    }
}
