package org.example.genmat.nodes.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.knime.core.node.InvalidSettingsException;

/** What the training node needs from the three parameters classes (each declares its own fields). */
interface TrainingChoices {

    ModelFamily family();

    Representation representation();

    ConditionMode conditionMode();

    String conditionColumn();

    /**
     * @return the engine settings
     * @throws InvalidSettingsException when the values do not form valid settings
     */
    TrainingSettings settings() throws InvalidSettingsException;

    /** @return the settings as text, recorded in the model's provenance */
    Map<String, String> describe();

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
                final int n = Integer.parseInt(part.trim());
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                sizes.add(n);
            } catch (NumberFormatException e) {
                throw new InvalidSettingsException(what + ": \"" + part + "\" is not a positive integer (give layer"
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

    /**
     * @param b builder
     * @return built settings
     * @throws InvalidSettingsException with the engine's reason
     */
    static TrainingSettings build(final TrainingSettings.Builder b) throws InvalidSettingsException {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Invalid training settings: " + e.getMessage(), e);
        }
    }
}
