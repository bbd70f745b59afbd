package org.example.genmat.core.train;

import java.util.Arrays;

/** A float tensor as plain Java: row-major {@code data} of the given {@code shape}. */
public record NamedArray(int[] shape, float[] data) {

    public NamedArray {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                + " values, got " + data.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Whether every value is finite: the one rule for weights, checked before a model is written and when it is read. */
    public boolean finite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Number of rows (first dimension; 1 for a scalar). */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Number of columns (last dimension of a matrix; 1 otherwise). */
    public int columns() {
        return shape.length == 2 ? shape[1] : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NamedArray" + Arrays.toString(shape);
    }
}
