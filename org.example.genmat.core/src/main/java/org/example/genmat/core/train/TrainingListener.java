package org.example.genmat.core.train;

/**
 * Progress and cancellation hook of a training run. Both methods are called on the training
 * thread: {@link #isCancelled()} before every step (one TensorFlow session run that applies the
 * step's critic and decoder/generator updates, milliseconds at the default sizes), and
 * {@link #onProgress} every {@code historyEvery} steps and after the last one. A cancelled run
 * throws {@link TrainingCancelledException} and returns nothing.
 */
public interface TrainingListener {

    /** A listener that ignores progress and never cancels. */
    TrainingListener NONE = new TrainingListener() {
        @Override
        public void onProgress(int step, int totalSteps, HistoryRow row) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    void onProgress(int step, int totalSteps, HistoryRow row);

    boolean isCancelled();
}
