package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;

/** Settings of Train VAE: the shared groups plus the KL term; defaults after Türk et al. (2022). */
final class TrainVaeParameters implements NodeParameters, TrainingChoices {

    TrainingDataParameters m_data = new TrainingDataParameters();

    NetworkParameters m_network = new NetworkParameters(ModelFamily.VAE);

    KlParameters m_kl = new KlParameters();

    @Override
    public void validate() throws InvalidSettingsException {
        validateAll();
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.VAE;
    }

    @Override
    public TrainingDataParameters data() {
        return m_data;
    }

    @Override
    public NetworkParameters network() {
        return m_network;
    }

    @Override
    public TrainingSettings.Builder applyFamily(final TrainingSettings.Builder b) {
        return m_kl.apply(b);
    }

    @Override
    public void describeFamily(final Map<String, String> m) {
        m_kl.describe(m);
    }
}
