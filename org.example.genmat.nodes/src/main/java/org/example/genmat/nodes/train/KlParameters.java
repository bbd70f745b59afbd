package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/** The KL term of the VAE loss, shared by Train VAE and Train VAE-GAN (nested group "kl"). */
final class KlParameters implements NodeParameters {

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults(ModelFamily.VAE);

    // the bounds of the number widgets: the engine's ranges
    static final class BetaMin extends EngineRange.Min {
        BetaMin() {
            super(TrainingSettings.BETA);
        }
    }

    static final class BetaMax extends EngineRange.Max {
        BetaMax() {
            super(TrainingSettings.BETA);
        }
    }

    static final class BetaWarmupStepsMin extends EngineRange.Min {
        BetaWarmupStepsMin() {
            super(TrainingSettings.BETA_WARMUP_STEPS);
        }
    }

    @Widget(title = "β (KL weight)", description = "Weight of the Kullback-Leibler term of the VAE loss."
        + " Default: 0.1.")
    @NumberInputWidget(minValidation = BetaMin.class, maxValidation = BetaMax.class)
    double m_beta = DEFAULTS.beta();

    @Widget(title = "β warm-up steps", description = "β grows linearly from 0 to its value over this many steps"
        + " (0 = no warm-up). Default: 0.")
    @NumberInputWidget(minValidation = BetaWarmupStepsMin.class)
    int m_betaWarmupSteps = DEFAULTS.betaWarmupSteps();

    TrainingSettings.Builder apply(final TrainingSettings.Builder b) {
        return b.beta(m_beta).betaWarmupSteps(m_betaWarmupSteps);
    }

    void describe(final Map<String, String> m) {
        m.put("beta", Double.toString(m_beta));
        m.put("betaWarmupSteps", Integer.toString(m_betaWarmupSteps));
    }
}
