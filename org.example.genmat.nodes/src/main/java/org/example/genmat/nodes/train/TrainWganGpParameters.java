package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;

/** Settings of Train WGAN-GP: the shared groups plus the critic; defaults after Türk et al. (2022). */
final class TrainWganGpParameters extends TrainingParameters {

    CriticParameters m_critic = new CriticParameters(ModelFamily.WGAN_GP);

    @Override
    ModelFamily family() {
        return ModelFamily.WGAN_GP;
    }

    @Override
    TrainingSettings.Builder applyFamily(final TrainingSettings.Builder b) throws InvalidSettingsException {
        return m_critic.apply(b);
    }

    @Override
    void describeFamily(final Map<String, String> m) {
        m_critic.describe(m);
    }
}
