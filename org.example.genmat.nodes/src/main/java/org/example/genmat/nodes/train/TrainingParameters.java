package org.example.genmat.nodes.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;

/**
 * The settings the three training nodes share, and what the training node needs from them. KNIME persists the
 * fields of a parameters class's superclasses like its own (its settings tree lists the non-private fields of the
 * whole class hierarchy, superclass fields first), so the keys stay {@code data}, {@code featurization} and {@code network} in each
 * node;
 * each subclass adds its family's own groups and fields.
 */
abstract class TrainingParameters implements NodeParameters {

    TrainingDataParameters m_data = new TrainingDataParameters();

    FeaturizationParameters m_featurization = new FeaturizationParameters();

    // family() is a constant of each subclass, so it may be called while the object is made
    NetworkParameters m_network = new NetworkParameters(family());

    /** @return the model family the node trains */
    abstract ModelFamily family();

    /**
     * @param b builder already holding the shared settings
     * @return the builder with the family's own settings
     * @throws InvalidSettingsException when a family setting is malformed
     */
    abstract TrainingSettings.Builder applyFamily(TrainingSettings.Builder b) throws InvalidSettingsException;

    /** @param m receives the family's own settings as text */
    abstract void describeFamily(Map<String, String> m);

    Representation representation() {
        return m_data.m_representation;
    }

    ConditionMode conditionMode() {
        return m_data.m_conditionMode;
    }

    String conditionColumn() {
        return m_data.m_conditionColumn;
    }

    /**
     * @return the engine settings
     * @throws InvalidSettingsException when the values do not form valid settings
     */
    TrainingSettings settings() throws InvalidSettingsException {
        final TrainingSettings.Builder b = TrainingSettings.builder(family()).classBalanced(m_data.classBalanced());
        return EngineRange.settings(this, () -> applyFamily(m_network.apply(b)).build());
    }

    /**
     * @return the engine's featurizer options
     * @throws InvalidSettingsException when an option is out of its range
     */
    Featurizers.Options featurizer() throws InvalidSettingsException {
        return EngineRange.settings(this, m_featurization::options);
    }

    /**
     * Checks the whole settings, nested groups included.
     *
     * @throws InvalidSettingsException with the first problem found
     */
    @Override
    public void validate() throws InvalidSettingsException {
        settings();
        featurizer();
        m_data.validate();
    }

    /** @return the settings as text, recorded in the model's provenance */
    Map<String, String> describe() {
        final Map<String, String> m = new LinkedHashMap<>();
        m_data.describe(m);
        m_featurization.describe(m);
        m_network.describe(m);
        describeFamily(m);
        return m;
    }

    /**
     * @param text "256, 256"
     * @param what setting title for the message
     * @return the sizes
     * @throws InvalidSettingsException if not a list of positive integers
     */
    static List<Integer> layers(final String text, final String what) throws InvalidSettingsException {
        final List<Integer> sizes = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                sizes.add(Integer.parseInt(part.trim())); // the engine checks the range (TrainingSettings.HIDDEN_WIDTH)
            } catch (NumberFormatException e) {
                throw new InvalidSettingsException(what + ": \"" + part + "\" is not a whole number (give layer"
                    + " sizes such as \"256, 256\").");
            }
        }
        if (sizes.isEmpty()) {
            throw new InvalidSettingsException(what + ": give at least one layer size, such as \"256, 256\".");
        }
        return sizes;
    }

    /** @param sizes layer sizes @return "256, 256" */
    static String layers(final List<Integer> sizes) {
        return String.join(", ", sizes.stream().map(String::valueOf).toList());
    }
}
