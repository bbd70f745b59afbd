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

/**
 * Architecture, optimiser and run settings shared by the three training nodes (nested group "network"). The
 * family's defaults (Türk et al. 2022, as in the engine's TrainingSettings) come in through the constructor; the
 * descriptions name the default of each family because annotation text is the same for all three nodes.
 */
final class NetworkParameters implements NodeParameters {

    // the bounds of the number widgets: the engine's ranges
    static final class LatentSizeMin extends EngineRange.Min {
        LatentSizeMin() {
            super(TrainingSettings.LATENT_SIZE);
        }
    }

    static final class LatentSizeMax extends EngineRange.Max {
        LatentSizeMax() {
            super(TrainingSettings.LATENT_SIZE);
        }
    }

    static final class LearningRateMin extends EngineRange.Min {
        LearningRateMin() {
            super(TrainingSettings.LEARNING_RATE);
        }
    }

    static final class LearningRateMax extends EngineRange.Max {
        LearningRateMax() {
            super(TrainingSettings.LEARNING_RATE);
        }
    }

    static final class AdamBeta1Min extends EngineRange.Min {
        AdamBeta1Min() {
            super(TrainingSettings.ADAM_BETA1);
        }
    }

    static final class AdamBeta1Max extends EngineRange.Max {
        AdamBeta1Max() {
            super(TrainingSettings.ADAM_BETA1);
        }
    }

    static final class AdamBeta2Min extends EngineRange.Min {
        AdamBeta2Min() {
            super(TrainingSettings.ADAM_BETA2);
        }
    }

    static final class AdamBeta2Max extends EngineRange.Max {
        AdamBeta2Max() {
            super(TrainingSettings.ADAM_BETA2);
        }
    }

    static final class StepsMin extends EngineRange.Min {
        StepsMin() {
            super(TrainingSettings.STEPS);
        }
    }

    static final class BatchSizeMin extends EngineRange.Min {
        BatchSizeMin() {
            super(TrainingSettings.BATCH_SIZE);
        }
    }

    static final class BatchSizeMax extends EngineRange.Max {
        BatchSizeMax() {
            super(TrainingSettings.BATCH_SIZE);
        }
    }

    static final class HistoryEveryMin extends EngineRange.Min {
        HistoryEveryMin() {
            super(TrainingSettings.HISTORY_EVERY);
        }
    }

    static final class ThreadsMin extends EngineRange.Min {
        ThreadsMin() {
            super(TrainingSettings.THREADS);
        }
    }

    static final class ThreadsMax extends EngineRange.Max {
        ThreadsMax() {
            super(TrainingSettings.THREADS);
        }
    }

    @Widget(title = "Hidden layers", description = "Sizes of the hidden layers, comma separated (VAE and VAE-GAN:"
        + " encoder in this order, decoder reversed; WGAN-GP: generator). Default: 256, 256 (VAE, VAE-GAN);"
        + " 512 (WGAN-GP).")
    String m_hiddenLayers;

    @Widget(title = "Latent size", description = "Dimension of the latent vector z. Default: 8.")
    @NumberInputWidget(minValidation = LatentSizeMin.class, maxValidation = LatentSizeMax.class)
    int m_latentSize;

    @Widget(title = "Layer normalisation", description = "Layer normalisation after every hidden layer of"
        + " encoder, decoder or generator (never in the critic). Default: on (VAE, VAE-GAN); off (WGAN-GP).")
    @Advanced
    boolean m_layerNorm;

    @Widget(title = "Learning rate", description = "Adam learning rate of all networks. Default: 0.001 (VAE);"
        + " 0.00001 (WGAN-GP); 0.0001 (VAE-GAN).")
    @NumberInputWidget(minValidation = LearningRateMin.class, maxValidation = LearningRateMax.class)
    double m_learningRate;

    @Widget(title = "Adam β1", description = "Adam's first-moment decay, in [0, 1). Default: 0.9 (VAE, WGAN-GP);"
        + " 0.5 (VAE-GAN).")
    @NumberInputWidget(minValidation = AdamBeta1Min.class, maxValidation = AdamBeta1Max.class)
    @Advanced
    double m_adamBeta1;

