package org.example.genmat.core.train;

/** Thrown when a {@link TrainingListener} cancelled training; nothing of the run is left behind. */
public final class TrainingCancelledException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrainingCancelledException(int step, int totalSteps) {
        super("training cancelled at step " + step + " of " + totalSteps);
    }
}
