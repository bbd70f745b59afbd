package org.example.genmat.core.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of one loss with respect to named weights, summed over every place a weight is used
 * (a decoder run twice in one loss adds both runs' contributions). Filled by the hand-written
 * reverse of {@link DifferentiableNetwork} runs recorded into it.
 */
public final class WeightGradients {

    private final Map<String, Operand<TFloat32>> sums = new LinkedHashMap<>();

    /** Adds {@code gradient} to the sum kept for weight {@code name} (in call order: the sums' association is part of the result). */
    void add(Ops tf, String name, Operand<TFloat32> gradient) {
        sums.merge(name, gradient, (a, b) -> tf.math.add(a, b));
    }

    /** The summed gradient of {@code name}, or null when the loss does not reach that weight. */
    public Operand<TFloat32> get(String name) {
        return sums.get(name);
    }

    /** All summed gradients by weight name, in the order their weights were first reached. */
    public Map<String, Operand<TFloat32>> all() {
        return Collections.unmodifiableMap(sums);
    }
}
