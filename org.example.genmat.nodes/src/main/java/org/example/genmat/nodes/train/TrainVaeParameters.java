package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;

/** Settings of Train VAE: the shared groups plus the KL term; defaults after Türk et al. (2022). */
final class TrainVaeParameters extends TrainingParameters {

    KlParameters m_kl = new KlParameters();

    @Override
    ModelFamily family() {
        return ModelFamily.VAE;
    }

    @Override
    TrainingSettings.Builder applyFamily(final TrainingSettings.Builder b) {
        return m_kl.apply(b);
    }

    @Override
    void describeFamily(final Map<String, String> m) {
        m_kl.describe(m);
    }
}
