package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.net.Architecture;
import org.example.genmat.core.net.Architecture.OutputRun;
import org.example.genmat.core.net.Architecture.Role;
import org.example.genmat.core.net.DifferentiableNetwork;
import org.example.genmat.core.net.DifferentiableNetwork.Run;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training objectives over a {@link DifferentiableNetwork}'s runs: reconstruction, KL, the
 * reparameterisation and the WGAN-GP critic loss, with the closed-form gradient of the
 * reconstruction that the hand-written reverse ({@link VaeBackward}) starts from. The decoder's
 * output activations per feature segment come from the {@link Architecture#outputRuns()}.
 */
final class Losses {

    private Losses() {
    }

    /** Encoder means μ of an encoder run. */
    static Operand<TFloat32> mu(Run encoder) {
        return encoder.head(Architecture.MEAN_HEAD);
    }

    /** Encoder log-variances log σ² of an encoder run. */
    static Operand<TFloat32> logVar(Run encoder) {
        return encoder.head(Architecture.LOG_VARIANCE_HEAD);
    }

    /**
     * Reconstruction loss, batch mean of the per-row sum over segments: continuous segments
     * Σ (x − x̂)² (x̂ = tanh(logits) or logits), categorical segments the softmax cross-entropy
     * −Σ x · log softmax(logits).
     */
    static Operand<TFloat32> reconstruction(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> x,
                                            Architecture architecture) {
        int d = architecture.inputDimension();
        Operand<TInt32> axis1 = tf.constant(new int[] {1});
        Operand<TFloat32> perRow = null;
        for (OutputRun run : architecture.outputRuns()) {
            Operand<TFloat32> lg = DifferentiableNetwork.columns(tf, logits, run, d);
            Operand<TFloat32> target = DifferentiableNetwork.columns(tf, x, run, d);
            Operand<TFloat32> term = switch (run.kind()) {
                case CONTINUOUS_TANH -> tf.reduceSum(tf.math.squaredDifference(tf.math.tanh(lg), target), axis1);
                case CONTINUOUS_LINEAR -> tf.reduceSum(tf.math.squaredDifference(lg, target), axis1);
                case CATEGORICAL -> tf.math.neg(tf.reduceSum(tf.math.mul(target, tf.nn.logSoftmax(lg)), axis1));
            };
            perRow = perRow == null ? term : tf.math.add(perRow, term);
        }
        return tf.math.mean(perRow, tf.constant(0));
    }

    /**
     * d{@link #reconstruction}/d logits for a batch of {@code batch} rows, per output run: tanh
     * {@code 2(t − x)(1 − t²)/B} with t = tanh(logits), linear {@code 2(logits − x)/B}, categorical
     * {@code (softmax(logits)·Σx − x)/B}.
     */
    static Operand<TFloat32> reconstructionGradient(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> x,
                                                    Architecture architecture, int batch) {
        int d = architecture.inputDimension();
        Operand<TFloat32> twoOverB = tf.constant(2f / batch);
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (OutputRun run : architecture.outputRuns()) {
            Operand<TFloat32> lg = DifferentiableNetwork.columns(tf, logits, run, d);
            Operand<TFloat32> target = DifferentiableNetwork.columns(tf, x, run, d);
            parts.add(switch (run.kind()) {
                case CONTINUOUS_TANH -> {
                    Operand<TFloat32> t = tf.math.tanh(lg);
                    yield tf.math.mul(tf.math.mul(tf.math.sub(t, target), twoOverB),
                        tf.math.sub(tf.constant(1f), tf.math.square(t)));
                }
                case CONTINUOUS_LINEAR -> tf.math.mul(tf.math.sub(lg, target), twoOverB);
                case CATEGORICAL -> tf.math.div(tf.math.sub(tf.math.mul(tf.nn.softmax(lg),
                        tf.reduceSum(target, tf.constant(new int[] {1}), ReduceSum.keepDims(true))), target),
                    tf.constant((float) batch));
            });
        }
        return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(1));
    }

    /** KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), batch mean. */
    static Operand<TFloat32> kl(Ops tf, Run encoder) {
        Operand<TFloat32> inner = tf.math.sub(tf.math.sub(tf.math.add(tf.constant(1f), logVar(encoder)),
            tf.math.square(mu(encoder))), tf.math.exp(logVar(encoder)));
        Operand<TFloat32> perRow = tf.reduceSum(inner, tf.constant(new int[] {1}));
        return tf.math.mul(tf.constant(-0.5f), tf.math.mean(perRow, tf.constant(0)));
    }

    /** Reparameterisation z = μ + exp(½ log σ²) · ε; ε gets a stop-gradient (it is noise, not a function of the weights). */
    static Operand<TFloat32> reparameterise(Ops tf, Run encoder, Operand<TFloat32> eps) {
        return tf.math.add(mu(encoder), tf.math.mul(tf.math.exp(tf.math.mul(logVar(encoder), tf.constant(0.5f))),
            tf.stopGradient(eps)));
    }

    /** The critic's score D(x, c), shape [batch, 1]: plain ops (the penalty differentiates it twice). */
    static Operand<TFloat32> critic(DifferentiableNetwork net, Ops tf, Operand<TFloat32> x, Operand<TFloat32> c) {
        return net.run(Role.CRITIC, tf, x, c, DifferentiableNetwork.Pass.plain()).output();
    }

    /** The terms of a WGAN-GP critic loss. */
    record CriticLoss(Operand<TFloat32> loss, Operand<TFloat32> penalty, Operand<TFloat32> wasserstein) {
    }

    /**
     * Critic loss with gradient penalty (Gulrajani et al. 2017):
     * {@code L_D = −mean D(x) + mean D(x̃) + λ · mean((‖∇_x̂ D(x̂)‖₂ − 1)²)}, where
     * {@code x̂ = ε·x + (1 − ε)·x̃}, ε ~ U[0, 1] per row. The penalty's gradient with respect to
     * the critic weights is a true second-order gradient (gradient of the gradient op graph); the
     * inner gradient gets an explicit seed because the implicit one ({@code OnesLike}) has no
     * gradient of its own. Wasserstein estimate = mean D(x) − mean D(x̃).
     *
     * With a packed critic (PacGAN) the interpolation and the gradient norm are those of the packed
     * rows: x̂ lies on the segment between a packed real and a packed fake row.
     *
     * @param eps interpolation weights, one per critic input row: shape [batch / pack, 1]
     */
    static CriticLoss criticLoss(DifferentiableNetwork net, Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake,
                                 Operand<TFloat32> c, Operand<TFloat32> eps, double gpLambda) {
        Operand<TInt32> all = tf.constant(new int[] {0, 1});
        Operand<TFloat32> dReal = tf.math.mean(critic(net, tf, real, c), all);
        Operand<TFloat32> dFake = tf.math.mean(critic(net, tf, fake, c), all);
        Architecture.Network criticNet = net.architecture().network(Role.CRITIC);
        int d = net.architecture().inputDimension();
        // packed rows [batch / pack, pack·d]; the critic's own packing leaves them as they are
        Operand<TFloat32> packedReal = DifferentiableNetwork.pack(tf, criticNet, real, d);
        Operand<TFloat32> packedFake = DifferentiableNetwork.pack(tf, criticNet, fake, d);
        Operand<TFloat32> xHat = tf.math.add(tf.math.mul(eps, packedReal),
            tf.math.mul(tf.math.sub(tf.constant(1f), eps), packedFake));
        Operand<TFloat32> dHat = tf.reduceSum(critic(net, tf, xHat, c), all);
        Operand<TFloat32> gx = tf.gradients(List.of(dHat), List.of(xHat),
            Gradients.dx(List.of(tf.constant(1f)))).<TFloat32>dy(0);
        Operand<TFloat32> norm = tf.math.sqrt(tf.math.add(tf.reduceSum(tf.math.square(gx), tf.constant(new int[] {1})),
            tf.constant(1e-12f)));
        Operand<TFloat32> penalty = tf.math.mean(tf.math.square(tf.math.sub(norm, tf.constant(1f))), tf.constant(0));
        Operand<TFloat32> wasserstein = tf.math.sub(dReal, dFake);
        Operand<TFloat32> loss = tf.math.add(tf.math.neg(wasserstein),
            tf.math.mul(tf.constant((float) gpLambda), penalty));
        return new CriticLoss(loss, penalty, wasserstein);
    }
}
