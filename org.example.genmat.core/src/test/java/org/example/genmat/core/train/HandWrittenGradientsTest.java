package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.featurize.FeatureLayout.Kind;
import org.example.genmat.core.net.Architecture;
import org.example.genmat.core.net.Architecture.Role;
import org.example.genmat.core.net.DifferentiableNetwork;
import org.example.genmat.core.net.DifferentiableNetwork.Pass;
import org.example.genmat.core.net.DifferentiableNetwork.Run;
import org.example.genmat.core.net.FusedKernels;
import org.example.genmat.core.net.KernelPolicy;
import org.example.genmat.core.net.WeightGradients;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.TfRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The hand-written VAE / VAE-GAN gradients ({@link VaeBackward} over recorded network runs) equal
 * TensorFlow's own {@code tf.gradients} of the same loss, weight by weight, for a layout with
 * tanh, linear and two softmax segments, with and without layer norm and conditioning.
 */
class HandWrittenGradientsTest {

    private static final int B = 24;
    private static final int LATENT = 3;
    private static final FeatureLayout LAYOUT = new FeatureLayout.Builder().add("t", Kind.CONTINUOUS_TANH, 4)
        .add("l", Kind.CONTINUOUS_LINEAR, 2).add("c1", Kind.CATEGORICAL, 3).add("c2", Kind.CATEGORICAL, 3).build();

