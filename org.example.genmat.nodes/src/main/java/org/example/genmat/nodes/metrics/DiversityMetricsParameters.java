package org.example.genmat.nodes.metrics;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.util.FilteredInputTableColumnsProvider;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/** Settings of Diversity Metrics. */
final class DiversityMetricsParameters implements NodeParameters {

    /** Coverage cutoffs of the CDVAE benchmarks (composition fingerprint distance). */
    enum Preset {
        /** Perov-5. */
        @Label(value = "Perov-5", description = "Composition cutoff 4 (CDVAE).")
        PEROV_5(4),
        /** Carbon-24. */
        @Label(value = "Carbon-24", description = "Composition cutoff 4 (CDVAE).")
        CARBON_24(4),
        /** MP-20. */
        @Label(value = "MP-20", description = "Composition cutoff 10 (CDVAE).")
        MP_20(10),
        /** User value. */
        @Label(value = "Custom", description = "Use the composition cutoff below.")
        CUSTOM(Double.NaN);

        final double m_compositionCutoff;

        Preset(final double cutoff) {
            m_compositionCutoff = cutoff;
        }
    }

    /** Columns of the training table (second input). */
    static final class TrainingColumns implements FilteredInputTableColumnsProvider {
        @Override
        public int getInputTableIndex() {
            return 1;
        }

        @Override
        public boolean isIncluded(final DataColumnSpec col) {
            return true;
        }
    }

    @Widget(title = "Class column", description = "Column of the training table (and, when connected, of the"
        + " reference table) holding each composition's class, e.g. the number of known polymorphs. Enables the"
        + " class metrics of Türk et al. (precision and coverage of the target class and its neighbours)."
        + " Default: none.")
    @ChoicesProvider(TrainingColumns.class)
    String m_classColumn = "";

    @Widget(title = "Target class", description = "The class that was asked for when sampling (same text as in"
        + " the class column). Default: none.")
    String m_targetClass = "";

    @Widget(title = "Coverage cutoffs", description = "Distance cutoff preset for COV-R and COV-P, computed on the"
        + " standardised 132-dimensional Magpie composition fingerprint (composition-only coverage; the"
        + " structure fingerprint of CDVAE is not computed). Default: Perov-5 (4).")
    Preset m_preset = Preset.PEROV_5;

    @Widget(title = "Composition cutoff", description = "Composition fingerprint distance cutoff when the preset"
        + " is Custom. Default: 4.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_compositionCutoff = 4;

    @Widget(title = "EMD sample size", description = "Number of valid generated rows drawn at random for the"
        + " density and number-of-elements earth mover's distances (CDVAE uses 1,000). Default: 1000.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_emdSampleSize = 1000;

    @Widget(title = "Discovery curve step", description = "A point of the discovery curve every this many"
        + " generated rows. Default: 100.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Advanced
    int m_curveEvery = 100;

    @Widget(title = "Random seed", description = "Seed of the EMD sample draw; same seed, same metrics."
        + " Default: 42.")
    @Advanced
    long m_seed = 42;

    @Override
    public void validate() throws InvalidSettingsException {
        if (!m_classColumn.isBlank() && m_targetClass.isBlank()) {
            throw new InvalidSettingsException("Set the target class for the class metrics, or clear the class"
                + " column.");
        }
    }

    double compositionCutoff() {
        return m_preset == Preset.CUSTOM ? m_compositionCutoff : m_preset.m_compositionCutoff;
    }
}
