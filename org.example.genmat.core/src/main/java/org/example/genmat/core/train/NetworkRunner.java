package org.example.genmat.core.train;

/** Placeholder with the final signatures; implementation follows. */
public final class NetworkRunner implements AutoCloseable {
    public NetworkRunner(TrainedNetwork network) {
        org.example.genmat.core.tf.TfRuntime.boot();
        throw new UnsupportedOperationException("network runner lands in the next commit");
    }

    public float[][] decode(float[][] z, float[][] condition) {
        throw new UnsupportedOperationException();
    }

    public float[][] encodeMean(float[][] x, float[][] condition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
