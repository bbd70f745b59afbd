package org.example.genmat.nodes.port;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.swing.JComponent;

import org.example.genmat.core.train.ModelFamily;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What downstream nodes know about a generative model before it is trained: family, representation,
 * conditioning (kind, column, classes), the input columns it reads, the latent size, steps and training rows
 * ({@code -1} while unknown, i.e. at configure time).
 */
public final class GenerativeModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<GenerativeModelPortObjectSpec> {
    }

    private String m_family = "";

    private String m_representation = "";

    private String m_conditionKind = "NONE";

    private String m_conditionColumn = "";

    private String[] m_conditionClasses = new String[0];

    private String[] m_inputColumns = new String[0];

    private int m_latentSize;

    private int m_steps;

    private long m_trainingRows = -1;

    /** Framework constructor. */
    public GenerativeModelPortObjectSpec() {
    }

    /**
     * @param family model family (VAE, WGAN_GP, VAE_GAN)
     * @param representation featurizer name
     * @param conditionKind NONE, CLASS or PROPERTY
     * @param conditionColumn column of the condition ("" when none)
     * @param conditionClasses class labels (empty when not class-conditioned or not yet known)
     * @param inputColumns columns of the training table the model reads
     * @param latentSize latent size
     * @param steps training steps
     * @param trainingRows rows trained on, -1 when not yet known
     */
    public GenerativeModelPortObjectSpec(final String family, final String representation,
        final String conditionKind, final String conditionColumn, final List<String> conditionClasses,
        final List<String> inputColumns, final int latentSize, final int steps, final long trainingRows) {
        m_family = family;
        m_representation = representation;
        m_conditionKind = conditionKind;
        m_conditionColumn = conditionColumn == null ? "" : conditionColumn;
        m_conditionClasses = conditionClasses.toArray(String[]::new);
        m_inputColumns = inputColumns.toArray(String[]::new);
        m_latentSize = latentSize;
        m_steps = steps;
        m_trainingRows = trainingRows;
    }

    /** @return VAE, WGAN_GP or VAE_GAN */
    public String getFamily() {
        return m_family;
    }

    /** @return VAE, WGAN-GP or VAE-GAN, as the engine shows the family; the stored name where this version knows none */
    public String getFamilyDisplayName() {
        return knownFamily().map(ModelFamily::displayName).orElse(m_family);
    }

    /** @return whether the model can encode rows (a family this version does not know is taken to have an encoder) */
    public boolean hasEncoder() {
        return knownFamily().map(ModelFamily::hasEncoder).orElse(true);
    }

    private Optional<ModelFamily> knownFamily() {
        return Arrays.stream(ModelFamily.values()).filter(f -> f.name().equals(m_family)).findFirst();
    }

    /** @return the featurizer name */
    public String getRepresentation() {
        return m_representation;
    }

    /** @return NONE, CLASS or PROPERTY */
    public String getConditionKind() {
        return m_conditionKind;
    }

    /** @return condition column or "" */
    public String getConditionColumn() {
        return m_conditionColumn;
    }

    /** @return class labels (empty unless class-conditioned and trained) */
    public List<String> getConditionClasses() {
        return List.of(m_conditionClasses);
    }

    /** @return training table columns the model reads */
    public List<String> getInputColumns() {
        return List.of(m_inputColumns);
    }

    /** @return latent size */
    public int getLatentSize() {
        return m_latentSize;
    }

    /** @return training steps */
    public int getSteps() {
        return m_steps;
    }

    /** @return rows trained on, -1 if unknown */
    public long getTrainingRows() {
        return m_trainingRows;
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addString("family", m_family);
        model.addString("representation", m_representation);
        model.addString("conditionKind", m_conditionKind);
        model.addString("conditionColumn", m_conditionColumn);
        model.addStringArray("conditionClasses", m_conditionClasses);
        model.addStringArray("inputColumns", m_inputColumns);
        model.addInt("latentSize", m_latentSize);
        model.addInt("steps", m_steps);
        model.addLong("trainingRows", m_trainingRows);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_family = model.getString("family");
        m_representation = model.getString("representation");
        m_conditionKind = model.getString("conditionKind");
        m_conditionColumn = model.getString("conditionColumn");
        m_conditionClasses = model.getStringArray("conditionClasses");
        m_inputColumns = model.getStringArray("inputColumns");
        m_latentSize = model.getInt("latentSize");
        m_steps = model.getInt("steps");
        m_trainingRows = model.getLong("trainingRows");
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public String toString() {
        return m_family + " · " + m_representation + " · latent " + m_latentSize + " · condition " + m_conditionKind
            + (m_conditionColumn.isEmpty() ? "" : " (" + m_conditionColumn + ")") + " · inputs "
            + Arrays.toString(m_inputColumns);
    }
}
