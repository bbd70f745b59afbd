package org.example.genmat.core.train;

import org.example.genmat.core.tf.TfRuntime;

/** Entry point of training; see {@link TrainingRun} for the graphs and their losses. */
public final class Trainer {

    private Trainer() {
    }

    /** {@link #train(ModelFamily, TrainingData, TrainingSettings, TrainingListener, TrainingOptions)} with the default options. */
    public static TrainedNetwork train(ModelFamily family, TrainingData data, TrainingSettings settings,
                                       TrainingListener listener) throws TrainingCancelledException {
        return train(family, data, settings, listener, TrainingOptions.DEFAULT);
    }

    /**
     * Trains one model. Boots TensorFlow first. Deterministic: the same data, settings, options and
     * seed give bit-identical weights.
     *
     * @throws TrainingCancelledException when {@code listener} cancels; nothing is returned or kept
     * @throws IllegalArgumentException   when data and settings do not fit (e.g. class balance without labels)
     */
    public static TrainedNetwork train(ModelFamily family, TrainingData data, TrainingSettings settings,
                                       TrainingListener listener, TrainingOptions options)
        throws TrainingCancelledException {
        TfRuntime.boot();
        return TrainingRun.run(family, data, settings, listener == null ? TrainingListener.NONE : listener,
            options == null ? TrainingOptions.DEFAULT : options);
    }
}
