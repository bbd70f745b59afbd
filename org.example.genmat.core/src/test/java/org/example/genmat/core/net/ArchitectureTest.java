package org.example.genmat.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.featurize.FeatureLayout.Kind;
import org.example.genmat.core.net.Architecture.Role;
import org.example.genmat.core.net.DifferentiableNetwork.Pass;
import org.example.genmat.core.net.DifferentiableNetwork.Run;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.TfRuntime;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The architecture description names and shapes every weight in the order the networks create
 * them, and a {@link DifferentiableNetwork} builds exactly those weights; forward passes agree
 * whichever kernels they use; misuse is refused with a clear message.
 */
class ArchitectureTest {

    private static final FeatureLayout LAYOUT = new FeatureLayout.Builder().add("t", Kind.CONTINUOUS_TANH, 3)
        .add("l", Kind.CONTINUOUS_LINEAR, 1).add("c", Kind.CATEGORICAL, 2).add("t2", Kind.CONTINUOUS_TANH, 2).build();

    private static Architecture all(boolean layerNorm, int cd) {
        return Architecture.of(EnumSet.allOf(Role.class), List.of(5, 4), List.of(6), 2, layerNorm, LAYOUT, cd);
    }

    @Test
    void namesAndShapesInCreationOrder() {
        Map<String, int[]> w = all(true, 3).weights(false);
        List<String> shapes = new ArrayList<>();
        w.forEach((n, s) -> shapes.add(n + java.util.Arrays.toString(s)));
        assertThat(shapes).containsExactly(
            "enc0_w[8, 5]", "enc0_wc[3, 5]", "enc0_b[5]", "enc0_ln_g[5]", "enc0_ln_b[5]",
            "enc1_w[5, 4]", "enc1_b[4]", "enc1_ln_g[4]", "enc1_ln_b[4]",
            "enc_mu_w[4, 2]", "enc_logvar_w[4, 2]", "enc_mu_b[2]", "enc_logvar_b[2]",
            "dec0_w[2, 4]", "dec0_wc[3, 4]", "dec0_b[4]", "dec0_ln_g[4]", "dec0_ln_b[4]",
            "dec1_w[4, 5]", "dec1_b[5]", "dec1_ln_g[5]", "dec1_ln_b[5]",
            "dec_out_w[5, 8]", "dec_out_b[8]",
            "critic0_w[8, 6]", "critic0_wc[3, 6]", "critic0_b[6]", "critic_out_w[6, 1]", "critic_out_b[1]");
        assertThat(all(false, 0).weights(true).keySet()).containsExactly("enc0_w", "enc0_b", "enc1_w", "enc1_b",
            "enc_mu_w", "enc_logvar_w", "enc_mu_b", "enc_logvar_b", "dec0_w", "dec0_b", "dec1_w", "dec1_b",
            "dec_out_w", "dec_out_b");
        // neighbouring tanh and linear segments stay apart, each softmax group is its own run
        assertThat(all(true, 0).outputRuns()).extracting(Architecture.OutputRun::kind).containsExactly(
            Kind.CONTINUOUS_TANH, Kind.CONTINUOUS_LINEAR, Kind.CATEGORICAL, Kind.CONTINUOUS_TANH);
    }

    @Test
    void theNetworksBuildExactlyTheDescribedWeights() {
        TfRuntime.boot();
        for (int cd : new int[] {0, 3}) {
            Architecture arch = all(true, cd);
            try (Graph g = new Graph()) {
                Ops tf = Ops.create(g);
                Params.Trainable p = Params.trainable(tf, new Random(1));
                DifferentiableNetwork net = new DifferentiableNetwork(p, arch, KernelPolicy.AUTODIFF);
                Operand<TFloat32> x = tf.zeros(tf.constant(new int[] {4, 8}), TFloat32.class);
                Operand<TFloat32> c = cd == 0 ? null : tf.zeros(tf.constant(new int[] {4, cd}), TFloat32.class);
                Run e = net.run(Role.ENCODER, tf, x, c, Pass.plain());
                net.run(Role.DECODER, tf, e.head(Architecture.MEAN_HEAD), c, Pass.plain());
                net.run(Role.CRITIC, tf, x, c, Pass.plain());
                assertThat(new ArrayList<>(p.variables().keySet()))
                    .containsExactlyElementsOf(arch.weights(false).keySet());
                arch.weights(false).forEach((n, s) -> assertThat(p.shape(n)).as(n).isEqualTo(s));
            }
        }
    }

