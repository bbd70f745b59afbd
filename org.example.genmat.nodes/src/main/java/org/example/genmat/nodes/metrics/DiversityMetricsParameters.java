package org.example.genmat.nodes.metrics;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.job.metrics.MetricsSettings;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.nodes.validity.ValidityParameters;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.ColumnChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/** Settings of Diversity Metrics (the options of {@code genmat metrics}). */
final class DiversityMetricsParameters implements NodeParameters {

    /** COV cutoffs of the CDVAE benchmarks. */
    enum Preset {
        /** No coverage. */
        @Label(value = "None", description = "Skip COV-R and COV-P.")
        NONE(null),
        /** Perov-5. */
        @Label(value = "Perov-5", description = "Structure 0.2, composition 4 (CDVAE).")
        PEROV_5("perov5"),
        /** Carbon-24. */
        @Label(value = "Carbon-24", description = "Structure 0.2, composition 4 (CDVAE).")
        CARBON_24("carbon24"),
        /** MP-20. */
        @Label(value = "MP-20", description = "Structure 0.4, composition 10 (CDVAE).")
        MP_20("mp20"),
        /** User values. */
        @Label(value = "Custom", description = "The structure and composition cutoffs below.")
        CUSTOM(null);

        final String m_engineName;

        Preset(final String engineName) {
            m_engineName = engineName;
        }

        /** @return the preset of the engine's cutoffs (None for none, Custom for others) */
        static Preset of(final MetricsEngine.Cutoffs cutoffs) {
            if (cutoffs == null) {
                return NONE;
            }
            return java.util.Arrays.stream(values()).filter(p -> cutoffs.name().equals(p.m_engineName)).findFirst()
                .orElse(CUSTOM);
        }
    }

    /** @return whether the column can hold the classes: integers, or text holding integers (as a CSV column does) */
    static boolean isClassColumn(final DataColumnSpec col) {
        return col.getType().isCompatible(IntValue.class) || col.getType().isCompatible(StringValue.class);
    }

