package org.example.genmat.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.net.Architecture;

/**
 * The result of training: everything needed to rebuild the networks without TensorFlow's training
 * graph. The weights are named and shaped as the family's {@link #architecture()} says, in its order.
 */
public record TrainedNetwork(ModelFamily family, TrainingSettings settings, int inputDimension,
                             int conditionDimension, FeatureLayout layout, Map<String, NamedArray> weights,
                             List<HistoryRow> history) {

    /** Why a run whose weights became NaN or infinite gives no model (the model reader would refuse them). */
    public static final String DIVERGED = "training diverged: the weights became non-finite (try a smaller learning rate)";

    public TrainedNetwork {
        if (layout.dimension() != inputDimension) {
            throw new IllegalArgumentException("layout has " + layout.dimension() + " dimensions, input " + inputDimension);
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        history = List.copyOf(history);
    }

    /** The networks these weights belong to. */
    public Architecture architecture() {
        return family.architecture(settings, layout, conditionDimension);
    }

    /** Whether every weight is finite ({@link NamedArray#finite()}); a diverged run's are NaN or infinite. */
    public boolean finite() {
        return weights.values().stream().allMatch(NamedArray::finite);
    }

    /** The named array, or an exception naming what is missing. */
    public NamedArray weight(String name) {
        NamedArray a = weights.get(name);
        if (a == null) {
            throw new IllegalArgumentException("model has no weight '" + name + "'");
        }
        return a;
    }
}
