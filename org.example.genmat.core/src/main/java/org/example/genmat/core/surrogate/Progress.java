package org.example.genmat.core.surrogate;

/** Progress and cancellation of long study work (surrogate fits, labelling, sampling). */
public interface Progress {

    /** Ignores progress, never cancels. */
    Progress NONE = new Progress() {
        @Override
        public void update(String stage, long done, long total) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** {@code done} of {@code total} units of {@code stage} are finished. */
    void update(String stage, long done, long total);

    /** True when the user asked to stop. */
    boolean cancelled();

    /** Throws {@link java.util.concurrent.CancellationException} when cancelled. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
