package org.example.genmat.nodes.sample;

import java.util.Map;

import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.job.sample.SampleMode;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.nodes.NumberBounds;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

/** Settings of Sample Latent. */
final class SampleLatentParameters implements NodeParameters {

    /** What to decode. */
    enum Mode {
        /** Draw from the prior. */
        @Label(value = "Prior sample", description = "Draw latent vectors z ~ N(0, T²·I) and decode them.")
        PRIOR,
        /** Decode given vectors. */
        @Label(value = "Decode latent table", description = "Decode the latent vectors of the input table"
            + " (columns z1 ... zk, k = the model's latent size).")
        DECODE,
        /** Interpolate. */
        @Label(value = "Interpolate", description = "Encode the first two crystals of the input table and decode"
            + " evenly spaced points on the line between their latent means (VAE and VAE-GAN).")
        INTERPOLATE,
        /** Encode. */
        @Label(value = "Encode", description = "Encode every crystal of the input table to its latent mean and"
            + " decode it again (reconstruction; VAE and VAE-GAN).")
        ENCODE
    }

    /** At least {@link SampleSettings#MIN_STEPS} interpolation points (the engine's limit, shown by the dialog). */
    static final class MinSteps extends MinValidation {
        @Override
        protected double getMin() {
            return SampleSettings.MIN_STEPS;
        }
    }

    /** At most {@link SampleSettings#MAX_STEPS} interpolation points. */
    static final class MaxSteps extends MaxValidation {
        @Override
        protected double getMax() {
            return SampleSettings.MAX_STEPS;
        }
    }

    /** At most {@link SampleSettings#MAX_SAMPLES} samples. */
    static final class MaxSamples extends MaxValidation {
        @Override
        protected double getMax() {
            return SampleSettings.MAX_SAMPLES;
        }
    }

    /** Interpolation rows are numbered from 1. */
    static final class RowNumber extends MinValidation {
        @Override
        protected double getMin() {
            return 1;
        }
    }

    static final class ModeRef implements ParameterReference<Mode> {
    }

    /** Number of samples, temperature and seed apply to prior sampling only. */
    static final class SamplesPrior implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ModeRef.class).isOneOf(Mode.PRIOR);
        }
    }

    static final class Interpolates implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ModeRef.class).isOneOf(Mode.INTERPOLATE);
        }
    }

    @Widget(title = "Mode", description = "Prior sample (default), decode a latent table, interpolate between two"
        + " crystals or encode crystals. All modes but prior sampling need the input table.")
    @ValueReference(ModeRef.class)
    Mode m_mode = Mode.PRIOR;

    @Widget(title = "Number of samples", description = "Candidates drawn in prior-sample mode. Default: 1000.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class, maxValidation = MaxSamples.class)
    @Effect(predicate = SamplesPrior.class, type = EffectType.SHOW)
    long m_samples = 1000;

    @Widget(title = "Condition", description = "For a conditional model: the class label or property value to"
        + " generate for. Empty (default): class models draw classes with the training frequencies, property"
        + " models use the training mean. Must be empty for an unconditional model.")
    String m_condition = "";

    @Widget(title = "Temperature", description = "Standard deviation T of the latent prior; 1 (default) samples"
        + " the prior itself, smaller values stay closer to typical training structures.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = SamplesPrior.class, type = EffectType.SHOW)
    double m_temperature = 1.0;

    @Widget(title = "Output noise", description = "Standard deviation of Gaussian noise added to every decoded"
        + " value: a draw from the decoder's observation model instead of its mean (prior mode). Default: 0 (the"
        + " mean).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Advanced
    @Effect(predicate = SamplesPrior.class, type = EffectType.SHOW)
    double m_outputNoise;

    @Widget(title = "Class guidance", description = "Guidance weight w for class-conditioned models:"
        + " dec(z,c) + w·(dec(z,c) − dec(z,mean class)) (prior mode). Default: 0 (plain conditional decoding).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Advanced
    @Effect(predicate = SamplesPrior.class, type = EffectType.SHOW)
    double m_guidance;

    @Widget(title = "Random seed", description = "Seed of the latent draws: same model, settings and seed give the"
        + " same candidates. Default: 42.")
    @Effect(predicate = SamplesPrior.class, type = EffectType.SHOW)
    long m_seed = 42;

    @Widget(title = "Interpolation points", description = "Points on the line between the two crystals, both ends"
        + " included (interpolate mode). Default: 10.")
    @NumberInputWidget(minValidation = MinSteps.class, maxValidation = MaxSteps.class)
    @Advanced
    @Effect(predicate = Interpolates.class, type = EffectType.SHOW)
    int m_interpolationSteps = 10;

    @Widget(title = "First interpolation row", description = "The input row (1-based) at the start of the line"
        + " (interpolate mode). Default: 1.")
    @NumberInputWidget(minValidation = RowNumber.class)
    @Advanced
    @Effect(predicate = Interpolates.class, type = EffectType.SHOW)
    int m_firstRow = 1;

    @Widget(title = "Second interpolation row", description = "The input row (1-based) at the end of the line"
        + " (interpolate mode). Default: 2.")
    @NumberInputWidget(minValidation = RowNumber.class)
    @Advanced
    @Effect(predicate = Interpolates.class, type = EffectType.SHOW)
    int m_secondRow = 2;

    /** The dialog field of each settings component, named in front of the settings' messages. */
    private static final Map<String, String> FIELDS = Map.of("mode", "Mode", "samples", "Number of samples", "steps",
        "Interpolation points", "temperature", "Temperature", "firstRow", "First interpolation row", "outputNoise", "Output noise", "guidance",
        "Class guidance");

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_mode == null) {
            throw new InvalidSettingsException("Select a mode.");
        }
        NumberBounds.check(this);
        try {
            toSettings();
        } catch (SettingException e) {
            throw new InvalidSettingsException("\"" + FIELDS.getOrDefault(e.setting(), e.setting()) + "\": "
                + e.getMessage() + ".", e);
        }
    }

    /** @return the engine's sampling settings (checked there) */
    SampleSettings toSettings() {
        return new SampleSettings(SampleMode.valueOf(m_mode.name()), m_samples, m_interpolationSteps, m_condition,
            m_temperature, m_seed, 0, 1, m_firstRow, m_secondRow, SampleSettings.decoding(m_outputNoise, m_guidance));
    }
}
