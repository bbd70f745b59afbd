package org.example.genmat.core.net;

import java.util.List;

import org.example.genmat.core.net.Architecture.Dense;
import org.example.genmat.core.net.Architecture.Hidden;
import org.example.genmat.core.tf.Params;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Graph-mode layers on {@link Params}. LeakyReLU uses TensorFlow's own op, whose gradient and
 * gradient-of-gradient are both registered in the C++ gradient registry (needed by the WGAN-GP
 * penalty; ReLU/tanh/sigmoid lack the second one).
 *
 * <p>Each layer optionally records its reverse on a {@link Tape} (null = inference or
 * {@code tf.gradients}); the recorded gradients are the textbook closed forms, checked against
 * {@code tf.gradients} in the tests. Layer and weight names come from the {@link Architecture}
 * ({@link Dense}, {@link Hidden}). Only {@link DifferentiableNetwork} builds networks from these.
 */
final class Layers {

    /** Slope of LeakyReLU for negative inputs. */
    public static final float LEAKY_SLOPE = 0.2f;
    private static final float LAYER_NORM_EPSILON = 1e-5f;
    /**
     * Widths up to this count as thin: products with a thin output side go to GenMat's own kernels
     * on a fused tape (oneDNN ran them at 15–40 GFLOP/s in a VAE step, against ~100 on 256×256;
     * {@code genmat bench train --profile}).
     */
    static final int THIN = 16;

    private Layers() {
    }

    /** {@code x·W + b} (the layer's condition weight, if any, is ignored), recording its reverse on {@code tape} (null: none). */
    static Operand<TFloat32> dense(Ops tf, Params p, Dense layer, Operand<TFloat32> x, Tape tape) {
        int in = layer.in();
        int out = layer.out();
        Operand<TFloat32> w = p.matrix(layer.weight(), in, out);
        Operand<TFloat32> b = p.vector(layer.bias(), out, 0f);
        if (tape != null) {
            tape.record((dy, inputGradient) -> {
                tape.gradients().add(tf, layer.weight(), weightGradient(tf, tape, x, dy, out));
                return biasAndInputGradient(tf, tape, layer, w, dy, inputGradient);
            });
        }
        return affine(tf, tape, x, w, b, out);
    }

    /**
     * {@code x·W + b} for {@code W [in, out]}; with GenMat's thin-product kernel when {@code tape}
     * allows fused kernels and {@code out} is thin, else oneDNN's product fused with its bias add.
     */
    static Operand<TFloat32> affine(Ops tf, Tape tape, Operand<TFloat32> x, Operand<TFloat32> w,
                                           Operand<TFloat32> b, int out) {
        if (thinKernels(tape, out)) {
            return FusedKernels.product(tf, x, w, b, FusedKernels.ProductLayout.PLAIN);
        }
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
    }

    /** {@code xᵀ·dy}: the gradient of {@code W [in, out]} in {@code x·W} (thin kernel as in {@link #affine}). */
    static Operand<TFloat32> weightGradient(Ops tf, Tape tape, Operand<TFloat32> x, Operand<TFloat32> dy,
                                                   int out) {
        if (thinKernels(tape, out)) {
            return FusedKernels.product(tf, x, dy, null, FusedKernels.ProductLayout.TRANSPOSE_A);
        }
        return tf.linalg.matMul(x, dy, MatMul.transposeA(true));
    }

    /**
     * {@code dy·Wᵀ}: the gradient of {@code x} in {@code x·W}, {@code W [in, out]}; thin kernel when
     * {@code in} is thin (a thin {@code out}, the inner side here, measured no faster than oneDNN).
     */
    static Operand<TFloat32> inputGradient(Ops tf, Tape tape, Operand<TFloat32> dy, Operand<TFloat32> w,
                                                  int in) {
        if (thinKernels(tape, in)) {
            return FusedKernels.product(tf, dy, w, null, FusedKernels.ProductLayout.TRANSPOSE_B);
        }
        return tf.linalg.matMul(dy, w, MatMul.transposeB(true));
    }

    private static boolean thinKernels(Tape tape, int width) {
        return tape != null && tape.fused() && width <= THIN;
    }

    /**
     * The part of a dense layer's reverse that does not depend on how its product was formed: adds
     * the column sums of {@code dy} to the bias (taken from the tape when the layer after
     * already computed them) and returns {@code dy·Wᵀ} when {@code inputGradient}.
     */
    private static Operand<TFloat32> biasAndInputGradient(Ops tf, Tape tape, Dense layer, Operand<TFloat32> w,
                                                          Operand<TFloat32> dy, boolean inputGradient) {
        Operand<TFloat32> sums = tape.columnSums(dy);
        tape.gradients().add(tf, layer.bias(), sums != null ? sums : tf.nn.biasAddGrad(dy));
        return inputGradient ? inputGradient(tf, tape, dy, w, layer.in()) : null;
    }

