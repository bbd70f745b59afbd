package org.example.genmat.core.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.net.Architecture.Dense;
import org.example.genmat.core.net.Architecture.Hidden;
import org.example.genmat.core.net.Architecture.Network;
import org.example.genmat.core.net.Architecture.OutputRun;
import org.example.genmat.core.net.Architecture.Role;
import org.example.genmat.core.tf.Params;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A model's networks in one TensorFlow graph: its {@link Architecture}, its parameters
 * ({@link Params}: trainable variables or frozen constants) and a {@link KernelPolicy} decided once.
 * Every run of a network ({@link #run}) is built from the architecture's layers; a run built with
 * a recording {@link Pass} can be reversed by hand ({@link #backward}), adding its weight gradients
 * to a {@link WeightGradients} sum; the layers' forward and reverse, their fused CPU kernels and
 * the tape that replays them stay inside this package. Training, inference and their tests build
 * networks only through this class.
 *
 * <p>Adding a layer kind: describe it in {@link Architecture} (its weights' names and shapes, which
 * the model file checks), write its forward and reverse in {@code Layers}, chain it in
 * {@link #run}. Adding a model family: name its networks in {@code train.ModelFamily} and build
 * its losses in {@code train.TrainingRun}; inference and the model file follow from the architecture.
 */
public final class DifferentiableNetwork {

    /** How one run of a network is built. */
    public static final class Pass {

        private static final Pass PLAIN = new Pass(null, false);
        private static final Pass FORWARD_ONLY = new Pass(null, true);

        private final WeightGradients into;
        private final boolean forwardOnly;

        private Pass(WeightGradients into, boolean forwardOnly) {
            this.into = into;
            this.forwardOnly = forwardOnly;
        }

        /**
         * Plain TensorFlow ops, differentiable by {@code tf.gradients} (the critic, a GAN's
         * generator update, the autodiff reference); never the fused kernels.
         */
        public static Pass plain() {
            return PLAIN;
        }

        /** Forward only (inference, or behind a stop-gradient): fused kernels where the policy allows. */
        public static Pass forwardOnly() {
            return FORWARD_ONLY;
        }

        /** Recorded for {@link #backward}: the weight gradients of the reverse add up in {@code into}. */
        public static Pass recordedInto(WeightGradients into) {
            if (into == null) {
                throw new IllegalArgumentException("a recorded pass needs a gradient sum");
            }
            return new Pass(into, false);
        }
    }

    /** One run of a network: its input, its heads' outputs and what its reverse needs. */
    public static final class Run {
        private final Network network;
        private final Ops ops;
        private final Operand<TFloat32> body;
        private final Operand<TFloat32> output;
        private final List<Operand<TFloat32>> heads;
        private final Tape tape;
        private final boolean recorded;

        private Run(Network network, Ops ops, Operand<TFloat32> body, Operand<TFloat32> output,
                    List<Operand<TFloat32>> heads, Tape tape, boolean recorded) {
            this.network = network;
            this.ops = ops;
            this.body = body;
            this.output = output;
            this.heads = List.copyOf(heads);
            this.tape = tape;
            this.recorded = recorded;
        }

        public Role role() {
            return network.role();
        }

        /** All heads side by side, {@code [rows, outputWidth]}. */
        public Operand<TFloat32> output() {
            return output;
        }

        /** The output of head {@code i} (the order of {@link Network#heads()}). */
        public Operand<TFloat32> head(int i) {
            return heads.get(i);
        }
    }

    private final Params params;
    private final Architecture architecture;
    private final KernelPolicy policy;

    public DifferentiableNetwork(Params params, Architecture architecture, KernelPolicy policy) {
        this.params = params;
        this.architecture = architecture;
        this.policy = policy;
    }

    public Architecture architecture() {
        return architecture;
    }

    public KernelPolicy policy() {
        return policy;
    }

    /**
     * Builds one run of network {@code role} on {@code o} (an {@code Ops} that may carry control
     * dependencies) for input rows {@code x} and conditions {@code c} (null when unconditional).
     * Parameters are shared between runs: the first run of a network creates them.
     */
    public Run run(Role role, Ops o, Operand<TFloat32> x, Operand<TFloat32> c, Pass pass) {
        Network network = architecture.network(role);
        if (network.secondOrder() && pass != Pass.PLAIN) {
            throw new IllegalArgumentException("the " + role + " is differentiated twice: build it with plain ops");
        }
        Tape tape = tapeFor(pass);
        Operand<TFloat32> h = pack(o, network, x, network.inputWidth());
        c = c == null ? null : pack(o, network, c, architecture.conditionDimension());
        List<Hidden> hidden = network.hidden();
        for (int i = 0; i < hidden.size(); i++) {
            Hidden layer = hidden.get(i);
            if (i > 0) {
                h = Layers.dense(o, params, layer.dense(), h, tape);
            } else if (network.secondOrder()) {
                h = Layers.denseConditioned(o, params, layer.dense(), h, c);
            } else {
                h = Layers.denseJoined(o, params, layer.dense(), h, c, tape);
            }
            h = layer.layerNorm() ? Layers.layerNormLeakyRelu(o, params, layer, h, tape) : Layers.leakyRelu(o, h, tape);
        }
        List<Dense> heads = network.heads();
        if (heads.size() == 1) {
            Operand<TFloat32> out = Layers.dense(o, params, heads.get(0), h, tape);
            return new Run(network, o, h, out, List.of(out), tape, pass.into != null);
        }
        // several heads: one product h·[W₁, W₂, …] + [b₁, b₂, …], split afterwards (small products
        // cost oneDNN nearly as much as large ones, so one product beats several)
        List<Operand<TFloat32>> biases = new ArrayList<>();
        Operand<TFloat32> joinedWeights = headWeights(o, network);
        for (Dense head : heads) {
            biases.add(params.vector(head.bias(), head.out(), 0f));
        }
        Operand<TFloat32> out = Layers.affine(o, tape, h, joinedWeights, o.concat(biases, o.constant(0)),
            network.outputWidth());
        List<Operand<TFloat32>> split = new ArrayList<>();
        int offset = 0;
        for (Dense head : heads) {
            split.add(o.slice(out, o.constant(new int[] {0, offset}), o.constant(new int[] {-1, head.out()})));
            offset += head.out();
        }
        return new Run(network, o, h, out, split, tape, pass.into != null);
    }

    /**
     * Rows {@code [n, width]} as the network reads them: {@code [n / pack, pack·width]}, each input
     * row the {@code pack} consecutive rows side by side (unchanged when the network does not pack).
     */
    public static Operand<TFloat32> pack(Ops o, Network network, Operand<TFloat32> rows, int width) {
        if (network.pack() == 1) {
            return rows;
        }
        return o.reshape(rows, o.constant(new int[] {-1, network.pack() * width}));
    }

    /** {@code [W₁, W₂, …]}: the heads' matrices side by side, {@code [body width, output width]}. */
    private Operand<TFloat32> headWeights(Ops o, Network network) {
        List<Operand<TFloat32>> matrices = new ArrayList<>();
        for (Dense head : network.heads()) {
            matrices.add(params.matrix(head.weight(), head.in(), head.out()));
        }
        return o.concat(matrices, o.constant(1));
    }

    private Tape tapeFor(Pass pass) {
        if (pass.into != null) {
            return new Tape(pass.into, policy.fusedKernels());
        }
        // a tape that is never replayed lets a forward-only run use the fused kernels
        return pass.forwardOnly && policy.fusedKernels() ? new Tape(new WeightGradients(), true) : null;
    }

    /**
     * The hand-written reverse of a recorded run: adds the weight gradients for the heads' output
     * gradients {@code headGradients} (one per head) to the run's gradient sum and returns the
     * gradient of the run's input when {@code inputGradient} (else null). Calls add up in call
     * order, which is part of the result's float rounding.
     */
    public Operand<TFloat32> backward(Run run, List<Operand<TFloat32>> headGradients, boolean inputGradient) {
        if (!run.recorded) {
            throw new IllegalStateException("the " + run.role() + " run was not recorded for the hand-written reverse");
        }
        Network network = run.network;
        List<Dense> heads = network.heads();
        if (headGradients.size() != heads.size()) {
            throw new IllegalArgumentException("the " + run.role() + " has " + heads.size() + " heads, got "
                + headGradients.size() + " gradients");
        }
        if (heads.size() == 1) {
            return run.tape.backward(headGradients.get(0), inputGradient);
        }
        Ops o = run.ops;
        int body = network.bodyWidth();
        WeightGradients grads = run.tape.gradients();
        Operand<TFloat32> dHeads = o.concat(headGradients, o.constant(1));
        Operand<TFloat32> dw = Layers.weightGradient(o, run.tape, run.body, dHeads, network.outputWidth());
        Operand<TFloat32> db = o.nn.biasAddGrad(dHeads);
        int offset = 0;
        for (Dense head : heads) {
            grads.add(o, head.weight(), o.slice(dw, o.constant(new int[] {0, offset}),
                o.constant(new int[] {body, head.out()})));
            offset += head.out();
        }
        offset = 0;
        for (Dense head : heads) {
            grads.add(o, head.bias(), o.slice(db, o.constant(new int[] {offset}), o.constant(new int[] {head.out()})));
            offset += head.out();
        }
        Operand<TFloat32> dBody = Layers.inputGradient(o, run.tape, dHeads, headWeights(o, network), body);
        return run.tape.backward(dBody, inputGradient);
    }

    /** Decoder outputs → feature rows: per {@link OutputRun} tanh, identity or softmax. */
    public Operand<TFloat32> activate(Ops o, Operand<TFloat32> logits) {
        int d = architecture.inputDimension();
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (OutputRun run : architecture.outputRuns()) {
            Operand<TFloat32> part = columns(o, logits, run, d);
            parts.add(switch (run.kind()) {
                case CONTINUOUS_TANH -> o.math.tanh(part);
                case CONTINUOUS_LINEAR -> part;
                case CATEGORICAL -> o.nn.softmax(part);
            });
        }
        return parts.size() == 1 ? parts.get(0) : o.concat(parts, o.constant(1));
    }

    /** The columns of {@code m} ({@code total} wide) that {@code run} covers. */
    public static Operand<TFloat32> columns(Ops o, Operand<TFloat32> m, OutputRun run, int total) {
        if (run.offset() == 0 && run.length() == total) {
            return m;
        }
        return o.slice(m, o.constant(new int[] {0, run.offset()}), o.constant(new int[] {-1, run.length()}));
    }

    /**
     * The trainable variables of the given networks, in the architecture's order (= creation
     * order); every one must have been created by a run already.
     */
    public List<Variable<TFloat32>> variables(Role... roles) {
        if (!(params instanceof Params.Trainable trainable)) {
            throw new IllegalStateException("frozen parameters have no variables");
        }
        Map<String, Variable<TFloat32>> byName = trainable.variables();
        List<Variable<TFloat32>> out = new ArrayList<>();
        for (Role role : roles) {
            for (String name : architecture.network(role).weights().keySet()) {
                Variable<TFloat32> v = byName.get(name);
                if (v == null) {
                    throw new IllegalStateException("weight " + name + " has not been built yet");
                }
                out.add(v);
            }
        }
        return out;
    }
}
