package org.example.genmat.core.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.example.genmat.core.featurize.FeatureLayout;

/**
 * The one description of a model's networks: which networks it has, their layers, and the name and
 * shape of every weight. Training builds its graphs from it ({@link DifferentiableNetwork}),
 * inference builds its graphs from it, and the model file checks its arrays against it.
 *
 * <p>Every hidden layer is dense → (layer norm) → LeakyReLU(0.2); the first hidden layer of a
 * network also reads the condition vector (weight {@code <layer>_wc}) when the model is
 * conditional. The networks, in the order their weights are created:
 * <ul>
 *   <li>{@link Role#ENCODER} {@code enc0, enc1, …} (the hidden sizes in order), heads
 *       {@code enc_mu} and {@code enc_logvar} (width = latent size, linear, run as one product);</li>
 *   <li>{@link Role#DECODER} (the generator of a GAN) {@code dec0, dec1, …} (the hidden sizes in
 *       reverse order), head {@code dec_out} (width = feature dimension; output activations per
 *       {@link FeatureLayout} segment: tanh, identity or softmax);</li>
 *   <li>{@link Role#CRITIC} {@code critic0, …} (never layer-normalised: it would couple the rows
 *       whose gradient the penalty constrains; condition as a separate product, since the penalty's
 *       second-order gradient should not go through a concatenation), head {@code critic_out}
 *       (width 1). A packed critic (PacGAN, {@link Network#pack()} m &gt; 1) reads m consecutive
 *       rows and their conditions side by side as one input row ({@code m·d} and {@code m·c} wide) and
 *       scores them together.</li>
 * </ul>
 * Weight names: {@code <layer>_w [in, out]} multiplies the layer input, {@code <layer>_wc [condition, out]}
 * the condition vector, {@code <layer>_b [out]} is the bias, {@code <layer>_ln_g} / {@code <layer>_ln_b}
 * {@code [out]} the layer-norm gain and shift.
 */
public final class Architecture {

    /** The networks a model may have. */
    public enum Role {
        /** Feature row (+ condition) → latent mean and log-variance (VAE families). */
        ENCODER("enc", true),
        /** Latent row (+ condition) → feature row: the decoder, or a GAN's generator. */
        DECODER("dec", true),
        /** Feature row (+ condition) → one score (GAN families; needed by training only). */
        CRITIC("critic", false);

        private final String prefix;
        private final boolean usedByInference;

        Role(String prefix, boolean usedByInference) {
            this.prefix = prefix;
            this.usedByInference = usedByInference;
        }

        /** The prefix of this network's layer and weight names. */
        public String prefix() {
            return prefix;
        }

        /** Whether sampling and encoding run this network (else a model file may omit its weights). */
        public boolean usedByInference() {
            return usedByInference;
        }
    }

    /**
     * A dense layer {@code x·W (+ c·Wc) + b}.
     *
     * @param conditionIn width of the condition vector it also reads (0: none)
     */
    public record Dense(String name, int in, int out, int conditionIn) {

        public String weight() {
            return name + "_w";
        }

        public String conditionWeight() {
            return name + "_wc";
        }

        public String bias() {
            return name + "_b";
        }

        private void shapes(Map<String, int[]> into) {
            into.put(weight(), new int[] {in, out});
            if (conditionIn > 0) {
                into.put(conditionWeight(), new int[] {conditionIn, out});
            }
            into.put(bias(), new int[] {out});
        }
    }

    /** A hidden layer: {@code dense}, then layer norm when {@code layerNorm}, then LeakyReLU. */
    public record Hidden(Dense dense, boolean layerNorm) {

        public String gain() {
            return dense.name() + "_ln_g";
        }

        public String shift() {
            return dense.name() + "_ln_b";
        }
    }

