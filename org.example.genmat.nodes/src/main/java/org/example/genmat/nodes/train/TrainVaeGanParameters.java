package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/**
 * Settings of Train VAE-GAN: the shared groups, the KL term, the critic and the two adversarial loss weights;
 * defaults after Türk et al. (2022).
 */
final class TrainVaeGanParameters extends TrainingParameters {

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults(ModelFamily.VAE_GAN);

    // the bounds of the number widgets: the engine's ranges
    static final class AdversarialWeightDecodedMin extends EngineRange.Min {
        AdversarialWeightDecodedMin() {
            super(TrainingSettings.ADVERSARIAL_WEIGHT_DECODED);
        }
    }

    static final class AdversarialWeightDecodedMax extends EngineRange.Max {
        AdversarialWeightDecodedMax() {
            super(TrainingSettings.ADVERSARIAL_WEIGHT_DECODED);
        }
    }

    static final class AdversarialWeightPriorMin extends EngineRange.Min {
        AdversarialWeightPriorMin() {
            super(TrainingSettings.ADVERSARIAL_WEIGHT_PRIOR);
        }
    }

    static final class AdversarialWeightPriorMax extends EngineRange.Max {
        AdversarialWeightPriorMax() {
            super(TrainingSettings.ADVERSARIAL_WEIGHT_PRIOR);
        }
    }

    KlParameters m_kl = new KlParameters();

    CriticParameters m_critic = new CriticParameters(ModelFamily.VAE_GAN);

    @Widget(title = "Adversarial weight (reconstructions)", description = "Weight of the critic's score of"
        + " decoded reconstructions, -D(decoder(encoder(x))), in the decoder loss. Default: 0.05.")
    @NumberInputWidget(minValidation = AdversarialWeightDecodedMin.class, maxValidation = AdversarialWeightDecodedMax.class)
    double m_adversarialWeightDecoded = DEFAULTS.adversarialWeightDecoded();

    @Widget(title = "Adversarial weight (prior samples)", description = "Weight of the critic's score of"
        + " decoded prior samples, -D(decoder(z)), z ~ N(0, I), in the decoder loss. Default: 0.05.")
    @NumberInputWidget(minValidation = AdversarialWeightPriorMin.class, maxValidation = AdversarialWeightPriorMax.class)
    double m_adversarialWeightPrior = DEFAULTS.adversarialWeightPrior();

    @Override
    ModelFamily family() {
        return ModelFamily.VAE_GAN;
    }

    @Override
    TrainingSettings.Builder applyFamily(final TrainingSettings.Builder b) throws InvalidSettingsException {
        return m_critic.apply(m_kl.apply(b)).adversarialWeights(m_adversarialWeightDecoded, m_adversarialWeightPrior);
    }

    @Override
    void describeFamily(final Map<String, String> m) {
        m_kl.describe(m);
        m_critic.describe(m);
        m.put("adversarialWeightDecoded", Double.toString(m_adversarialWeightDecoded));
        m.put("adversarialWeightPrior", Double.toString(m_adversarialWeightPrior));
    }
}
