package org.example.genmat.core.train;

import org.example.genmat.core.net.KernelPolicy;

/**
 * How a training run computes and what it reports, beside its hyperparameters: not part of the
 * model ({@link TrainingSettings} is what the model file keeps). The defaults are what every face
 * uses; the benchmarks ({@code genmat bench train}) change them.
 *
 * @param kernels            which kernels and which reverse pass the networks use
 * @param profileSteps       after training, trace this many more steps and print TensorFlow's kernel
 *                           time per op type to standard error (0: off)
 * @param profileEachKernel  with profiling, also every kernel's mean time
 * @param profileKernelOrder with profiling each kernel, also the last traced step's kernels in start order
 */
public record TrainingOptions(KernelPolicy.Request kernels, int profileSteps, boolean profileEachKernel,
                              boolean profileKernelOrder) {

    /** Fused kernels where available, hand-written reverse, no profiling. */
    public static final TrainingOptions DEFAULT = new TrainingOptions(KernelPolicy.Request.DEFAULT, 0, false, false);

    public TrainingOptions {
        if (kernels == null) {
            throw new IllegalArgumentException("a kernel request is required");
        }
        if (profileSteps < 0) {
            throw new IllegalArgumentException("profiled steps must be ≥ 0: " + profileSteps);
        }
    }

    /** These options with another kernel request. */
    public TrainingOptions withKernels(KernelPolicy.Request request) {
        return new TrainingOptions(request, profileSteps, profileEachKernel, profileKernelOrder);
    }
}
