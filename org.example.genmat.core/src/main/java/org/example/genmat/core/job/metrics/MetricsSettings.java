package org.example.genmat.core.job.metrics;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.metrics.MetricsEngine;
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
 */
public record MetricsSettings(ValidityOptions validity, String classColumn, Integer targetClass, MetricsEngine.Cutoffs cutoffs,
                              int emdSamples, long seed, long curveEvery) {

    // the ranges of the numeric settings, shown by Diversity Metrics' dialog
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
        if (targetClass != null && targetClass < 0) {
            throw new SettingException("targetClass", "the target class must be a non-negative integer, was " + targetClass);
        }
        if (targetClass != null && classColumn == null) {
            throw new SettingException("targetClass", "a target class needs the class column");
        }
        EMD_SAMPLES.check(emdSamples);
        CURVE_EVERY.check(curveEvery);
        if (cutoffs != null) {
            STRUCTURE_CUTOFF.check(cutoffs.structure());
            COMPOSITION_CUTOFF.check(cutoffs.composition());
        }
    }

    /** The engine's settings: the prototype's site columns and the validity rule's description included. */
    public MetricsEngine.Settings engineSettings() {
        return new MetricsEngine.Settings(targetClass, cutoffs, emdSamples, seed,
            validity.prototype() == null ? null : validity.prototypeColumns(), curveEvery, validity.checker().describe());
    }
}
