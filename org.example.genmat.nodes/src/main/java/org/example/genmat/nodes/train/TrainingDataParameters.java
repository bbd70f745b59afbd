package org.example.genmat.nodes.train;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
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

/**
 * What the three training nodes read from the input table: representation and conditioning. A nested parameter
 * group (KNIME persists it as the child config "data" and shows its widgets in place).
 */
final class TrainingDataParameters implements NodeParameters {

    static final class RepresentationRef implements ParameterReference<Representation> {
    }

    static final class ConditionModeRef implements ParameterReference<ConditionMode> {
    }

    /**
     * The training table's columns that fit the chosen conditioning ({@link ConditionMode#fits}: class labels strings
     * or whole numbers, properties numbers); recomputed when the conditioning changes.
     */
    static final class ConditionColumns implements ColumnChoicesProvider {

        private Supplier<ConditionMode> m_mode;

        @Override
        public void init(final StateProviderInitializer initializer) {
            ColumnChoicesProvider.super.init(initializer);
            m_mode = initializer.computeFromValueSupplier(ConditionModeRef.class);
        }

        @Override
        public List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
            final ConditionMode mode = m_mode.get();
            return context.getInTableSpec(0).map(DataTableSpec::stream).orElseGet(Stream::empty)
                .filter(c -> mode == null || mode.fits(c.getType())).toList();
        }
    }

    /** The condition column applies to conditional models only. */
    static final class Conditional implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ConditionModeRef.class).isOneOf(ConditionMode.NONE).negate();
        }
    }

    static final class ClassConditional implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ConditionModeRef.class).isOneOf(ConditionMode.CLASS);
        }
    }

    @Widget(title = "Representation", description = "How each crystal becomes a vector for the network."
        + " Default: Composition.")
    @ValueReference(RepresentationRef.class)
    Representation m_representation = Representation.COMPOSITION;

    // titled "Conditioning" (Sample Latent's "Condition" is a value); the key stays conditionMode for saved workflows
    @Widget(title = "Conditioning", description = "Train a conditional model on a class or a property column."
        + " Default: None.")
    @ValueReference(ConditionModeRef.class)
    ConditionMode m_conditionMode = ConditionMode.NONE;

    @Widget(title = "Condition column", description = "Column holding the class (string or whole number) or the"
        + " numeric property the model is conditioned on; the list offers the columns that fit the conditioning."
        + " Rows with a missing value are skipped and counted in the warning. Default: none.")
    @ChoicesProvider(ConditionColumns.class)
    @Effect(predicate = Conditional.class, type = EffectType.SHOW)
    String m_conditionColumn = "";

    @Widget(title = "Class-balanced batches", description = "Draw batch rows with probability inversely"
        + " proportional to their class frequency (class conditioning only, ignored otherwise). Default: off.")
    @Advanced
    @Effect(predicate = ClassConditional.class, type = EffectType.SHOW)
    boolean m_classBalanced;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_conditionMode != ConditionMode.NONE && (m_conditionColumn == null || m_conditionColumn.isBlank())) {
            throw new InvalidSettingsException("Select the condition column (or set Conditioning to None).");
        }
    }

    /**
     * @return whether batches are class-balanced: the checkbox only counts with class conditioning, where it is shown
     *         (a value left ticked while hidden neither blocks the node nor reaches the engine, which would refuse it)
     */
    boolean classBalanced() {
        return m_classBalanced && m_conditionMode == ConditionMode.CLASS;
    }

    void describe(final Map<String, String> m) {
        m.put("representation", m_representation.m_engineName);
        m.put("condition", m_conditionMode + (m_conditionMode == ConditionMode.NONE ? "" : ":" + m_conditionColumn));
    }
}
