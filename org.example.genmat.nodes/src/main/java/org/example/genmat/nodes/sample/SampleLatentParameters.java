package org.example.genmat.nodes.sample;


import org.example.genmat.core.job.sample.SampleMode;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.nodes.EngineRange;
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
        @Label(value = "Interpolate", description = "Encode the crystals of the rows set as <i>First interpolation"
            + " row</i> and <i>Second interpolation row</i> (default: rows 1 and 2) and decode evenly spaced points on"
            + " the line between their latent means (VAE and VAE-GAN).")
        INTERPOLATE,
        /** Encode. */
        @Label(value = "Encode", description = "Encode every crystal of the input table to its latent mean and"
            + " decode it again (reconstruction; VAE and VAE-GAN).")
        ENCODE
    }

    // the bounds of the number widgets: the engine's ranges (SampleSettings)
    static final class SamplesMin extends EngineRange.Min {
        SamplesMin() {
            super(SampleSettings.SAMPLES);
        }
    }

    static final class SamplesMax extends EngineRange.Max {
        SamplesMax() {
            super(SampleSettings.SAMPLES);
        }
    }

    static final class StepsMin extends EngineRange.Min {
        StepsMin() {
            super(SampleSettings.STEPS);
        }
    }

    static final class StepsMax extends EngineRange.Max {
        StepsMax() {
            super(SampleSettings.STEPS);
        }
    }

    static final class TemperatureMin extends EngineRange.Min {
        TemperatureMin() {
            super(SampleSettings.TEMPERATURE);
        }
    }

    static final class OutputNoiseMin extends EngineRange.Min {
        OutputNoiseMin() {
            super(SampleSettings.OUTPUT_NOISE);
        }
    }

    static final class GuidanceMin extends EngineRange.Min {
        GuidanceMin() {
            super(SampleSettings.GUIDANCE);
        }
    }

    static final class GuidanceSpreadMin extends EngineRange.Min {
        GuidanceSpreadMin() {
            super(SampleSettings.GUIDANCE_SPREAD);
        }
    }

    static final class GuidanceSpreadMax extends EngineRange.Max {
        GuidanceSpreadMax() {
            super(SampleSettings.GUIDANCE_SPREAD);
        }
    }

    static final class FirstRowMin extends EngineRange.Min {
        FirstRowMin() {
            super(SampleSettings.FIRST_ROW);
        }
    }

    static final class SecondRowMin extends EngineRange.Min {
        SecondRowMin() {
            super(SampleSettings.SECOND_ROW);
        }
    }

    static final class ShardMin extends EngineRange.Min {
        ShardMin() {
            super(SampleSettings.SHARD);
        }
    }

    static final class ShardsMin extends EngineRange.Min {
        ShardsMin() {
            super(SampleSettings.SHARDS);
        }
    }

    /** The engine's shard defaults: the whole stream. */
    private static final SampleSettings UNSHARDED = SampleSettings.prior(0, 0);

    static final class ModeRef implements ParameterReference<Mode> {
    }

    /**
     * Shows a setting in the modes it acts in, those of the engine's one definition ({@link SampleMode#modesOf}), so
     * the dialog hides exactly what {@code genmat sample} refuses in a mode. One subclass per setting, naming the
     * engine's setting: an annotation takes a class, not a value.
     */
    abstract static class ActsInItsModes implements EffectPredicateProvider {

        private final String setting;

        ActsInItsModes(final String setting) {
            this.setting = setting;
        }

        /** The engine's setting (a component of SampleSettings or of its decoding) the field gives. */
        String setting() {
            return setting;
        }

        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            // the dialog's modes are the engine's by name (toSettings)
            return i.getEnum(ModeRef.class).isOneOf(
                SampleMode.modesOf(setting).stream().map(m -> Mode.valueOf(m.name())).toArray(Mode[]::new));
        }
    }

    static final class SamplesActs extends ActsInItsModes {
        SamplesActs() {
            super("samples");
        }
    }

    static final class TemperatureActs extends ActsInItsModes {
        TemperatureActs() {
            super("temperature");
        }
    }

    static final class SeedActs extends ActsInItsModes {
        SeedActs() {
            super("seed");
        }
    }

    static final class ShardActs extends ActsInItsModes {
        ShardActs() {
            super("shard");
        }
    }

    static final class ShardsActs extends ActsInItsModes {
        ShardsActs() {
            super("shards");
        }
    }

    static final class OutputNoiseActs extends ActsInItsModes {
        OutputNoiseActs() {
            super("outputNoise");
        }
    }

    static final class GuidanceActs extends ActsInItsModes {
        GuidanceActs() {
            super("guidance");
        }
    }

    static final class SiteGuidanceActs extends ActsInItsModes {
        SiteGuidanceActs() {
            super("siteGuidance");
        }
    }

    static final class ConditionGuidanceActs extends ActsInItsModes {
        ConditionGuidanceActs() {
            super("conditionGuidance");
        }
    }

    static final class GuidanceSpreadActs extends ActsInItsModes {
        GuidanceSpreadActs() {
            super("guidanceSpread");
        }
    }

    /** The field keeps its saved key, interpolationSteps; the engine's setting is steps. */
    static final class StepsActs extends ActsInItsModes {
        StepsActs() {
            super("steps");
        }
    }

    static final class FirstRowActs extends ActsInItsModes {
        FirstRowActs() {
            super("firstRow");
        }
    }

    static final class SecondRowActs extends ActsInItsModes {
        SecondRowActs() {
            super("secondRow");
        }
    }

    @Widget(title = "Mode", description = "Prior sample (default), decode a latent table, interpolate between two"
        + " crystals or encode crystals. All modes but prior sampling need the input table.")
    @ValueReference(ModeRef.class)
    Mode m_mode = Mode.PRIOR;

    @Widget(title = "Number of samples", description = "Candidates drawn in prior-sample mode. Default: "
        + SampleSettings.DEFAULT_SAMPLES + ".")
    @NumberInputWidget(minValidation = SamplesMin.class, maxValidation = SamplesMax.class)
    @Effect(predicate = SamplesActs.class, type = EffectType.SHOW)
    long m_samples = SampleSettings.DEFAULT_SAMPLES;

    /** The title of {@link #m_condition}, which configure's messages name. */
    static final String CONDITION_TITLE = "Condition value (class or property)";

    // the key stays "condition" (saved workflows); the title says what it holds
    // where the value is used follows SampleJob: requireOneConditionSource (encode) and runInterpolate
    @Widget(title = CONDITION_TITLE, description = "For a conditional model: the class label"
        + " or property value to generate for. Empty (default): in prior mode class models draw classes with the"
        + " training frequencies and property models use the training mean. In encode mode the value is used for"
        + " every row when the input table lacks the model's condition column, and must be empty when the table has"
        + " that column (each row's own value is used then; a row with an empty cell is not encoded, its output"
        + " row holds only the origin and a note). In interpolate mode a value set here is used for the whole line (for both rows,"
        + " whatever the table holds); else each interpolation row is encoded with its own value in the condition column"
        + " and the condition moves from the first row's value to the second's along the line (a row without a value"
        + " takes the other row's). In decode mode a class-conditioned model needs a class here (property"
        + " models use the training mean). Must be empty for an unconditional model.")
    String m_condition = "";

    @Widget(title = "Temperature", description = "Standard deviation T of the latent prior; 1 (default) samples"
        + " the prior itself, smaller values stay closer to typical training structures.")
    @NumberInputWidget(minValidation = TemperatureMin.class)
    @Effect(predicate = TemperatureActs.class, type = EffectType.SHOW)
    double m_temperature = 1.0;

    @Widget(title = "Output noise", description = "Standard deviation of Gaussian noise added to every decoded"
        + " value: a draw from the decoder's observation model instead of its mean (prior mode). Default: 0 (the"
        + " mean).")
    @NumberInputWidget(minValidation = OutputNoiseMin.class)
    @Advanced
    @Effect(predicate = OutputNoiseActs.class, type = EffectType.SHOW)
    double m_outputNoise;

    @Widget(title = "Class guidance", description = "Guidance weight w for class-conditioned models:"
        + " dec(z,c) + w·(dec(z,c) − dec(z,mean class)) (prior mode). Default: 0 (plain conditional decoding).")
    @NumberInputWidget(minValidation = GuidanceMin.class)
    @Advanced
    @Effect(predicate = GuidanceActs.class, type = EffectType.SHOW)
    double m_guidance;

    @Widget(title = "Class guidance per site", description = "Class guidance of single sites of a prototype"
        + " model, replacing <i>Class guidance</i> there: site=weight pairs, e.g. <tt>D=0.2</tt> or"
        + " <tt>D=0, C=0</tt> (prior mode). Default: empty (the same guidance on every site).")
    @Advanced
    @Effect(predicate = SiteGuidanceActs.class, type = EffectType.SHOW)
    String m_siteGuidance = "";

    @Widget(title = "Guidance through the condition", description = "For single sites of a prototype model: the"
        + " site decoded from the class vector moved beyond its class, c + w·(c − mean class), e.g. <tt>D=0.8</tt>"
        + " (prior mode). Default: empty (none).")
    @Advanced
    @Effect(predicate = ConditionGuidanceActs.class, type = EffectType.SHOW)
    String m_conditionGuidance = "";

    @Widget(title = "Guidance spread", description = "Each sample's guidance (both kinds) multiplied by 1 + s·u, u"
        + " uniform in [−1, 1] per sample: 0 (default) the set strength for every sample, 1 from none to twice it"
        + " (prior mode).")
    @NumberInputWidget(minValidation = GuidanceSpreadMin.class, maxValidation = GuidanceSpreadMax.class)
    @Advanced
    @Effect(predicate = GuidanceSpreadActs.class, type = EffectType.SHOW)
    double m_guidanceSpread;

    @Widget(title = "Random seed", description = "Seed of the latent draws: same model, settings and seed give the"
        + " same candidates. Default: 42.")
    @Effect(predicate = SeedActs.class, type = EffectType.SHOW)
    long m_seed = 42;

    @Widget(title = "Interpolation points", description = "Points on the line between the two crystals, both ends"
        + " included (interpolate mode; <tt>genmat sample --mode interpolate --n</tt>). Default: "
        + SampleSettings.DEFAULT_STEPS + ".")
    @NumberInputWidget(minValidation = StepsMin.class, maxValidation = StepsMax.class)
    @Advanced
    @Effect(predicate = StepsActs.class, type = EffectType.SHOW)
    int m_interpolationSteps = SampleSettings.DEFAULT_STEPS;

    @Widget(title = "First interpolation row", description = "The input row (1-based) at the start of the line"
        + " (interpolate mode). Default: 1.")
    @NumberInputWidget(minValidation = FirstRowMin.class)
    @Advanced
    @Effect(predicate = FirstRowActs.class, type = EffectType.SHOW)
    int m_firstRow = 1;

    @Widget(title = "Second interpolation row", description = "The input row (1-based) at the end of the line"
        + " (interpolate mode). Default: 2.")
    @NumberInputWidget(minValidation = SecondRowMin.class)
    @Advanced
    @Effect(predicate = SecondRowActs.class, type = EffectType.SHOW)
    int m_secondRow = 2;

    @Widget(title = "Shard", description = "Write only shard k (0-based) of the <i>Number of shards</i> of the"
        + " seed's stream (prior mode; <tt>genmat sample --shard k/K</tt>). The stream is drawn in batches that"
        + " depend only on the seed and their index; shard k holds the batches whose index is k modulo the number"
        + " of shards, so the shards of one seed and number of samples are disjoint parts of one stream and"
        + " together are exactly the unsharded run's candidates (e.g. four nodes, or four machines, sharing one"
        + " large draw). With more than one shard every row's <i>origin</i> names the run and the shard"
        + " (<tt>shard k/K of seed S, n N, model M, options O</tt>; M: the first 8 digits of the model file's SHA-256,"
        + " O: a digest of condition, temperature and decoding): <tt>genmat filter</tt> and <tt>genmat metrics</tt>,"
        + " given the shard tables as CSV files, refuse shards of different runs, a missing shard or one out of"
        + " place. Default: 0.")
    @NumberInputWidget(minValidation = ShardMin.class)
    @Advanced
    @Effect(predicate = ShardActs.class, type = EffectType.SHOW)
    int m_shard = UNSHARDED.shard();

    @Widget(title = "Number of shards", description = "The number of shards K the seed's stream is split into"
        + " (prior mode); see <i>Shard</i>. Default: 1 (the whole stream).")
    @NumberInputWidget(minValidation = ShardsMin.class)
    @Advanced
    @Effect(predicate = ShardsActs.class, type = EffectType.SHOW)
    int m_shards = UNSHARDED.shards();

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_mode == null) {
            throw new InvalidSettingsException("Select a mode.");
        }
        EngineRange.settings(this, this::toSettings);
    }

    /** @return the engine's sampling settings (checked there) */
    SampleSettings toSettings() {
        return new SampleSettings(SampleMode.valueOf(m_mode.name()), m_samples, m_interpolationSteps, m_condition,
            m_temperature, m_seed, m_shard, m_shards, m_firstRow, m_secondRow, SampleSettings.decoding(m_outputNoise, m_guidance,
                m_siteGuidance, m_conditionGuidance, m_guidanceSpread));
    }
}
