package org.example.genmat.core.net;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A hand-written reverse pass for a chain of {@link Layers} (dense, layer norm, LeakyReLU): each
 * layer built with a tape records how to turn the gradient of its output into the gradient of its
 * input and of its weights; {@link #backward} replays those steps in reverse order.
 *
 * <p>Why not {@code tf.gradients}: its generic rules wrap every broadcast and mean in shape
 * bookkeeping ({@code Shape}, {@code BroadcastGradientArgs}, {@code Reshape}, {@code Tile},
 * {@code DynamicStitch}) and differentiate layer norm op by op; with static shapes the closed forms
 * below need far fewer passes over the activations (measured in {@code genmat bench train}).
 * The tape covers one straight chain; branches (encoder heads, losses) are joined by the caller.
 */
final class Tape {

    /** The reverse of one layer. */
    @FunctionalInterface
    interface Step {
        /**
         * Adds this layer's weight gradients for output gradient {@code dy} and returns the gradient
         * of its input, or null when {@code inputGradient} is false (nothing upstream needs it).
         */
        Operand<TFloat32> backward(Operand<TFloat32> dy, boolean inputGradient);
    }

    private final WeightGradients gradients;
    private final boolean fused;
    private final List<Step> steps = new ArrayList<>();
    private final java.util.Map<Operand<TFloat32>, Operand<TFloat32>> columnSums = new java.util.IdentityHashMap<>();

    /**
     * A tape whose weight gradients go to {@code gradients} (shared by tapes of one loss); with
     * {@code fused} the layers may use GenMat's fused CPU kernels ({@link FusedKernels}; the
     * {@link KernelPolicy} has checked they are available and the graph runs on the CPU).
     */
    Tape(WeightGradients gradients, boolean fused) {
        this.gradients = gradients;
        this.fused = fused;
    }

    /** Whether layers on this tape may use the fused CPU kernels. */
    boolean fused() {
        return fused;
    }

    WeightGradients gradients() {
        return gradients;
    }

    /** Notes that {@code columnSums} holds the column sums of gradient {@code g} (computed with it). */
    void noteColumnSums(Operand<TFloat32> g, Operand<TFloat32> sums) {
        columnSums.put(g, sums);
    }

    /** The column sums of gradient {@code g} if a layer computed them with it, else null. */
    Operand<TFloat32> columnSums(Operand<TFloat32> g) {
        return columnSums.get(g);
    }

    /** Records the reverse of the layer just built. */
    void record(Step step) {
        steps.add(step);
    }

    /**
     * Back-propagates {@code dy} (gradient of the chain's output) through all recorded layers;
     * returns the gradient of the chain's input when {@code inputGradient}, else null.
     */
    Operand<TFloat32> backward(Operand<TFloat32> dy, boolean inputGradient) {
        Operand<TFloat32> g = dy;
        for (int i = steps.size() - 1; i >= 0; i--) {
            g = steps.get(i).backward(g, i > 0 || inputGradient);
        }
        return g;
    }
}
