package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.featurize.FeatureLayout.Kind;
import org.example.genmat.core.featurize.FeatureLayout.Segment;
import org.example.genmat.core.tf.Layers;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.Tape;
import org.example.genmat.core.tf.WeightGradients;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The network definitions shared by training ({@link TrainingRun}) and inference
 * ({@link NetworkRunner}); parameters come from {@link Params}, so the same code builds trainable
 * and frozen networks. All hidden layers: dense → (layer norm) → LeakyReLU(0.2).
 *
 * <ul>
 *   <li>Encoder {@code [x, c] → hidden… → (μ, log σ²)} (both linear, width = latent size).</li>
 *   <li>Decoder / generator {@code [z, c] → reversed hidden… → logits} (width = feature dimension);
 *       {@link #activate} applies per {@link FeatureLayout} segment tanh, identity or softmax.</li>
 *   <li>Critic {@code [x, c] → critic hidden… → D(x, c)} (linear, no layer norm).</li>
 * </ul>
 */
final class Networks {

    private Networks() {
    }

    /**
     * Encoder means and log-variances; {@code body} is the last hidden layer both heads read and
     * {@code tape} the encoder body's reverse (null when built without one).
     */
    record Encoded(Operand<TFloat32> mu, Operand<TFloat32> logVar, Operand<TFloat32> body, Tape tape) {
    }

    static Encoded encoder(Ops tf, Params p, TrainingSettings s, Operand<TFloat32> x, int d, Operand<TFloat32> c,
                           int cd) {
        return encoder(tf, p, s, x, d, c, cd, null);
    }

    /**
     * The encoder, recording its body on {@code tape} (the heads are reversed by {@link #encoderBackward}).
     * Both heads run as one product {@code h·[Wμ, Wσ] + [bμ, bσ]}, split afterwards: small products
     * cost oneDNN nearly as much as large ones, so one product of width 2·latent beats two.
     */
    static Encoded encoder(Ops tf, Params p, TrainingSettings s, Operand<TFloat32> x, int d, Operand<TFloat32> c,
                           int cd, Tape tape) {
        Operand<TFloat32> h = mlp(tf, p, "enc", x, d, c, cd, s.hiddenLayers(), s.layerNorm(), true, tape);
        int latent = s.latentSize();
        Operand<TFloat32> heads = Layers.affine(tf, tape, h, headWeights(tf, p, s),
            tf.concat(List.of(p.vector("enc_mu_b", latent, 0f), p.vector("enc_logvar_b", latent, 0f)), tf.constant(0)),
            2 * latent);
        Operand<TFloat32> mu = tf.slice(heads, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, latent}));
        Operand<TFloat32> logVar = tf.slice(heads, tf.constant(new int[] {0, latent}),
            tf.constant(new int[] {-1, latent}));
        return new Encoded(mu, logVar, h, tape);
    }

    /** {@code [Wμ, Wσ]}: the two head matrices side by side, {@code [last hidden, 2·latent]}. */
    private static Operand<TFloat32> headWeights(Ops tf, Params p, TrainingSettings s) {
        int last = s.hiddenLayers().get(s.hiddenLayers().size() - 1);
        return tf.concat(List.of(p.matrix("enc_mu_w", last, s.latentSize()),
            p.matrix("enc_logvar_w", last, s.latentSize())), tf.constant(1));
    }

    /**
     * Reverse of an encoder built with a tape: both heads' weight gradients for {@code dMu} and
     * {@code dLogVar} (one product, then split), then the body's, all added to the tape's gradients.
     */
    static void encoderBackward(Ops tf, Params p, TrainingSettings s, Encoded e, Operand<TFloat32> dMu,
                                Operand<TFloat32> dLogVar) {
        int last = s.hiddenLayers().get(s.hiddenLayers().size() - 1);
        int latent = s.latentSize();
        WeightGradients grads = e.tape().gradients();
        Operand<TFloat32> dHeads = tf.concat(List.of(dMu, dLogVar), tf.constant(1));
        Operand<TFloat32> dw = Layers.weightGradient(tf, e.tape(), e.body(), dHeads, 2 * latent);
        Operand<TFloat32> db = tf.nn.biasAddGrad(dHeads);
        grads.add(tf, "enc_mu_w", tf.slice(dw, tf.constant(new int[] {0, 0}), tf.constant(new int[] {last, latent})));
        grads.add(tf, "enc_logvar_w", tf.slice(dw, tf.constant(new int[] {0, latent}),
            tf.constant(new int[] {last, latent})));
        grads.add(tf, "enc_mu_b", tf.slice(db, tf.constant(new int[] {0}), tf.constant(new int[] {latent})));
        grads.add(tf, "enc_logvar_b", tf.slice(db, tf.constant(new int[] {latent}), tf.constant(new int[] {latent})));
        Operand<TFloat32> dBody = Layers.inputGradient(tf, e.tape(), dHeads, headWeights(tf, p, s), last);
        e.tape().backward(dBody, false);
    }

    /** Decoder/generator output before the output activations. */
    static Operand<TFloat32> decoderLogits(Ops tf, Params p, TrainingSettings s, Operand<TFloat32> z,
                                           Operand<TFloat32> c, int cd, int d) {
        return decoderLogits(tf, p, s, z, c, cd, d, null);
    }

    /** The decoder/generator recording its reverse on {@code tape} (null: none). */
    static Operand<TFloat32> decoderLogits(Ops tf, Params p, TrainingSettings s, Operand<TFloat32> z,
                                           Operand<TFloat32> c, int cd, int d, Tape tape) {
        List<Integer> hidden = new ArrayList<>(s.hiddenLayers());
        java.util.Collections.reverse(hidden);
        Operand<TFloat32> h = mlp(tf, p, "dec", z, s.latentSize(), c, cd, hidden, s.layerNorm(), true, tape);
        return Layers.dense(tf, p, "dec_out", h, hidden.get(hidden.size() - 1), d, tape);
    }

    /** Critic value D(x, c), shape [batch, 1]. */
    static Operand<TFloat32> critic(Ops tf, Params p, TrainingSettings s, Operand<TFloat32> x, int d,
                                    Operand<TFloat32> c, int cd) {
        List<Integer> hidden = s.criticLayers();
        // two products in the first layer: the penalty's second-order gradient should not go through a concat
        Operand<TFloat32> h = mlp(tf, p, "critic", x, d, c, cd, hidden, false, false, null);
        return Layers.dense(tf, p, "critic_out", h, hidden.get(hidden.size() - 1), 1);
    }

    /**
     * Hidden layers {@code <prefix>0, <prefix>1, …}; the first also reads the condition, as one joined
     * product ({@link Layers#denseJoined}) or as two ({@link Layers#denseConditioned}).
     */
    private static Operand<TFloat32> mlp(Ops tf, Params p, String prefix, Operand<TFloat32> x, int in,
                                         Operand<TFloat32> c, int cd, List<Integer> hidden, boolean layerNorm,
                                         boolean joinCondition, Tape tape) {
        Operand<TFloat32> h = x;
        int width = in;
        for (int i = 0; i < hidden.size(); i++) {
            String name = prefix + i;
            int out = hidden.get(i);
            if (i > 0) {
                h = Layers.dense(tf, p, name, h, width, out, tape);
            } else if (joinCondition) {
                h = Layers.denseJoined(tf, p, name, h, width, c, cd, out, tape);
            } else {
                h = Layers.denseConditioned(tf, p, name, h, width, c, cd, out);
            }
            h = layerNorm ? Layers.layerNormLeakyRelu(tf, p, name, h, out, tape) : Layers.leakyRelu(tf, h, tape);
            width = out;
        }
        return h;
    }

    /** Runs of neighbouring segments that share an activation: {kind, offset, length}. */
    private static List<int[]> runs(FeatureLayout layout) {
        List<int[]> runs = new ArrayList<>();
        for (Segment seg : layout.segments()) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && seg.kind() != Kind.CATEGORICAL && last[0] == seg.kind().ordinal()) {
                last[2] += seg.length();
            } else {
                runs.add(new int[] {seg.kind().ordinal(), seg.offset(), seg.length()});
            }
        }
        return runs;
    }

    private static Operand<TFloat32> columns(Ops tf, Operand<TFloat32> m, int offset, int length, int total) {
        if (offset == 0 && length == total) {
            return m;
        }
        return tf.slice(m, tf.constant(new int[] {0, offset}), tf.constant(new int[] {-1, length}));
    }

    /** Output activations per segment: tanh for CONTINUOUS_TANH, identity for CONTINUOUS_LINEAR, softmax per CATEGORICAL group. */
    static Operand<TFloat32> activate(Ops tf, Operand<TFloat32> logits, FeatureLayout layout) {
        int d = layout.dimension();
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (int[] run : runs(layout)) {
            Operand<TFloat32> part = columns(tf, logits, run[1], run[2], d);
            Kind kind = Kind.values()[run[0]];
            parts.add(switch (kind) {
                case CONTINUOUS_TANH -> tf.math.tanh(part);
                case CONTINUOUS_LINEAR -> part;
                case CATEGORICAL -> tf.nn.softmax(part);
            });
        }
        return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(1));
    }

    /**
     * Reconstruction loss, batch mean of the per-row sum over segments: continuous segments
     * Σ (x − x̂)² (x̂ = tanh(logits) or logits), categorical segments the softmax cross-entropy
     * −Σ x · log softmax(logits).
     */
    static Operand<TFloat32> reconstruction(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> x,
                                            FeatureLayout layout) {
        int d = layout.dimension();
        Operand<TInt32> axis1 = tf.constant(new int[] {1});
        Operand<TFloat32> perRow = null;
        for (int[] run : runs(layout)) {
            Operand<TFloat32> lg = columns(tf, logits, run[1], run[2], d);
            Operand<TFloat32> target = columns(tf, x, run[1], run[2], d);
            Kind kind = Kind.values()[run[0]];
            Operand<TFloat32> term = switch (kind) {
                case CONTINUOUS_TANH -> tf.reduceSum(tf.math.squaredDifference(tf.math.tanh(lg), target), axis1);
                case CONTINUOUS_LINEAR -> tf.reduceSum(tf.math.squaredDifference(lg, target), axis1);
                case CATEGORICAL -> tf.math.neg(tf.reduceSum(tf.math.mul(target, tf.nn.logSoftmax(lg)), axis1));
            };
            perRow = perRow == null ? term : tf.math.add(perRow, term);
        }
        return tf.math.mean(perRow, tf.constant(0));
    }

    /**
     * d{@link #reconstruction}/d logits for a batch of {@code batch} rows, per segment run: tanh
     * {@code 2(t − x)(1 − t²)/B} with t = tanh(logits), linear {@code 2(logits − x)/B}, categorical
     * {@code (softmax(logits)·Σx − x)/B}.
     */
    static Operand<TFloat32> reconstructionGradient(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> x,
                                                    FeatureLayout layout, int batch) {
        int d = layout.dimension();
        Operand<TFloat32> twoOverB = tf.constant(2f / batch);
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (int[] run : runs(layout)) {
            Operand<TFloat32> lg = columns(tf, logits, run[1], run[2], d);
            Operand<TFloat32> target = columns(tf, x, run[1], run[2], d);
            Kind kind = Kind.values()[run[0]];
            parts.add(switch (kind) {
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
    static Operand<TFloat32> kl(Ops tf, Encoded e) {
        Operand<TFloat32> inner = tf.math.sub(tf.math.sub(tf.math.add(tf.constant(1f), e.logVar()),
            tf.math.square(e.mu())), tf.math.exp(e.logVar()));
        Operand<TFloat32> perRow = tf.reduceSum(inner, tf.constant(new int[] {1}));
        return tf.math.mul(tf.constant(-0.5f), tf.math.mean(perRow, tf.constant(0)));
    }

    /** Reparameterisation z = μ + exp(½ log σ²) · ε; ε gets a stop-gradient (it is noise, not a function of the weights). */
    static Operand<TFloat32> reparameterise(Ops tf, Encoded e, Operand<TFloat32> eps) {
        return tf.math.add(e.mu(), tf.math.mul(tf.math.exp(tf.math.mul(e.logVar(), tf.constant(0.5f))),
            tf.stopGradient(eps)));
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
     * @param eps per-row interpolation weights, shape [batch, 1]
     */
    static CriticLoss criticLoss(Ops tf, Params p, TrainingSettings s, Operand<TFloat32> real,
                                 Operand<TFloat32> fake, Operand<TFloat32> c, int cd, int d, Operand<TFloat32> eps) {
        Operand<TInt32> all = tf.constant(new int[] {0, 1});
        Operand<TFloat32> dReal = tf.math.mean(critic(tf, p, s, real, d, c, cd), all);
        Operand<TFloat32> dFake = tf.math.mean(critic(tf, p, s, fake, d, c, cd), all);
        Operand<TFloat32> xHat = tf.math.add(tf.math.mul(eps, real),
            tf.math.mul(tf.math.sub(tf.constant(1f), eps), fake));
        Operand<TFloat32> dHat = tf.reduceSum(critic(tf, p, s, xHat, d, c, cd), all);
        Operand<TFloat32> gx = tf.gradients(List.of(dHat), List.of(xHat),
            Gradients.dx(List.of(tf.constant(1f)))).<TFloat32>dy(0);
        Operand<TFloat32> norm = tf.math.sqrt(tf.math.add(tf.reduceSum(tf.math.square(gx), tf.constant(new int[] {1})),
            tf.constant(1e-12f)));
        Operand<TFloat32> penalty = tf.math.mean(tf.math.square(tf.math.sub(norm, tf.constant(1f))), tf.constant(0));
        Operand<TFloat32> wasserstein = tf.math.sub(dReal, dFake);
        Operand<TFloat32> loss = tf.math.add(tf.math.neg(wasserstein),
            tf.math.mul(tf.constant((float) s.gpLambda()), penalty));
        return new CriticLoss(loss, penalty, wasserstein);
    }
}