    /** Integer and string columns of the reference table (third input), else of the training table (second input). */
    static final class ClassColumns implements ColumnChoicesProvider {
        @Override
        public List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
            return context.getInTableSpec(2).or(() -> context.getInTableSpec(1)).map(DataTableSpec::stream)
                .orElseGet(Stream::empty).filter(DiversityMetricsParameters::isClassColumn).toList();
        }
    }

    static final class ClassColumnRef implements ParameterReference<String> {
    }

    /** Columns of the training table (second input). */
    static final class TrainingColumns implements ColumnChoicesProvider {
        @Override
        public List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
            return context.getInTableSpec(1).map(DataTableSpec::stream).orElseGet(Stream::empty).toList();
        }
    }

    static final class StudyRef implements ParameterReference<Boolean> {
    }

    /** The study's settings apply only when it is on. */
    static final class StudyOn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(StudyRef.class).isTrue();
        }
    }

    static final class StudySamplesMin extends EngineRange.Min {
        StudySamplesMin() {
            super(MetricsSettings.Study.SAMPLES);
        }
    }

    static final class PresetRef implements ParameterReference<Preset> {
    }

    /** The target class applies only with a class column. */
    static final class HasClassColumn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getString(ClassColumnRef.class).isEqualTo("").negate();
        }
    }

    // the bounds of the number widgets: the engine's ranges
    static final class TargetClassMin extends EngineRange.Min {
        TargetClassMin() {
            super(MetricsSettings.TARGET_CLASS);
        }
    }

    static final class StructureCutoffMin extends EngineRange.Min {
        StructureCutoffMin() {
            super(MetricsSettings.STRUCTURE_CUTOFF);
        }
    }

    static final class CompositionCutoffMin extends EngineRange.Min {
        CompositionCutoffMin() {
            super(MetricsSettings.COMPOSITION_CUTOFF);
        }
    }

    static final class EmdSamplesMin extends EngineRange.Min {
        EmdSamplesMin() {
            super(MetricsSettings.EMD_SAMPLES);
        }
    }

    static final class CurveEveryMin extends EngineRange.Min {
        CurveEveryMin() {
            super(MetricsSettings.CURVE_EVERY);
        }
    }

    static final class CustomCutoffs implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PresetRef.class).isOneOf(Preset.CUSTOM);
        }
    }

    @Widget(title = "Class column", description = "Integer class of each composition in the reference table (the"
        + " training table when no reference is connected), e.g. the number of known polymorphs: an integer column,"
        + " or a string column holding integers. Enables the class precision and coverage of Türk et al. for the"
        + " target class. Default: none.")
    @ChoicesProvider(ClassColumns.class)
    @ValueReference(ClassColumnRef.class)
    String m_classColumn = "";

    @Widget(title = "Target class", description = "The class (a non-negative integer) the generation was"
        + " conditioned on; used with a class column. Default: 1.")
    @NumberInputWidget(minValidation = TargetClassMin.class)
    @Effect(predicate = HasClassColumn.class, type = EffectType.SHOW)
    int m_targetClass = 1;

    @Widget(title = "Coverage cutoffs", description = "Dataset preset of the COV-R/COV-P distance cutoffs"
        + " (CrystalNN structure and standardised Magpie composition fingerprints where both tables hold structures;"
        + " composition-only rows on the Magpie fingerprint always). Each preset is calibrated for its own"
        + " dataset, so none is chosen for you (as <tt>genmat metrics</tt> without <tt>--cutoffs</tt>). Default: None.")
    @ValueReference(PresetRef.class)
    Preset m_preset = Preset.of(MetricsSettings.DEFAULT_CUTOFFS);

    @Widget(title = "Custom structure cutoff", description = "Structure fingerprint cutoff when the preset is"
        + " Custom. Default: 0.4.")
    @NumberInputWidget(minValidation = StructureCutoffMin.class)
    @Advanced
    @Effect(predicate = CustomCutoffs.class, type = EffectType.SHOW)
    double m_structureCutoff = 0.4;

    @Widget(title = "Custom composition cutoff", description = "Composition fingerprint cutoff when the preset is"
        + " Custom. Default: 10.")
    @NumberInputWidget(minValidation = CompositionCutoffMin.class)
    @Advanced
    @Effect(predicate = CustomCutoffs.class, type = EffectType.SHOW)
    double m_compositionCutoff = 10;

    @Widget(title = "EMD sample size", description = "Valid generated rows drawn at random for the earth mover's"
        + " distances of density and number of elements (CDVAE: 1,000). Default: 1000.")
    @NumberInputWidget(minValidation = EmdSamplesMin.class)
    int m_emdSampleSize = 1000;

    @Widget(title = "Random seed", description = "Seed of the EMD draw and of the study's baselines; same seed, same"
        + " metrics. Default: 42.")
    long m_seed = 42;

    @Widget(title = "Discovery curve step", description = "One point of the discovery curve every this many"
        + " generated rows. Default: 100.")
    @NumberInputWidget(minValidation = CurveEveryMin.class)
    @Advanced
    int m_curveEvery = 100;

    @Widget(title = "Elpasolite study (Türk et al.)", description = "Also score the generated elpasolites as <tt>genmat demo</tt>"
        + " scores a model: a kernel-ridge surrogate fitted on the training table's formation energies labels all 1,974,024"
        + " site assignments A, B, C, D of the 39 main-group elements, and the first <i>Study samples</i> well-formed"
        + " generated rows (four distinct elements, no note) are scored against the target class (1 = most stable of Türk"
        + " et al.'s ten classes of 0.81 eV/atom from -3.07 eV/atom) beside the uniform and prevalence baselines drawn with"
        + " the random seed: precision, coverage, site-wise Jensen-Shannon distance, unique and novel counts (the Study"
        + " table), and the novel target-class candidates ranked by predicted formation energy (the Novel candidates"
        + " table). Needs the prototype Elpasolite, the class column and a target class 1-10. The surrogate is cached on"
        + " disk (the <i>Surrogate cache folder</i>), so only the first run with a training table fits it (about 30 s on"
        + " two cores). Default: off.")
    @ValueReference(StudyRef.class)
    boolean m_study;

    @Widget(title = "Formation energy column", description = "The training table's formation energy per atom (eV/atom),"
        + " which the surrogate is fitted on. Rows with a missing or non-finite energy, or with sites that are not four"
        + " distinct main-group elements, are left out of the fit with a warning. Default: " + ElpasoliteDft.ENERGY + ".")
    @ChoicesProvider(TrainingColumns.class)
    @Effect(predicate = StudyOn.class, type = EffectType.SHOW)
    String m_energyColumn = ElpasoliteDft.ENERGY;

    @Widget(title = "Study samples", description = "The well-formed generated rows scored (the first ones, in table"
        + " order), and the samples of each baseline. Türk et al. score 10,000. Default: 10000.")
    @NumberInputWidget(minValidation = StudySamplesMin.class)
    @Effect(predicate = StudyOn.class, type = EffectType.SHOW)
    int m_studySamples = MetricsSettings.Study.DEFAULT_SAMPLES;

    @Widget(title = "Surrogate cache folder", description = "Local folder where the study's fitted surrogate is cached"
        + " (as <tt>--cache-dir</tt> of <tt>genmat metrics</tt>); set it where the home folder is not writable, e.g. on"
        + " an executor. Empty: the folder the Java property genmat.cache.dir names, else ~/.cache/genmat. Default:"
        + " empty.")
    @Advanced
    @Effect(predicate = StudyOn.class, type = EffectType.SHOW)
    String m_cacheDir = "";

    /** The validity rule, with every switch of Filter Validity (the same parameters class). */
    ValidityParameters m_validity = new ValidityParameters();

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_classColumn.isBlank() && m_study) {
            // the target class field shows only with a class column: say where to set it
            throw new InvalidSettingsException("The elpasolite study scores against a target class: set the class column"
                + " (e.g. stability_class) and the target class (1 = most stable).");
        }
        m_validity.validate();
        // the custom cutoffs reach the engine only with the Custom preset, the study's samples and cache only with the
        // study, the target class only with a class column; a saved value is checked either way
        EngineRange.settings(this, () -> MetricsSettings.STRUCTURE_CUTOFF.check(m_structureCutoff));
        EngineRange.settings(this, () -> MetricsSettings.COMPOSITION_CUTOFF.check(m_compositionCutoff));
        EngineRange.settings(this, () -> MetricsSettings.Study.SAMPLES.check(m_studySamples));
        EngineRange.settings(this, () -> MetricsSettings.TARGET_CLASS.check(m_targetClass));
        cacheDir();
        EngineRange.settings(this, this::toSettings);
    }

    /** @return the target class, null without a class column */
    Integer targetClass() {
        return m_classColumn.isBlank() ? null : m_targetClass;
    }

    /** @return the surrogate's cache folder, null for the engine's default */
    Path cacheDir() throws InvalidSettingsException {
        if (m_cacheDir == null || m_cacheDir.isBlank()) {
            return null;
        }
        try {
            return Path.of(m_cacheDir.trim());
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException("Surrogate cache folder \"" + m_cacheDir + "\" is not a folder path: "
                + e.getMessage(), e);
        }
    }

    /** @return the engine's metrics settings (checked there), the oxidation-state file not read */
    MetricsSettings toSettings() throws InvalidSettingsException {
        return toSettings(m_validity.toOptions());
    }

    /** @return the engine's metrics settings with this validity rule (checked there) */
    MetricsSettings toSettings(final ValidityOptions validity) throws InvalidSettingsException {
        return new MetricsSettings(validity, m_classColumn, targetClass(), cutoffs(), m_emdSampleSize, m_seed,
            m_curveEvery, m_study ? new MetricsSettings.Study(m_energyColumn, m_studySamples, cacheDir()) : null);
    }

    MetricsEngine.Cutoffs cutoffs() {
        return switch (m_preset) {
            case NONE -> null;
            case CUSTOM -> new MetricsEngine.Cutoffs("custom", m_structureCutoff, m_compositionCutoff);
            default -> MetricsEngine.Cutoffs.forName(m_preset.m_engineName);
        };
    }
}
