package org.example.genmat.core.job.metrics;

import java.nio.file.Path;

import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.surrogate.StabilityClasses;
import org.example.genmat.core.validity.ValidityOptions;

/**
 * The settings of a metrics run, checked here once for both faces ({@code genmat metrics}, Diversity Metrics).
 *
 * @param validity    the validity rule the samples are judged by
 * @param classColumn integer class column of the reference table (of the training table when no reference is
 *                    given), null for none
 * @param targetClass the class the generation was conditioned on (needs the class column), null for none
 * @param cutoffs     COV-R/COV-P cutoffs, null to skip coverage
 * @param emdSamples  valid samples drawn for the EMDs, {@link #EMD_SAMPLES}
 * @param seed        seed of the random draws
 * @param curveEvery  one discovery-curve point every this many generated rows, {@link #CURVE_EVERY}
 * @param study       Türk et al.'s elpasolite study on top of the metrics, null for none
 */
public record MetricsSettings(ValidityOptions validity, String classColumn, Integer targetClass, MetricsEngine.Cutoffs cutoffs,
                              int emdSamples, long seed, long curveEvery, Study study) {

    /**
     * Scoring the generated elpasolites as {@code genmat demo} scores a model: a kernel-ridge surrogate fitted on the
     * training table's formation energies labels all 1,974,024 site assignments, and the first {@code samples}
     * well-formed generated rows (a non-empty {@code note} or four elements that are not distinct elements of the
     * space make a row malformed) are scored against the target class beside the uniform and prevalence baselines
     * drawn with the seed: precision, coverage, site-wise JS distance, novel candidates ranked by predicted energy.
     *
     * @param energyColumn the training table's formation energy column, eV/atom
     * @param samples      the well-formed generated rows scored, and the baselines' samples
     * @param cacheDir     folder of the surrogate's cache, null for the default ({@code SurrogateCache.defaultDir})
     */
    public record Study(String energyColumn, int samples, Path cacheDir) {

        /** The range of the study's samples. */
        public static final NumberRange SAMPLES = NumberRange.atLeast("studySamples", "the study's samples", 1);
        /** Türk et al.'s 10,000 samples. */
        public static final int DEFAULT_SAMPLES = 10_000;

        public Study {
            if (energyColumn == null || energyColumn.isBlank()) {
                throw new SettingException("energyColumn", "the study needs the training table's formation energy column");
            }
            SAMPLES.check(samples);
        }

        /** The study's defaults: the column {@value ElpasoliteDft#ENERGY}, 10,000 samples, the default cache. */
        public static Study defaults() {
            return new Study(ElpasoliteDft.ENERGY, DEFAULT_SAMPLES, null);
        }
    }

    /** Settings without the study. */
    public MetricsSettings(ValidityOptions validity, String classColumn, Integer targetClass, MetricsEngine.Cutoffs cutoffs,
                           int emdSamples, long seed, long curveEvery) {
        this(validity, classColumn, targetClass, cutoffs, emdSamples, seed, curveEvery, null);
    }

    /**
     * Coverage cutoffs when none are chosen: none, so no COV-R/COV-P rows. The CDVAE presets are calibrated for their own
     * dataset each (Perov-5, Carbon-24, MP-20); neither face picks one for the user.
     */
    public static final MetricsEngine.Cutoffs DEFAULT_CUTOFFS = null;

    // the ranges of the numeric settings, shown by Diversity Metrics' dialog
    public static final NumberRange TARGET_CLASS = NumberRange.atLeast("targetClass", "the target class", 0);
    public static final NumberRange EMD_SAMPLES = NumberRange.atLeast("emdSamples", "the EMD sample size", 1);
    public static final NumberRange CURVE_EVERY = NumberRange.atLeast("curveEvery", "the discovery-curve step", 1);
    public static final NumberRange STRUCTURE_CUTOFF = NumberRange.positive("structureCutoff", "the structure cutoff");
    public static final NumberRange COMPOSITION_CUTOFF = NumberRange.positive("compositionCutoff",
        "the composition cutoff");

    public MetricsSettings {
        if (validity == null) {
            throw new SettingException("validity", "the validity rule is missing");
        }
        classColumn = classColumn == null || classColumn.isBlank() ? null : classColumn;
        if (targetClass != null) {
            TARGET_CLASS.check(targetClass);
        }
        if (targetClass != null && classColumn == null) {
            throw new SettingException("targetClass", "a target class needs the class column", "classColumn");
        }
        EMD_SAMPLES.check(emdSamples);
        CURVE_EVERY.check(curveEvery);
        if (cutoffs != null) {
            STRUCTURE_CUTOFF.check(cutoffs.structure());
            COMPOSITION_CUTOFF.check(cutoffs.composition());
        }
        if (study != null) {
            if (validity.prototype() != Prototype.ELPASOLITE) {
                throw new SettingException("study", "the elpasolite study needs the prototype Elpasolite (its site columns A, B, C, D)");
            }
            if (targetClass == null || targetClass < 1 || targetClass > StabilityClasses.COUNT) {
                throw new SettingException("targetClass", "the elpasolite study needs a target class 1.." + StabilityClasses.COUNT
                    + " (1 = most stable), was " + (targetClass == null ? "none" : targetClass));
            }
        }
    }

    /** The engine's settings: the prototype's site columns and the validity rule's description included. */
    public MetricsEngine.Settings engineSettings() {
        return new MetricsEngine.Settings(targetClass, cutoffs, emdSamples, seed,
            validity.prototype() == null ? null : validity.prototypeColumns(), curveEvery, validity.checker().describe());
    }
}