    /**
     * One network: its hidden layers and its linear output heads (several heads read the same last
     * hidden layer and run as one product).
     *
     * @param secondOrder training differentiates it twice (the critic's gradient penalty): it is built
     *                    from plain TensorFlow ops only, and its first layer keeps the condition as a
     *                    separate product (else {@code [x, c]·[W; Wc]} as one product)
     * @param pack        rows read as one input row (1: every row on its own); {@code inputWidth} is
     *                    the width of one row before packing
     */
    public record Network(Role role, int inputWidth, List<Hidden> hidden, boolean secondOrder, List<Dense> heads,
                          int pack) {

        public Network {
            hidden = List.copyOf(hidden);
            heads = List.copyOf(heads);
            if (pack < 1) {
                throw new IllegalArgumentException("pack must be ≥ 1: " + pack);
            }
        }

        /** Width of the last hidden layer (what the heads read). */
        public int bodyWidth() {
            return hidden.get(hidden.size() - 1).dense().out();
        }

        /** Total width of the heads. */
        public int outputWidth() {
            return heads.stream().mapToInt(Dense::out).sum();
        }

        /** Weight name → shape, in the order the weights are created: layer by layer, heads' matrices before their biases. */
        public Map<String, int[]> weights() {
            Map<String, int[]> out = new LinkedHashMap<>();
            for (Hidden h : hidden) {
                h.dense().shapes(out);
                if (h.layerNorm()) {
                    out.put(h.gain(), new int[] {h.dense().out()});
                    out.put(h.shift(), new int[] {h.dense().out()});
                }
            }
            if (heads.size() == 1) {
                heads.get(0).shapes(out);
            } else {
                heads.forEach(d -> out.put(d.weight(), new int[] {d.in(), d.out()}));
                heads.forEach(d -> out.put(d.bias(), new int[] {d.out()}));
            }
            return out;
        }
    }

    /** Neighbouring feature segments that share an output activation: {@code offset}, {@code length}. */
    public record OutputRun(FeatureLayout.Kind kind, int offset, int length) {
    }

    /** Index of the encoder's mean head among its {@link Network#heads()}. */
    public static final int MEAN_HEAD = 0;
    /** Index of the encoder's log-variance head. */
    public static final int LOG_VARIANCE_HEAD = 1;

    private final Map<Role, Network> networks;
    private final FeatureLayout layout;
    private final int latentSize;
    private final int conditionDimension;
    private final List<OutputRun> outputRuns;

    private Architecture(Map<Role, Network> networks, FeatureLayout layout, int latentSize, int conditionDimension) {
        this.networks = Collections.unmodifiableMap(networks);
        this.layout = layout;
        this.latentSize = latentSize;
        this.conditionDimension = conditionDimension;
        this.outputRuns = runs(layout);
    }

    /**
     * The architecture of a model with the given networks (the decoder is always present).
     *
     * @param hidden       hidden sizes of encoder (in order) and decoder (reversed)
     * @param criticHidden hidden sizes of the critic (ignored without one)
     * @param layerNorm    layer norm in encoder and decoder hidden layers
     * @param layout       the feature rows (encoder input, decoder output)
     */
    public static Architecture of(Set<Role> roles, List<Integer> hidden, List<Integer> criticHidden, int latentSize,
                                  boolean layerNorm, FeatureLayout layout, int conditionDimension) {
        return of(roles, hidden, criticHidden, latentSize, layerNorm, layout, conditionDimension, 1);
    }

