package org.example.genmat.core.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * In-graph random ops with explicit seeds: TF-Java has no graph-level seed, and an op without
 * {@code seed}/{@code seed2} draws from a nondeterministic generator. Every op made here gets the
 * run's seed and its own {@code seed2} (a counter), so the same graph built with the same seed
 * yields the same streams.
 */
public final class SeededRandom {

    private final Ops tf;
    private final long seed;
    private long next = 1;

    public SeededRandom(Ops tf, long seed) {
        this.tf = tf;
        // TensorFlow treats seed = seed2 = 0 as "unseeded"; keep the pair away from zero
        this.seed = seed == 0 ? 0x5EED : seed;
    }

    /** Standard normal values of the given shape. */
    public Operand<TFloat32> normal(long... shape) {
        Operand<TInt64> s = tf.constant(shape);
        return tf.random.randomStandardNormal(s, TFloat32.class, RandomStandardNormal.seed(seed),
            RandomStandardNormal.seed2(next++));
    }

    /** Uniform values in [0, 1) of the given shape. */
    public Operand<TFloat32> uniform(long... shape) {
        Operand<TInt64> s = tf.constant(shape);
        return tf.random.randomUniform(s, TFloat32.class, RandomUniform.seed(seed), RandomUniform.seed2(next++));
    }
}
