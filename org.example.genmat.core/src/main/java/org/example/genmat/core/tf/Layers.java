package org.example.genmat.core.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Graph-mode layers on {@link Params}. LeakyReLU uses TensorFlow's own op, whose gradient and
 * gradient-of-gradient are both registered in the C++ gradient registry (needed by the WGAN-GP
 * penalty; ReLU/tanh/sigmoid lack the second one).
 */
public final class Layers {

    /** Slope of LeakyReLU for negative inputs. */
    public static final float LEAKY_SLOPE = 0.2f;
    private static final float LAYER_NORM_EPSILON = 1e-5f;

    private Layers() {
    }

    /** {@code x·W + b}, weights {@code <name>_w [in, out]}, {@code <name>_b [out]}. */
    public static Operand<TFloat32> dense(Ops tf, Params p, String name, Operand<TFloat32> x, int in, int out) {
        Operand<TFloat32> w = p.matrix(name + "_w", in, out);
        Operand<TFloat32> b = p.vector(name + "_b", out, 0f);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
    }

    /**
     * {@code x·W + c·Wc + b}: a first layer that also sees the condition vector {@code c} (width
     * {@code cIn}, 0 = unconditional, then {@code c} is ignored). Two products instead of a concat
     * keep the gradient with respect to {@code x} free of slicing ops.
     */
    public static Operand<TFloat32> denseConditioned(Ops tf, Params p, String name, Operand<TFloat32> x, int in,
                                                     Operand<TFloat32> c, int cIn, int out) {
        Operand<TFloat32> w = p.matrix(name + "_w", in, out);
        Operand<TFloat32> h = tf.linalg.matMul(x, w);
        if (cIn > 0) {
            Operand<TFloat32> wc = p.matrix(name + "_wc", cIn, out);
            h = tf.math.add(h, tf.linalg.matMul(c, wc));
        }
        Operand<TFloat32> b = p.vector(name + "_b", out, 0f);
        return tf.nn.biasAdd(h, b);
    }

    /** LeakyReLU with slope 0.2. */
    public static Operand<TFloat32> leakyRelu(Ops tf, Operand<TFloat32> x) {
        return tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAKY_SLOPE));
    }

    /**
     * Layer normalisation over the last axis: {@code (x − mean) / √(var + 1e-5) · g + b}, gain
     * {@code <name>_ln_g} (init 1) and bias {@code <name>_ln_b} (init 0); mean and (biased) variance
     * per row. Plain ops: TensorFlow's fused batch-norm kernel applied per row ({@code [1, rows, n, 1]},
     * NCHW) was measured slower, both in training (VAE step, one pinned core: 101 vs 125 steps/s)
     * and in decoding (about 1.5×). XLA auto-clustering of these ops
     * (TF_XLA_FLAGS FUSIBLE, global_jit_level ON_1) was slower too: VAE 104 vs 121 steps/s,
     * VAE-GAN 45 vs 56, one thread; so was a closed-form gradient written with stopGradient
     * (fewer backward ops, more forward ones: no measurable change).
     */
    public static Operand<TFloat32> layerNorm(Ops tf, Params p, String name, Operand<TFloat32> x, int n) {
        Operand<TFloat32> g = p.vector(name + "_ln_g", n, 1f);
        Operand<TFloat32> b = p.vector(name + "_ln_b", n, 0f);
        Operand<TInt32> axis = tf.constant(new int[] {1});
        Operand<TFloat32> mean = tf.math.mean(x, axis, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> var = tf.math.mean(tf.math.square(centred), axis, Mean.keepDims(true));
        Operand<TFloat32> normed = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(var, tf.constant(LAYER_NORM_EPSILON))));
        return tf.nn.biasAdd(tf.math.mul(normed, g), b);
    }
}