    @Widget(title = "Adam β2", description = "Adam's second-moment decay, in [0, 1). Default: 0.999 (VAE,"
        + " WGAN-GP); 0.9 (VAE-GAN).")
    @NumberInputWidget(minValidation = AdamBeta2Min.class, maxValidation = AdamBeta2Max.class)
    @Advanced
    double m_adamBeta2;

    @Widget(title = "Steps", description = "Number of network updates (one batch each; for WGAN-GP generator"
        + " updates, for VAE-GAN decoder updates). Default: 10,000. Türk et al. trained the WGAN-GP 200,000 steps at"
        + " its default learning rate 0.00001; at 10,000 it is far from trained. For a quicker WGAN-GP set the"
        + " learning rate to 0.0001 with Adam β1 0.5 and β2 0.9, as the example workflow does (4,000 steps).")
    @NumberInputWidget(minValidation = StepsMin.class)
    int m_steps;

    @Widget(title = "Batch size", description = "Rows per batch. Default: 500 (VAE, VAE-GAN); 100 (WGAN-GP).")
    @NumberInputWidget(minValidation = BatchSizeMin.class, maxValidation = BatchSizeMax.class)
    int m_batchSize;

    @Widget(title = "Random seed", description = "Seed of the initial weights, the batches and every random"
        + " draw: the same data, settings and seed give the same model. Default: 42.")
    long m_seed;

    @Widget(title = "Device", description = "Where training runs. Default: Automatic.")
    Device m_device;

    @Widget(title = "TensorFlow threads", description = "Threads TensorFlow may use for training (0 = one per"
        + " core); fewer leave cores to other nodes running at the same time. Default: 0.")
    @NumberInputWidget(minValidation = ThreadsMin.class, maxValidation = ThreadsMax.class)
    @Advanced
    int m_threads;

    @Widget(title = "History interval", description = "A row of the training-history table (and a progress"
        + " update) every this many steps. Default: 10.")
    @NumberInputWidget(minValidation = HistoryEveryMin.class)
    @Advanced
    int m_historyEvery;

    /** For KNIME, which creates the group reflectively before loading saved values into it. */
    NetworkParameters() {
        this(ModelFamily.VAE);
    }

    NetworkParameters(final ModelFamily family) {
        final TrainingSettings d = TrainingSettings.defaults(family);
        m_hiddenLayers = TrainingParameters.layers(d.hiddenLayers());
        m_latentSize = d.latentSize();
        m_layerNorm = d.layerNorm();
        m_learningRate = d.learningRate();
        m_adamBeta1 = d.adamBeta1();
        m_adamBeta2 = d.adamBeta2();
        m_steps = d.steps();
        m_batchSize = d.batchSize();
        m_seed = d.seed();
        m_device = Device.valueOf(d.device().name());
        m_threads = d.threads();
        m_historyEvery = d.historyEvery();
    }

    /**
     * @param b builder to fill
     * @return the same builder
     * @throws InvalidSettingsException if the layer list is not a list of positive integers
     */
    TrainingSettings.Builder apply(final TrainingSettings.Builder b) throws InvalidSettingsException {
        return b.hiddenLayers(TrainingParameters.layers(m_hiddenLayers, "Hidden layers")) //
            .latentSize(m_latentSize).layerNorm(m_layerNorm) //
            .learningRate(m_learningRate).adam(m_adamBeta1, m_adamBeta2) //
            .steps(m_steps).batchSize(m_batchSize).seed(m_seed) //
            .device(TrainingSettings.Device.valueOf(m_device.name())) //
            .threads(m_threads).historyEvery(m_historyEvery);
    }

    void describe(final Map<String, String> m) {
        m.put("hiddenLayers", m_hiddenLayers);
        m.put("latentSize", Integer.toString(m_latentSize));
        m.put("learningRate", Double.toString(m_learningRate));
        m.put("steps", Integer.toString(m_steps));
        m.put("batchSize", Integer.toString(m_batchSize));
        m.put("seed", Long.toString(m_seed));
        m.put("device", m_device.name());
        m.put("threads", Integer.toString(m_threads));
    }
}
