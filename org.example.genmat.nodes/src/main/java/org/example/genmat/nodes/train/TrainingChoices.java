package org.example.genmat.nodes.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.nodes.EngineRange;
import org.example.genmat.nodes.NumberBounds;
import org.knime.core.node.InvalidSettingsException;

/**
 * What the training node needs from the three parameters classes. Each class holds the shared nested groups
 * ({@link TrainingDataParameters}, {@link NetworkParameters}) and adds its family's own settings.
 */
interface TrainingChoices {

    ModelFamily family();

    /** @return the nested data group */
    TrainingDataParameters data();

    /** @return the nested architecture/optimiser group */
    NetworkParameters network();

    /**
     * @param b builder already holding the shared settings
     * @return the builder with the family's own settings
     * @throws InvalidSettingsException when a family setting is malformed
     */
    TrainingSettings.Builder applyFamily(TrainingSettings.Builder b) throws InvalidSettingsException;

    /** @param m receives the family's own settings as text */
    void describeFamily(Map<String, String> m);

    default Representation representation() {
        return data().m_representation;
    }

    default ConditionMode conditionMode() {
        return data().m_conditionMode;
    }

    default String conditionColumn() {
        return data().m_conditionColumn;
    }

    /**
     * @return the engine settings
     * @throws InvalidSettingsException when the values do not form valid settings
     */
    default TrainingSettings settings() throws InvalidSettingsException {
        final TrainingSettings.Builder b = TrainingSettings.builder(family()).classBalanced(data().m_classBalanced);
        return EngineRange.settings(this, () -> applyFamily(network().apply(b)).build());
    }

    /**
     * Checks the whole settings, nested groups included (called from each class's {@code validate()}).
     *
     * @throws InvalidSettingsException with the first problem found
     */
    default void validateAll() throws InvalidSettingsException {
        NumberBounds.check(this);
        settings();
        data().validate();
    }

    /** @return the settings as text, recorded in the model's provenance */
    default Map<String, String> describe() {
        final Map<String, String> m = new LinkedHashMap<>();
        data().describe(m);
        network().describe(m);
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
