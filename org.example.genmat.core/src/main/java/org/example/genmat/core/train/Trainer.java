package org.example.genmat.core.train;

import org.example.genmat.core.tf.TfRuntime;

/** Entry point of training; see {@link TrainingRun} for the graphs and their losses. */
public final class Trainer {

    /**
     * Diagnostics system property: after training, trace this many extra steps and print TensorFlow's
     * kernel time per op type to standard error ({@code genmat bench train --profile}).
     */
    public static final String PROFILE_PROPERTY = "genmat.profile";
    /**
     * Benchmark system property: {@code true} differentiates the VAE and VAE-GAN encoder/decoder losses
     * with {@code tf.gradients} and plain ops instead of the hand-written backward pass
     * ({@code genmat bench train --compare-autodiff}); same mathematics, slower.
     */
    public static final String AUTODIFF_PROPERTY = "genmat.autodiff";

    private Trainer() {
    }

    /**
     * Trains one model. Boots TensorFlow first. Deterministic: the same data, settings and seed give
     * bit-identical weights.
     *
     * @throws TrainingCancelledException when {@code listener} cancels; nothing is returned or kept
     * @throws IllegalArgumentException   when data and settings do not fit (e.g. class balance without labels)
     */
    public static TrainedNetwork train(ModelFamily family, TrainingData data, TrainingSettings settings,
                                       TrainingListener listener) throws TrainingCancelledException {
        TfRuntime.boot();
        return TrainingRun.run(family, data, settings, listener == null ? TrainingListener.NONE : listener);
    }
}
