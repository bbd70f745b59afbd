package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;

/** Settings of Train WGAN-GP: the shared groups plus the critic; defaults after Türk et al. (2022). */
final class TrainWganGpParameters implements NodeParameters, TrainingChoices {

    TrainingDataParameters m_data = new TrainingDataParameters();

    NetworkParameters m_network = new NetworkParameters(ModelFamily.WGAN_GP);

    CriticParameters m_critic = new CriticParameters(ModelFamily.WGAN_GP);

    @Override
    public void validate() throws InvalidSettingsException {
        validateAll();
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.WGAN_GP;
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
    public TrainingSettings.Builder applyFamily(final TrainingSettings.Builder b) throws InvalidSettingsException {
        return m_critic.apply(b);
    }

    @Override
    public void describeFamily(final Map<String, String> m) {
        m_critic.describe(m);
    }
}
