package org.example.genmat.core.train;

import java.util.function.Consumer;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.tf.TfRuntime;

/** Entry point of training; see {@link TrainingRun} for the graphs and their losses. */
public final class Trainer {

    private Trainer() {
    }

    /**
     * {@link #train(ModelFamily, TrainingData, TrainingSettings, JobMonitor, Consumer, TrainingOptions)} with the default
     * options and no history listener.
     */
    public static TrainedNetwork train(ModelFamily family, TrainingData data, TrainingSettings settings, JobMonitor monitor) {
        return train(family, data, settings, monitor, null, TrainingOptions.DEFAULT);
    }

    /**
     * Trains one model. Boots TensorFlow first. Deterministic: the same data, settings, options and
     * seed give bit-identical weights.
     *
     * @param monitor         asked before every step whether to stop; told the stage "training FAMILY" (steps done of
     *                        all) whenever a history row is recorded; null: {@link JobMonitor#NONE}
     * @param historyListener told every recorded history row (every {@code historyEvery} steps and the last); null:
     *                        none
     * @throws java.util.concurrent.CancellationException when {@code monitor} cancels ("training cancelled at step N of
     *                                                    M"); nothing is returned or kept
     * @throws IllegalArgumentException                   when data and settings do not fit (e.g. class balance without
     *                                                    labels)
     */
    public static TrainedNetwork train(ModelFamily family, TrainingData data, TrainingSettings settings,
                                       JobMonitor monitor, Consumer<HistoryRow> historyListener, TrainingOptions options) {
        TfRuntime.boot();
        return TrainingRun.run(family, data, settings, monitor == null ? JobMonitor.NONE : monitor, historyListener,
            options == null ? TrainingOptions.DEFAULT : options);
    }
}