    /**
     * As {@link #of(Set, List, List, int, boolean, FeatureLayout, int)}, with a critic that scores
     * {@code criticPack} rows at once (PacGAN; 1 = each row on its own).
     */
    public static Architecture of(Set<Role> roles, List<Integer> hidden, List<Integer> criticHidden, int latentSize,
                                  boolean layerNorm, FeatureLayout layout, int conditionDimension, int criticPack) {
        if (!roles.contains(Role.DECODER)) {
            throw new IllegalArgumentException("every model has a decoder");
        }
        int d = layout.dimension();
        int cd = conditionDimension;
        Map<Role, Network> networks = new EnumMap<>(Role.class);
        if (roles.contains(Role.ENCODER)) {
            List<Hidden> layers = hiddenLayers(Role.ENCODER, d, cd, hidden, layerNorm);
            int last = layers.get(layers.size() - 1).dense().out();
            networks.put(Role.ENCODER, new Network(Role.ENCODER, d, layers, false,
                List.of(new Dense("enc_mu", last, latentSize, 0), new Dense("enc_logvar", last, latentSize, 0)), 1));
        }
        List<Integer> reversed = new ArrayList<>(hidden);
        Collections.reverse(reversed);
        List<Hidden> decoder = hiddenLayers(Role.DECODER, latentSize, cd, reversed, layerNorm);
        networks.put(Role.DECODER, new Network(Role.DECODER, latentSize, decoder, false,
            List.of(new Dense("dec_out", decoder.get(decoder.size() - 1).dense().out(), d, 0)), 1));
        if (roles.contains(Role.CRITIC)) {
            List<Hidden> critic = hiddenLayers(Role.CRITIC, criticPack * d, criticPack * cd, criticHidden, false);
            networks.put(Role.CRITIC, new Network(Role.CRITIC, d, critic, true,
                List.of(new Dense("critic_out", critic.get(critic.size() - 1).dense().out(), 1, 0)), criticPack));
        }
        return new Architecture(networks, layout, latentSize, conditionDimension);
    }

    private static List<Hidden> hiddenLayers(Role role, int in, int cd, List<Integer> sizes, boolean layerNorm) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("the " + role.name().toLowerCase(java.util.Locale.ROOT)
                + " needs at least one hidden layer");
        }
        List<Hidden> layers = new ArrayList<>();
        int width = in;
        for (int i = 0; i < sizes.size(); i++) {
            layers.add(new Hidden(new Dense(role.prefix() + i, width, sizes.get(i), i == 0 ? cd : 0), layerNorm));
            width = sizes.get(i);
        }
        return layers;
    }

    private static List<OutputRun> runs(FeatureLayout layout) {
        List<OutputRun> runs = new ArrayList<>();
        for (FeatureLayout.Segment seg : layout.segments()) {
            OutputRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            // softmax groups stay separate; tanh and linear neighbours share one slice
            if (last != null && seg.kind() != FeatureLayout.Kind.CATEGORICAL && last.kind() == seg.kind()) {
                runs.set(runs.size() - 1, new OutputRun(last.kind(), last.offset(), last.length() + seg.length()));
            } else {
                runs.add(new OutputRun(seg.kind(), seg.offset(), seg.length()));
            }
        }
        return List.copyOf(runs);
    }

    /** Whether the model has this network. */
    public boolean has(Role role) {
        return networks.containsKey(role);
    }

    /** The network of this role; an exception when the model has none. */
    public Network network(Role role) {
        Network n = networks.get(role);
        if (n == null) {
            throw new IllegalStateException("this model has no " + role.name().toLowerCase(java.util.Locale.ROOT));
        }
        return n;
    }

    /** The networks, in the order their weights are created (encoder, decoder, critic). */
    public List<Network> networks() {
        return List.copyOf(networks.values());
    }

    /** Every weight (name → shape) in creation order, or only those of the networks inference runs. */
    public Map<String, int[]> weights(boolean inferenceOnly) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Network n : networks.values()) {
            if (!inferenceOnly || n.role().usedByInference()) {
                out.putAll(n.weights());
            }
        }
        return out;
    }

    public FeatureLayout layout() {
        return layout;
    }

    /** Width of a feature row (encoder input, decoder output). */
    public int inputDimension() {
        return layout.dimension();
    }

    public int latentSize() {
        return latentSize;
    }

    /** Width of the condition vector (0: unconditional). */
    public int conditionDimension() {
        return conditionDimension;
    }

    /** The decoder's output activations, as runs of neighbouring segments. */
    public List<OutputRun> outputRuns() {
        return outputRuns;
    }
}
