package org.example.genmat.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.featurize.FeatureLayout;

/**
 * The result of training: everything needed to rebuild the networks without TensorFlow's training
 * graph. Weight names: {@code enc<i>_w/_wc/_b}, {@code enc_mu_w/_b}, {@code enc_logvar_w/_b}
 * (encoder), {@code dec<i>_w/_wc/_b}, {@code dec_out_w/_b} (decoder; the generator of WGAN-GP),
 * {@code critic<i>_w/_wc/_b}, {@code critic_out_w/_b} (critic), {@code <layer>_ln_g/_ln_b}
 * (layer-norm gain and bias). {@code _w} multiplies the layer input, {@code _wc} the condition
 * vector (only in first layers of conditional models), shapes {@code [in, out]}.
 */
public record TrainedNetwork(ModelFamily family, TrainingSettings settings, int inputDimension,
                             int conditionDimension, FeatureLayout layout, Map<String, NamedArray> weights,
                             List<HistoryRow> history) {

    public TrainedNetwork {
        if (layout.dimension() != inputDimension) {
            throw new IllegalArgumentException("layout has " + layout.dimension() + " dimensions, input " + inputDimension);
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        history = List.copyOf(history);
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
