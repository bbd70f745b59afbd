package org.example.genmat.nodes.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.util.AllColumnsProvider;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/** Settings of Train WGAN-GP; defaults are those of Türk et al. (2022) as in the engine's TrainingSettings. */
final class TrainWganGpParameters implements NodeParameters, TrainingChoices {

    private static final TrainingSettings DEFAULTS = TrainingSettings.defaults(ModelFamily.WGAN_GP);

    /** Adam's decay rates must stay below 1. */
    static final class BelowOne extends MaxValidation {
        @Override
        protected double getMax() {
            return 1;
        }

        @Override
        public boolean isExclusive() {
            return true;
        }
    }

    @Widget(title = "Representation", description = "How each crystal becomes a vector for the network."
        + " Default: Composition.")
    Representation m_representation = Representation.COMPOSITION;

    @Widget(title = "Condition", description = "Train a conditional model on a class or a property column."
        + " Default: None.")
    ConditionMode m_conditionMode = ConditionMode.NONE;

    @Widget(title = "Condition column", description = "Column holding the class (any type) or the numeric"
        + " property the model is conditioned on; rows with a missing value are skipped and counted in the"
        + " warning. Default: none.")
    @ChoicesProvider(AllColumnsProvider.class)
    String m_conditionColumn = "";

    @Widget(title = "Class-balanced batches", description = "Draw batch rows with probability inversely"
        + " proportional to their class frequency (class conditioning only). Default: off.")
    @Advanced
    boolean m_classBalanced;

    @Widget(title = "Hidden layers", description = "Sizes of the hidden layers, comma separated (generator)."
        + " Default: 512.")
    String m_hiddenLayers = TrainingChoices.layers(DEFAULTS.hiddenLayers());

    @Widget(title = "Latent size", description = "Dimension of the latent vector z. Default: 8.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_latentSize = DEFAULTS.latentSize();

    @Widget(title = "Layer normalisation", description = "Layer normalisation after every hidden layer of"
        + " the generator (never in the critic). Default: off.")
    @Advanced
    boolean m_layerNorm = DEFAULTS.layerNorm();

    @Widget(title = "Learning rate", description = "Adam learning rate of all networks. Default: 0.00001.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_learningRate = DEFAULTS.learningRate();

    @Widget(title = "Adam β1", description = "Adam's first-moment decay, in [0, 1). Default: 0.9.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = BelowOne.class)
    @Advanced
    double m_adamBeta1 = DEFAULTS.adamBeta1();

    @Widget(title = "Adam β2", description = "Adam's second-moment decay, in [0, 1). Default: 0.999.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = BelowOne.class)
    @Advanced
    double m_adamBeta2 = DEFAULTS.adamBeta2();

    @Widget(title = "Steps", description = "Number of generator updates (one batch each). Default: 10,000.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_steps = DEFAULTS.steps();

    @Widget(title = "Batch size", description = "Rows per batch. Default: 100.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_batchSize = DEFAULTS.batchSize();

    @Widget(title = "Random seed", description = "Seed of the initial weights, the batches and every random"
        + " draw: the same data, settings and seed give the same model. Default: 42.")
    long m_seed = 42;

    @Widget(title = "Device", description = "Where training runs. Default: Automatic.")
    Device m_device = Device.AUTO;

    @Widget(title = "History interval", description = "A row of the training-history table (and a progress"
        + " update) every this many steps. Default: 100.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Advanced
    int m_historyEvery = 100;

    @Widget(title = "Critic layers", description = "Sizes of the critic's hidden layers, comma separated."
        + " Default: 512.")
    String m_criticLayers = TrainingChoices.layers(DEFAULTS.criticLayers());

    @Widget(title = "Gradient-penalty weight λ", description = "Weight of the WGAN-GP gradient penalty."
        + " Default: 10.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    double m_gpLambda = DEFAULTS.gpLambda();

    @Widget(title = "Critic steps per generator step", description = "n_critic: critic updates before each"
        + " generator update. Default: 5.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_nCritic = DEFAULTS.nCritic();

    @Override
    public void validate() throws InvalidSettingsException {
        settings();
        if (m_conditionMode != ConditionMode.NONE && (m_conditionColumn == null || m_conditionColumn.isBlank())) {
            throw new InvalidSettingsException("Select the condition column (or set Condition to None).");
        }
        if (m_classBalanced && m_conditionMode != ConditionMode.CLASS) {
            throw new InvalidSettingsException("Class-balanced batches need class conditioning.");
        }
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.WGAN_GP;
    }

    @Override
    public Representation representation() {
        return m_representation;
    }

    @Override
    public ConditionMode conditionMode() {
        return m_conditionMode;
    }

    @Override
    public String conditionColumn() {
        return m_conditionColumn;
    }

    @Override
    public TrainingSettings settings() throws InvalidSettingsException {
        return TrainingChoices.build(DEFAULTS.toBuilder() //
            .hiddenLayers(TrainingChoices.layers(m_hiddenLayers, "Hidden layers")) //
            .latentSize(m_latentSize).layerNorm(m_layerNorm) //
            .learningRate(m_learningRate).adam(m_adamBeta1, m_adamBeta2) //
            .steps(m_steps).batchSize(m_batchSize).seed(m_seed) //
            .device(TrainingSettings.Device.valueOf(m_device.name())) //
            .historyEvery(m_historyEvery).classBalanced(m_classBalanced) //
            .criticLayers(TrainingChoices.layers(m_criticLayers, "Critic layers")) //
            .gpLambda(m_gpLambda).nCritic(m_nCritic));
    }

    @Override
    public Map<String, String> describe() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("representation", m_representation.m_engineName);
        m.put("condition", m_conditionMode + (m_conditionMode == ConditionMode.NONE ? "" : ":" + m_conditionColumn));
        m.put("hiddenLayers", m_hiddenLayers);
        m.put("latentSize", Integer.toString(m_latentSize));
        m.put("learningRate", Double.toString(m_learningRate));
        m.put("steps", Integer.toString(m_steps));
        m.put("batchSize", Integer.toString(m_batchSize));
        m.put("seed", Long.toString(m_seed));
        m.put("device", m_device.name());
        m.put("criticLayers", m_criticLayers);
        m.put("gpLambda", Double.toString(m_gpLambda));
        m.put("nCritic", Integer.toString(m_nCritic));
        return m;
    }
}
