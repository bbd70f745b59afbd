package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.featurize.FeatureLayout.Kind;
import org.example.genmat.core.tf.FusedKernels;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.Tape;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.core.tf.WeightGradients;
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
 * The hand-written VAE / VAE-GAN gradients ({@link VaeBackward} over {@link Tape}d layers) equal
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
            WeightGradients grads = new WeightGradients();
            Tape encoderTape = new Tape(grads, fused);
            Tape decoderTape = new Tape(grads, fused);
            Tape priorTape = new Tape(grads, fused);
            Networks.Encoded e = Networks.encoder(tf, p, s, xIn, d, cIn, cd, encoderTape);
            Operand<TFloat32> z = Networks.reparameterise(tf, e, eps);
            Operand<TFloat32> logits = Networks.decoderLogits(tf, p, s, z, cIn, cd, d, decoderTape);
            Operand<TFloat32> klWeight = tf.constant(0.3f);
            Operand<TFloat32> klTerm = tf.math.mul(klWeight, Networks.kl(tf, e));
            Operand<TFloat32> loss = tf.math.add(Networks.reconstruction(tf, logits, xIn, LAYOUT), klTerm);
            Operand<TFloat32> adversarial = null;
            List<Operand<TFloat32>> allLogits = new ArrayList<>(List.of(logits));
            List<Tape> tapes = new ArrayList<>(List.of(decoderTape));
            if (family == ModelFamily.VAE_GAN) {
                Operand<TFloat32> priorLogits = Networks.decoderLogits(tf, p, s, epsPrior, cIn, cd, d, priorTape);
                var all = tf.constant(new int[] {0, 1});
                Operand<TFloat32> advDecoded = tf.math.neg(tf.math.mean(Networks.critic(tf, p, s,
                    Networks.activate(tf, logits, LAYOUT), d, cIn, cd), all));
                Operand<TFloat32> advPrior = tf.math.neg(tf.math.mean(Networks.critic(tf, p, s,
                    Networks.activate(tf, priorLogits, LAYOUT), d, cIn, cd), all));
                adversarial = tf.math.add(tf.math.mul(tf.constant(0.7f), advDecoded),
                    tf.math.mul(tf.constant(1.3f), advPrior));
                loss = tf.math.add(loss, adversarial);
                allLogits.add(priorLogits);
                tapes.add(priorTape);
            }
            List<Variable<TFloat32>> weights = new ArrayList<>(p.withPrefix("enc"));
            weights.addAll(p.withPrefix("dec"));
            List<Operand<TFloat32>> hand = VaeBackward.gradients(tf, p, s, weights, xIn, LAYOUT, B, klWeight, e, eps,
                adversarial, allLogits, tapes);
            Gradients auto = tf.gradients(List.of(fused ? plainLoss(tf, p, s, family, xIn, cIn, cd, d, eps, epsPrior)
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
    private static Operand<TFloat32> plainLoss(Ops tf, Params p, TrainingSettings s, ModelFamily family,
                                               Operand<TFloat32> xIn, Operand<TFloat32> cIn, int cd, int d,
                                               Operand<TFloat32> eps, Operand<TFloat32> epsPrior) {
        Networks.Encoded e = Networks.encoder(tf, p, s, xIn, d, cIn, cd);
        Operand<TFloat32> logits = Networks.decoderLogits(tf, p, s, Networks.reparameterise(tf, e, eps), cIn, cd, d);
        Operand<TFloat32> loss = tf.math.add(Networks.reconstruction(tf, logits, xIn, LAYOUT),
            tf.math.mul(tf.constant(0.3f), Networks.kl(tf, e)));
        if (family == ModelFamily.VAE_GAN) {
            Operand<TFloat32> priorLogits = Networks.decoderLogits(tf, p, s, epsPrior, cIn, cd, d);
            var all = tf.constant(new int[] {0, 1});
            Operand<TFloat32> advDecoded = tf.math.neg(tf.math.mean(Networks.critic(tf, p, s,
                Networks.activate(tf, logits, LAYOUT), d, cIn, cd), all));
            Operand<TFloat32> advPrior = tf.math.neg(tf.math.mean(Networks.critic(tf, p, s,
                Networks.activate(tf, priorLogits, LAYOUT), d, cIn, cd), all));
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
