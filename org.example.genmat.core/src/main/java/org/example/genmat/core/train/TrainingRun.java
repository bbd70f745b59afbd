package org.example.genmat.core.train;

final class TrainingRun {
    static TrainedNetwork run(ModelFamily family, TrainingData data, TrainingSettings settings,
                              TrainingListener listener) throws TrainingCancelledException {
        throw new UnsupportedOperationException("training graph lands in the next commit");
    }
}