    @ParameterizedTest(name = "{0}, layer norm {1}, condition width {2}, fused kernels {3}")
    @CsvSource({"VAE, true, 2, false", "VAE, false, 2, false", "VAE, true, 0, false", "VAE_GAN, true, 2, false",
        "VAE_GAN, false, 0, false", "VAE, true, 2, true", "VAE, true, 0, true", "VAE_GAN, true, 2, true"})
    void handWrittenGradientsEqualAutodiff(ModelFamily family, boolean layerNorm, int cd, boolean fused) {
        TfRuntime.boot();
        if (fused) {
            assumeTrue(FusedKernels.available(), () -> "fused kernels: " + FusedKernels.problem());
        }
        int d = LAYOUT.dimension();
        TrainingSettings s = TrainingSettings.builder(family).hiddenLayers(List.of(16, 12)).criticLayers(List.of(10))
            .latentSize(LATENT).layerNorm(layerNorm).build();
        Random r = new Random(7);
        float[] x = new float[B * d];
        float[] c = new float[B * Math.max(cd, 1)];
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * d + j] = r.nextFloat() * 1.6f - 0.8f;
            }
            x[i * d + 4] = (float) r.nextGaussian();
            x[i * d + 5] = (float) r.nextGaussian();
            x[i * d + 6 + r.nextInt(3)] = 1f;
            x[i * d + 9 + r.nextInt(3)] = 1f;
            if (cd > 0) {
                c[i * cd + (i % cd)] = 1f;
            }
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Params.Trainable p = Params.trainable(tf, new Random(3));
            Operand<TFloat32> xIn = tf.constant(Shape.of(B, d), DataBuffers.of(x, true, false));
            Operand<TFloat32> cIn = cd == 0 ? null : tf.constant(Shape.of(B, cd), DataBuffers.of(c, true, false));
            Operand<TFloat32> eps = tf.constant(Shape.of(B, LATENT), DataBuffers.of(gaussian(r, B * LATENT), true, false));
            Operand<TFloat32> epsPrior = tf.constant(Shape.of(B, LATENT),
                DataBuffers.of(gaussian(r, B * LATENT), true, false));
            Architecture arch = family.architecture(s, LAYOUT, cd);
            DifferentiableNetwork net = new DifferentiableNetwork(p, arch, new KernelPolicy(fused, true));
            WeightGradients grads = new WeightGradients();
            Pass recorded = Pass.recordedInto(grads);
            Run e = net.run(Role.ENCODER, tf, xIn, cIn, recorded);
            Operand<TFloat32> z = Losses.reparameterise(tf, e, eps);
            Run decoder = net.run(Role.DECODER, tf, z, cIn, recorded);
            Operand<TFloat32> logits = decoder.output();
            Operand<TFloat32> klWeight = tf.constant(0.3f);
            Operand<TFloat32> klTerm = tf.math.mul(klWeight, Losses.kl(tf, e));
            Operand<TFloat32> loss = tf.math.add(Losses.reconstruction(tf, logits, xIn, arch), klTerm);
            Operand<TFloat32> adversarial = null;
            List<Run> decoderRuns = new ArrayList<>(List.of(decoder));
            if (family == ModelFamily.VAE_GAN) {
                Run prior = net.run(Role.DECODER, tf, epsPrior, cIn, recorded);
                var all = tf.constant(new int[] {0, 1});
                Operand<TFloat32> advDecoded = tf.math.neg(tf.math.mean(Losses.critic(net, tf,
                    net.activate(tf, logits), cIn), all));
                Operand<TFloat32> advPrior = tf.math.neg(tf.math.mean(Losses.critic(net, tf,
                    net.activate(tf, prior.output()), cIn), all));
                adversarial = tf.math.add(tf.math.mul(tf.constant(0.7f), advDecoded),
                    tf.math.mul(tf.constant(1.3f), advPrior));
                loss = tf.math.add(loss, adversarial);
                decoderRuns.add(prior);
            }
            List<Variable<TFloat32>> weights = net.variables(Role.ENCODER, Role.DECODER);
            List<Operand<TFloat32>> hand = VaeBackward.gradients(tf, net, grads, weights, xIn, B, klWeight, e, eps,
                adversarial, decoderRuns);
            Gradients auto = tf.gradients(List.of(fused ? plainLoss(tf, p, arch, family, xIn, cIn, eps, epsPrior)
                : loss), weights, Gradients.dx(List.of(tf.constant(1f))));
            try (Session session = new Session(g)) {
                Session.Runner runner = session.runner();
                for (int i = 0; i < weights.size(); i++) {
                    runner.fetch(hand.get(i)).fetch(auto.<TFloat32>dy(i));
                }
                try (Result res = runner.run()) {
                    for (int i = 0; i < weights.size(); i++) {
                        float[] h = values((TFloat32) res.get(2 * i));
                        float[] a = values((TFloat32) res.get(2 * i + 1));
                        double diff = 0;
                        double norm = 0;
                        for (int k = 0; k < a.length; k++) {
                            diff += (h[k] - a[k]) * (double) (h[k] - a[k]);
                            norm += a[k] * (double) a[k];
                        }
                        String name = weights.get(i).op().name();
                        assertThat(norm).as("autodiff gradient of %s is not zero", name).isGreaterThan(1e-12);
                        assertThat(Math.sqrt(diff)).as("‖hand − autodiff‖ of %s", name)
                            .isLessThanOrEqualTo(1e-5 * Math.sqrt(norm) + 1e-7);
                    }
                }
            }
        }
    }

    /** The same loss built again from plain TensorFlow ops (same weights), for tf.gradients. */
    private static Operand<TFloat32> plainLoss(Ops tf, Params p, Architecture arch, ModelFamily family,
                                               Operand<TFloat32> xIn, Operand<TFloat32> cIn,
                                               Operand<TFloat32> eps, Operand<TFloat32> epsPrior) {
        DifferentiableNetwork net = new DifferentiableNetwork(p, arch, KernelPolicy.AUTODIFF);
        Run e = net.run(Role.ENCODER, tf, xIn, cIn, Pass.plain());
        Operand<TFloat32> logits = net.run(Role.DECODER, tf, Losses.reparameterise(tf, e, eps), cIn, Pass.plain())
            .output();
        Operand<TFloat32> loss = tf.math.add(Losses.reconstruction(tf, logits, xIn, arch),
            tf.math.mul(tf.constant(0.3f), Losses.kl(tf, e)));
        if (family == ModelFamily.VAE_GAN) {
            Operand<TFloat32> priorLogits = net.run(Role.DECODER, tf, epsPrior, cIn, Pass.plain()).output();
            var all = tf.constant(new int[] {0, 1});
            Operand<TFloat32> advDecoded = tf.math.neg(tf.math.mean(Losses.critic(net, tf,
                net.activate(tf, logits), cIn), all));
            Operand<TFloat32> advPrior = tf.math.neg(tf.math.mean(Losses.critic(net, tf,
                net.activate(tf, priorLogits), cIn), all));
            loss = tf.math.add(loss, tf.math.add(tf.math.mul(tf.constant(0.7f), advDecoded),
                tf.math.mul(tf.constant(1.3f), advPrior)));
        }
        return loss;
    }

    private static float[] values(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