    @Test
    void forwardPassesAgreeWhicheverKernelsTheyUse() {
        TfRuntime.boot();
        Architecture arch = all(true, 3);
        Random r = new Random(9);
        float[] x = new float[16 * 8];
        float[] c = new float[16 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < 16; i++) {
            c[i * 3 + i % 3] = 1f;
        }
        float[][] outputs = new float[3][];
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Params.Trainable p = Params.trainable(tf, new Random(2));
            Operand<TFloat32> xIn = tf.constant(Shape.of(16, 8), DataBuffers.of(x, true, false));
            Operand<TFloat32> cIn = tf.constant(Shape.of(16, 3), DataBuffers.of(c, true, false));
            DifferentiableNetwork plain = new DifferentiableNetwork(p, arch, KernelPolicy.AUTODIFF);
            DifferentiableNetwork fused = new DifferentiableNetwork(p, arch,
                KernelPolicy.decide(KernelPolicy.Request.DEFAULT, true));
            List<Operand<TFloat32>> fetched = List.of(
                plain.run(Role.ENCODER, tf, xIn, cIn, Pass.plain()).output(),
                fused.run(Role.ENCODER, tf, xIn, cIn, Pass.forwardOnly()).output(),
                fused.run(Role.ENCODER, tf, xIn, cIn, Pass.recordedInto(new WeightGradients())).output());
            try (Session s = new Session(g)) {
                Session.Runner runner = s.runner();
                fetched.forEach(runner::fetch);
                try (Result res = runner.run()) {
                    for (int i = 0; i < 3; i++) {
                        TFloat32 t = (TFloat32) res.get(i);
                        outputs[i] = new float[(int) t.shape().size()];
                        t.copyTo(DataBuffers.of(outputs[i], false, false));
                    }
                }
            }
        }
        assertThat(outputs[0]).hasSize(16 * 4);
        for (int k = 1; k < 3; k++) {
            for (int i = 0; i < outputs[0].length; i++) {
                assertThat(outputs[k][i]).as("pass %d, value %d", k, i)
                    .isCloseTo(outputs[0][i], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(outputs[0][i]))));
            }
        }
    }

    @Test
    void misuseIsRefusedClearly() {
        TfRuntime.boot();
        assertThatThrownBy(() -> Architecture.of(EnumSet.of(Role.ENCODER), List.of(4), List.of(4), 2, true, LAYOUT, 0))
            .hasMessageContaining("decoder");
        Architecture decoderOnly = Architecture.of(EnumSet.of(Role.DECODER), List.of(4), List.of(4), 2, true, LAYOUT, 0);
        assertThat(decoderOnly.has(Role.CRITIC)).isFalse();
        assertThatThrownBy(() -> decoderOnly.network(Role.CRITIC)).hasMessageContaining("no critic");
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            DifferentiableNetwork net = new DifferentiableNetwork(Params.trainable(tf, new Random(1)), all(true, 0),
                KernelPolicy.AUTODIFF);
            Operand<TFloat32> x = tf.zeros(tf.constant(new int[] {2, 8}), TFloat32.class);
            assertThatThrownBy(() -> net.run(Role.CRITIC, tf, x, null, Pass.forwardOnly()))
                .hasMessageContaining("differentiated twice");
            Run forward = net.run(Role.DECODER, tf, tf.zeros(tf.constant(new int[] {2, 2}), TFloat32.class), null,
                Pass.forwardOnly());
            assertThatThrownBy(() -> net.backward(forward, List.of(x), false)).hasMessageContaining("not recorded");
            Run recorded = net.run(Role.ENCODER, tf, x, null, Pass.recordedInto(new WeightGradients()));
            assertThatThrownBy(() -> net.backward(recorded, List.of(x), false)).hasMessageContaining("2 heads");
        }
    }
}