    /**
     * {@code x·W + c·Wc + b}: a first layer that also sees the condition vector {@code c} (when the
     * layer has a condition width; else {@code c} is ignored). Two products instead of a concat
     * keep the gradient with respect to {@code x} free of slicing ops. Not recorded on a tape.
     */
    static Operand<TFloat32> denseConditioned(Ops tf, Params p, Dense layer, Operand<TFloat32> x,
                                              Operand<TFloat32> c) {
        int out = layer.out();
        Operand<TFloat32> w = p.matrix(layer.weight(), layer.in(), out);
        Operand<TFloat32> h = tf.linalg.matMul(x, w);
        if (layer.conditionIn() > 0) {
            Operand<TFloat32> wc = p.matrix(layer.conditionWeight(), layer.conditionIn(), out);
            h = tf.math.add(h, tf.linalg.matMul(c, wc));
        }
        Operand<TFloat32> b = p.vector(layer.bias(), out, 0f);
        return tf.nn.biasAdd(h, b);
    }

    /**
     * The same layer as {@link #denseConditioned(Ops, Params, Dense, Operand, Operand)}
     * (same weights) computed as one product
     * {@code [x, c]·[W; Wc] + b}: one matrix product fused with its bias by oneDNN instead of two
     * products, an add and a bias add, and one product for both weight gradients. For networks
     * differentiated by the tape or not at all; the critic keeps two products (its second-order
     * gradient should not go through concatenation).
     */
    static Operand<TFloat32> denseJoined(Ops tf, Params p, Dense layer, Operand<TFloat32> x, Operand<TFloat32> c,
                                         Tape tape) {
        int in = layer.in();
        int cIn = layer.conditionIn();
        int out = layer.out();
        if (cIn == 0) {
            return dense(tf, p, layer, x, tape);
        }
        Operand<TFloat32> w = p.matrix(layer.weight(), in, out);
        Operand<TFloat32> wc = p.matrix(layer.conditionWeight(), cIn, out);
        Operand<TFloat32> b = p.vector(layer.bias(), out, 0f);
        Operand<TFloat32> xc = tf.concat(List.of(x, c), tf.constant(1));
        Operand<TFloat32> wJoined = tf.concat(List.of(w, wc), tf.constant(0));
        if (tape != null) {
            tape.record((dy, inputGradient) -> {
                Operand<TFloat32> dw = weightGradient(tf, tape, xc, dy, out);
                tape.gradients().add(tf, layer.weight(), tf.slice(dw, tf.constant(new int[] {0, 0}),
                    tf.constant(new int[] {in, out})));
                tape.gradients().add(tf, layer.conditionWeight(), tf.slice(dw, tf.constant(new int[] {in, 0}),
                    tf.constant(new int[] {cIn, out})));
                return biasAndInputGradient(tf, tape, layer, w, dy, inputGradient);
            });
        }
        return affine(tf, tape, xc, wJoined, b, out);
    }

