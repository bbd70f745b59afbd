package org.example.genmat.core.tf;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Where the parameters of a network come from, so that one network definition serves training and
 * inference: {@link #trainable} creates graph variables initialised from a seeded
 * {@link java.util.Random} (Glorot-uniform matrices, constant vectors) and records them by name;
 * {@link #frozen} turns given values into constants (inference graphs, no variables at all).
 * Parameters are created in call order, so the same network code and seed give the same initial
 * values. Asking again for an existing name returns the same parameter (shared weights: a critic
 * applied to real, fake and interpolated rows), after checking its shape.
 */
public abstract class Params {

    protected final Ops tf;

    private Params(Ops tf) {
        this.tf = tf;
    }

    /** Variables with seeded initial values. */
    public static Trainable trainable(Ops tf, Random rng) {
        return new Trainable(tf, rng);
    }

    /** Constants from {@code values} (name → row-major data); shapes are checked against the requests. */
    public static Params frozen(Ops tf, Map<String, float[]> values) {
        return new Frozen(tf, values);
    }

    /** A {@code [rows, cols]} matrix, Glorot-uniform initialised: U(±√(6 / (rows + cols))). */
    public abstract Operand<TFloat32> matrix(String name, int rows, int cols);

    /** A vector of length {@code n}, initialised to {@code init}. */
    public abstract Operand<TFloat32> vector(String name, int n, float init);

    /** The parameter already made under {@code name} (shape checked), or null. */
    protected abstract Operand<TFloat32> existing(String name, int[] shape);

    /** Trainable parameters: graph variables, recorded in creation order. */
    public static final class Trainable extends Params {
        private final Random rng;
        private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
        private final Map<String, int[]> shapes = new LinkedHashMap<>();

        private Trainable(Ops tf, Random rng) {
            super(tf);
            this.rng = rng;
        }

        @Override
        public Operand<TFloat32> matrix(String name, int rows, int cols) {
            Operand<TFloat32> known = existing(name, new int[] {rows, cols});
            if (known != null) {
                return known;
            }
            float limit = (float) Math.sqrt(6.0 / (rows + cols));
            float[] init = new float[rows * cols];
            for (int i = 0; i < init.length; i++) {
                init[i] = (rng.nextFloat() * 2f - 1f) * limit;
            }
            return create(name, new int[] {rows, cols}, init);
        }

        @Override
        public Operand<TFloat32> vector(String name, int n, float init) {
            Operand<TFloat32> known = existing(name, new int[] {n});
            if (known != null) {
                return known;
            }
            float[] v = new float[n];
            Arrays.fill(v, init);
            return create(name, new int[] {n}, v);
        }

        @Override
        protected Operand<TFloat32> existing(String name, int[] shape) {
            Variable<TFloat32> v = variables.get(name);
            if (v != null && !Arrays.equals(shapes.get(name), shape)) {
                throw new IllegalStateException("parameter " + name + " reused with shape " + Arrays.toString(shape)
                    + ", created as " + Arrays.toString(shapes.get(name)));
            }
            return v;
        }

        private Operand<TFloat32> create(String name, int[] shape, float[] init) {
            long[] dims = Arrays.stream(shape).asLongStream().toArray();
            Variable<TFloat32> v = tf.withName(name).variable(tf.constant(Shape.of(dims), DataBuffers.of(init, true, false)));
            variables.put(name, v);
            shapes.put(name, shape);
            return v;
        }

        /** All variables by name, in creation order. */
        public Map<String, Variable<TFloat32>> variables() {
            return Collections.unmodifiableMap(variables);
        }

        /** The shape a variable was created with. */
        public int[] shape(String name) {
            return shapes.get(name).clone();
        }
    }

    private static final class Frozen extends Params {
        private final Map<String, float[]> values;
        private final Map<String, Operand<TFloat32>> made = new LinkedHashMap<>();

        Frozen(Ops tf, Map<String, float[]> values) {
            super(tf);
            this.values = values;
        }

        @Override
        public Operand<TFloat32> matrix(String name, int rows, int cols) {
            return constant(name, new long[] {rows, cols});
        }

        @Override
        public Operand<TFloat32> vector(String name, int n, float init) {
            return constant(name, new long[] {n});
        }

        @Override
        protected Operand<TFloat32> existing(String name, int[] shape) {
            return made.get(name); // shape was checked against the data when it was made
        }

        private Operand<TFloat32> constant(String name, long[] dims) {
            Operand<TFloat32> known = made.get(name);
            if (known != null) {
                return known;
            }
            float[] v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("weights lack '" + name + "'");
            }
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            if (v.length != n) {
                throw new IllegalArgumentException("weight '" + name + "' has " + v.length + " values, the network needs "
                    + Arrays.toString(dims));
            }
            Operand<TFloat32> c = tf.withName(name).constant(Shape.of(dims), DataBuffers.of(v, true, false));
            made.put(name, c);
            return c;
        }
    }
}
