package org.example.genmat.core.job.metrics;

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
 * @param emdSamples  valid samples drawn for the EMDs, at least {@value #MIN_EMD_SAMPLES}
 * @param seed        seed of the random draws
 * @param curveEvery  one discovery-curve point every this many generated rows, at least {@value #MIN_CURVE_EVERY}
 */
public record MetricsSettings(ValidityOptions validity, String classColumn, Integer targetClass, MetricsEngine.Cutoffs cutoffs,
                              int emdSamples, long seed, long curveEvery) {

    public static final int MIN_EMD_SAMPLES = 1;
    public static final long MIN_CURVE_EVERY = 1;

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
        if (emdSamples < MIN_EMD_SAMPLES) {
            throw new SettingException("emdSamples", "the EMD sample size must be at least " + MIN_EMD_SAMPLES + ", was "
                + emdSamples);
        }
        if (curveEvery < MIN_CURVE_EVERY) {
            throw new SettingException("curveEvery", "the discovery-curve step must be at least " + MIN_CURVE_EVERY
                + ", was " + curveEvery);
        }
    }

    /** The engine's settings: the prototype's site columns and the validity rule's description included. */
    public MetricsEngine.Settings engineSettings() {
        return new MetricsEngine.Settings(targetClass, cutoffs, emdSamples, seed,
            validity.prototype() == null ? null : validity.prototypeColumns(), curveEvery, validity.checker().describe());
    }
}
