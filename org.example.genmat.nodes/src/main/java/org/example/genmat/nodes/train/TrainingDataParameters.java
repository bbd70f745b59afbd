package org.example.genmat.nodes.train;

import java.util.Map;

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
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.util.AllColumnsProvider;

/**
 * What the three training nodes read from the input table: representation and conditioning. A nested parameter
 * group (KNIME persists it as the child config "data" and shows its widgets in place).
 */
final class TrainingDataParameters implements NodeParameters {

    static final class ConditionModeRef implements ParameterReference<ConditionMode> {
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
    Representation m_representation = Representation.COMPOSITION;

    @Widget(title = "Condition", description = "Train a conditional model on a class or a property column."
        + " Default: None.")
    @ValueReference(ConditionModeRef.class)
    ConditionMode m_conditionMode = ConditionMode.NONE;

    @Widget(title = "Condition column", description = "Column holding the class (any type) or the numeric"
        + " property the model is conditioned on; rows with a missing value are skipped and counted in the"
        + " warning. Default: none.")
    @ChoicesProvider(AllColumnsProvider.class)
    @Effect(predicate = Conditional.class, type = EffectType.SHOW)
    String m_conditionColumn = "";

    @Widget(title = "Class-balanced batches", description = "Draw batch rows with probability inversely"
        + " proportional to their class frequency (class conditioning only). Default: off.")
    @Advanced
    @Effect(predicate = ClassConditional.class, type = EffectType.SHOW)
    boolean m_classBalanced;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_conditionMode != ConditionMode.NONE && (m_conditionColumn == null || m_conditionColumn.isBlank())) {
            throw new InvalidSettingsException("Select the condition column (or set Condition to None).");
        }
        if (m_classBalanced && m_conditionMode != ConditionMode.CLASS) {
            throw new InvalidSettingsException("Class-balanced batches need class conditioning.");
        }
    }

    void describe(final Map<String, String> m) {
        m.put("representation", m_representation.m_engineName);
        m.put("condition", m_conditionMode + (m_conditionMode == ConditionMode.NONE ? "" : ":" + m_conditionColumn));
    }
}
