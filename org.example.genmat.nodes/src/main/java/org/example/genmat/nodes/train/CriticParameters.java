package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/** The WGAN-GP critic, shared by Train WGAN-GP and Train VAE-GAN (nested group "critic"). */
final class CriticParameters implements NodeParameters {

    // the bounds of the number widgets: the engine's ranges
    static final class GpLambdaMin extends EngineRange.Min {
        GpLambdaMin() {
            super(TrainingSettings.GP_LAMBDA);
        }
    }

    static final class GpLambdaMax extends EngineRange.Max {
        GpLambdaMax() {
            super(TrainingSettings.GP_LAMBDA);
        }
    }

    static final class NCriticMin extends EngineRange.Min {
        NCriticMin() {
            super(TrainingSettings.N_CRITIC);
        }
    }

    static final class CriticPackMin extends EngineRange.Min {
        CriticPackMin() {
            super(TrainingSettings.CRITIC_PACK);
        }
    }

    static final class CriticPackMax extends EngineRange.Max {
        CriticPackMax() {
            super(TrainingSettings.CRITIC_PACK);
        }
    }

    @Widget(title = "Critic layers", description = "Sizes of the critic's hidden layers, comma separated."
        + " Default: 512.")
    String m_criticLayers;

    @Widget(title = "Gradient-penalty weight λ", description = "Weight of the WGAN-GP gradient penalty."
        + " Default: 10.")
    @NumberInputWidget(minValidation = GpLambdaMin.class, maxValidation = GpLambdaMax.class)
    double m_gpLambda;

    @Widget(title = "Critic steps per generator step", description = "n_critic: critic updates before each"
        + " generator (WGAN-GP) or decoder (VAE-GAN) update. Default: 5 (WGAN-GP); 1 (VAE-GAN).")
    @NumberInputWidget(minValidation = NCriticMin.class)
    int m_nCritic;

    @Widget(title = "Critic pack (PacGAN)", description = "Rows the critic scores together (PacGAN, Lin et al. 2018):"
        + " with 2 or more the critic sees several samples at once and can penalise a generator that repeats itself."
        + " The batch size must be a multiple of it. Default: 1 (off).")
    @NumberInputWidget(minValidation = CriticPackMin.class, maxValidation = CriticPackMax.class)
    @Advanced
    int m_criticPack;

    /** For KNIME, which creates the group reflectively before loading saved values into it. */
    CriticParameters() {
        this(ModelFamily.WGAN_GP);
    }

    CriticParameters(final ModelFamily family) {
        final TrainingSettings d = TrainingSettings.defaults(family);
        m_criticLayers = TrainingParameters.layers(d.criticLayers());
        m_gpLambda = d.gpLambda();
        m_nCritic = d.nCritic();
        m_criticPack = d.criticPack();
    }

    TrainingSettings.Builder apply(final TrainingSettings.Builder b) throws InvalidSettingsException {
        return b.criticLayers(TrainingParameters.layers(m_criticLayers, "Critic layers")) //
            .gpLambda(m_gpLambda).nCritic(m_nCritic).criticPack(m_criticPack);
    }

    void describe(final Map<String, String> m) {
        m.put("criticLayers", m_criticLayers);
        m.put("gpLambda", Double.toString(m_gpLambda));
        m.put("nCritic", Integer.toString(m_nCritic));
        m.put("criticPack", Integer.toString(m_criticPack));
    }
}
