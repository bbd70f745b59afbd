package org.example.genmat.core.net;

/**
 * How a {@link DifferentiableNetwork} computes, decided once per graph: whether its layers may use
 * GenMat's fused CPU kernels ({@link FusedKernels}) and whether training differentiates the
 * encoder/decoder losses with the hand-written reverse or with TensorFlow's generic
 * {@code tf.gradients}. Both choices give the same mathematics; they differ in float rounding and
 * speed ({@code genmat bench train --compare-autodiff}, {@code --kernels plain}).
 *
 * @param fusedKernels        layers may use the fused kernels (the library is loaded and the graph runs on the CPU)
 * @param handWrittenBackward the hand-written reverse (else {@code tf.gradients} over plain ops)
 */
public record KernelPolicy(boolean fusedKernels, boolean handWrittenBackward) {

    /** Which kernels a run may use. */
    public enum Kernels {
        /** GenMat's fused CPU kernels where they are loaded and the graph runs on the CPU, else TensorFlow's ops. */
        FUSED_WHERE_AVAILABLE,
        /** TensorFlow's own ops only. */
        PLAIN
    }

    /** How training differentiates the encoder/decoder losses. */
    public enum Backward {
        /** The closed-form reverse of each layer (faster). */
        HAND_WRITTEN,
        /** TensorFlow's {@code tf.gradients} over plain ops (the reference the hand-written reverse is tested against). */
        AUTODIFF
    }

    /** What a caller asks for; {@link #decide} turns it into a policy for one graph. */
    public record Request(Kernels kernels, Backward backward) {

        /** Today's behaviour: fused kernels where available, hand-written reverse. */
        public static final Request DEFAULT = new Request(Kernels.FUSED_WHERE_AVAILABLE, Backward.HAND_WRITTEN);

        public Request {
            if (kernels == null || backward == null) {
                throw new IllegalArgumentException("kernels and backward are required");
            }
        }
    }

    /** Plain TensorFlow ops, differentiable by {@code tf.gradients} (also the reference in tests). */
    public static final KernelPolicy AUTODIFF = new KernelPolicy(false, false);

    /**
     * The policy for a graph that runs on the CPU ({@code onCpu}) or not: fused kernels only on the
     * CPU, when asked for, when the library loaded, and with the hand-written reverse (they have no
     * TensorFlow gradient).
     */
    public static KernelPolicy decide(Request request, boolean onCpu) {
        boolean handWritten = request.backward() == Backward.HAND_WRITTEN;
        boolean fused = onCpu && handWritten && request.kernels() == Kernels.FUSED_WHERE_AVAILABLE
            && FusedKernels.available();
        return new KernelPolicy(fused, handWritten);
    }
}