    /** LeakyReLU with slope 0.2, recording its reverse ({@code LeakyReluGrad}) on {@code tape} (null: none). */
    static Operand<TFloat32> leakyRelu(Ops tf, Operand<TFloat32> x, Tape tape) {
        if (tape != null) {
            tape.record((dy, inputGradient) -> inputGradient ? leakyReluGrad(tf, dy, x) : null);
        }
        return tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAKY_SLOPE));
    }

    /** TensorFlow's {@code LeakyReluGrad} kernel (no generated wrapper in the Java API). */
    private static Operand<TFloat32> leakyReluGrad(Ops tf, Operand<TFloat32> dy, Operand<TFloat32> features) {
        return tf.scope().opBuilder("LeakyReluGrad", "LeakyReluGrad").addInput(dy.asOutput())
            .addInput(features.asOutput()).setAttr("alpha", LEAKY_SLOPE).build().output(0);
    }

    /**
     * {@code LeakyReLU(layerNorm(x))} with the weights of {@link #layerNorm}: GenMat's fused CPU
     * kernel and its fused reverse when the tape allows them ({@link Tape#fused()}), else the
     * separate layers. Same mathematics either way (the tests compare both with {@code tf.gradients}).
     */
    static Operand<TFloat32> layerNormLeakyRelu(Ops tf, Params p, Hidden layer, Operand<TFloat32> x, Tape tape) {
        if (tape == null || !tape.fused()) {
            return leakyRelu(tf, layerNorm(tf, p, layer, x, tape), tape);
        }
        int n = layer.dense().out();
        Operand<TFloat32> g = p.vector(layer.gain(), n, 1f);
        Operand<TFloat32> b = p.vector(layer.shift(), n, 0f);
        FusedKernels.LayerNormLeakyRelu out = FusedKernels.layerNormLeakyRelu(tf, x, g, b, LAYER_NORM_EPSILON,
            LEAKY_SLOPE);
        tape.record((dy, inputGradient) -> {
            FusedKernels.LayerNormLeakyReluGrad back = FusedKernels.layerNormLeakyReluGrad(tf, dy, out, g, b,
                LEAKY_SLOPE);
            tape.gradients().add(tf, layer.gain(), back.dGain());
            tape.gradients().add(tf, layer.shift(), back.dBias());
            // the dense layer before needs Σ_rows dx as its bias gradient: the kernel summed it on the way
            tape.noteColumnSums(back.dx(), back.dxColumnSums());
            return inputGradient ? back.dx() : null;
        });
        return out.y();
    }

    /**
     * Layer normalisation over the last axis: {@code (x − mean) / √(var + 1e-5) · g + b}, gain
     * {@link Hidden#gain()} (init 1) and shift {@link Hidden#shift()} (init 0); mean and (biased) variance
     * per row. Plain ops: TensorFlow's fused batch-norm kernel applied per row ({@code [1, rows, n, 1]},
     * NCHW) was measured slower, both in training (VAE step, one pinned core: 101 vs 125 steps/s)
     * and in decoding (about 1.5×). XLA auto-clustering of these ops
     * (TF_XLA_FLAGS FUSIBLE, global_jit_level ON_1) was slower too: VAE 104 vs 121 steps/s,
     * VAE-GAN 45 vs 56, one thread; so was oneDNN's bfloat16 auto mixed precision (VAE 102 vs
     * 118 steps/s: the casts cost more than the faster products save).
     */
    /**
     * The layer norm of {@code layer}'s output, recording its reverse on {@code tape} (null: none).
     * With n̂ the normalised rows, r = 1/√(var + ε) and dn̂ = dy·g, the reverse is
     * {@code dx = r·(dn̂ − mean(dn̂) − n̂·mean(dn̂·n̂))} (row means), {@code dg = Σ_rows dy·n̂},
     * {@code db = Σ_rows dy}; the two row means are matrix–vector products with {@code g/n}
     * ({@code mean(dn̂) = dy·g/n}, {@code mean(dn̂·n̂) = (dy·n̂)·g/n}), which reuses {@code dy·n̂}
     * from the gain gradient.
     */
    static Operand<TFloat32> layerNorm(Ops tf, Params p, Hidden layer, Operand<TFloat32> x, Tape tape) {
        int n = layer.dense().out();
        Operand<TFloat32> g = p.vector(layer.gain(), n, 1f);
        Operand<TFloat32> b = p.vector(layer.shift(), n, 0f);
        Operand<TInt32> axis = tf.constant(new int[] {1});
        Operand<TFloat32> mean = tf.math.mean(x, axis, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> var = tf.math.mean(tf.math.square(centred), axis, Mean.keepDims(true));
        Operand<TFloat32> r = tf.math.rsqrt(tf.math.add(var, tf.constant(LAYER_NORM_EPSILON)));
        Operand<TFloat32> normed = tf.math.mul(centred, r);
        if (tape != null) {
            tape.record((dy, inputGradient) -> {
                WeightGradients grads = tape.gradients();
                Operand<TFloat32> dyNormed = tf.math.mul(dy, normed);
                grads.add(tf, layer.gain(), tf.reduceSum(dyNormed, tf.constant(0)));
                grads.add(tf, layer.shift(), tf.nn.biasAddGrad(dy));
                if (!inputGradient) {
                    return null;
                }
                Operand<TFloat32> gOverN = tf.reshape(tf.math.div(g, tf.constant((float) n)), tf.constant(new int[] {n, 1}));
                Operand<TFloat32> meanDn = tf.linalg.matMul(dy, gOverN);
                Operand<TFloat32> meanDnN = tf.linalg.matMul(dyNormed, gOverN);
                Operand<TFloat32> dn = tf.math.mul(dy, g);
                return tf.math.mul(tf.math.sub(tf.math.sub(dn, meanDn), tf.math.mul(normed, meanDnN)), r);
            });
        }
        return tf.nn.biasAdd(tf.math.mul(normed, g), b);
    }
}
