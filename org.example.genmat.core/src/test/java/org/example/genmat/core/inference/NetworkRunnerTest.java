package org.example.genmat.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.NamedArray;
import org.example.genmat.core.train.Synthetic;
import org.example.genmat.core.train.TrainedNetwork;
import org.example.genmat.core.train.Trainer;
import org.example.genmat.core.train.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inference graph against a plain-Java forward pass of the same weights. */
class NetworkRunnerTest {

    private static final Synthetic SET = new Synthetic(400, 2);
    private static TrainedNetwork net;

    @BeforeAll
    static void train() throws Exception {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(32, 16)).latentSize(3)
            .batchSize(64).steps(30).seed(9).build();
        net = Trainer.train(ModelFamily.VAE, SET.conditional(), s, null);
    }

    @Test
    void decoderAndEncoderMatchAJavaForwardPass() {
        Random r = new Random(4);
        float[][] z = new float[50][3];
        for (float[] row : z) {
            for (int j = 0; j < 3; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        float[][] cond = java.util.Arrays.copyOf(SET.condition, 50);
        try (NetworkRunner runner = new NetworkRunner(net)) {
            float[][] out = runner.decode(z, cond);
            float[][] mu = runner.encodeMean(java.util.Arrays.copyOf(SET.x, 50), cond);
            for (int i = 0; i < 50; i++) {
                double[] expected = decoderReference(z[i], cond[i]);
                for (int j = 0; j < expected.length; j++) {
                    assertThat((double) out[i][j]).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(2e-5));
                }
                double[] expectedMu = encoderReference(SET.x[i], cond[i]);
                for (int j = 0; j < 3; j++) {
                    assertThat((double) mu[i][j]).isCloseTo(expectedMu[j], org.assertj.core.data.Offset.offset(2e-5));
                }
            }
            // the flat variant gives the same numbers
            float[] flat = runner.decodeFlat(flatten(z), flatten(cond), 50);
            for (int i = 0; i < 50; i++) {
                for (int j = 0; j < 12; j++) {
                    assertThat(flat[i * 12 + j]).isEqualTo(out[i][j]);
                }
            }
        }
    }

    @Test
    void concurrentCallsGiveTheSameResults() throws Exception {
        float[][] z = new float[2000][3];
        Random r = new Random(8);
        for (float[] row : z) {
            for (int j = 0; j < 3; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        float[][] cond = new float[2000][2];
        for (int i = 0; i < cond.length; i++) {
            cond[i][i % 2] = 1f;
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (NetworkRunner runner = new NetworkRunner(net)) {
            float[][] expected = runner.decode(z, cond);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> runner.decode(z, cond)));
            }
            for (Future<float[][]> f : results) {
                assertThat(f.get()).isDeepEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The bench's concurrent-decode set-up ({@code new NetworkRunner(net, 1)}, several threads on
     * one runner), stressed: many small calls of varying size, decode and encode mixed, runners
     * opened and closed each round, and a thread forcing collections so that heap arrays move
     * while calls are in flight. Every result must equal the one-thread result bit for bit.
     */
    @Test
    void manySmallConcurrentCallsOnSingleThreadedRunnersMatchSequentialResults() throws Exception {
        Random r = new Random(21);
        int inputs = 24;
        float[][] zs = new float[inputs][];
        float[][] xs = new float[inputs][];
        float[][] cs = new float[inputs][];
        float[][] decoded = new float[inputs][];
        float[][] encoded = new float[inputs][];
        try (NetworkRunner reference = new NetworkRunner(net, 1)) {
            for (int k = 0; k < inputs; k++) {
                int rows = 1 + r.nextInt(160);
                zs[k] = new float[rows * 3];
                xs[k] = new float[rows * 12];
                cs[k] = new float[rows * 2];
                for (int i = 0; i < zs[k].length; i++) {
                    zs[k][i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(SET.x[(k * 31 + i) % SET.x.length], 0, xs[k], i * 12, 12);
                    cs[k][i * 2 + (i + k) % 2] = 1f;
                }
                decoded[k] = reference.decodeFlat(zs[k], cs[k], rows);
                encoded[k] = flatten(reference.encodeMean(unflatten(xs[k], rows, 12), unflatten(cs[k], rows, 2)));
            }
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                byte[][] garbage = new byte[64][];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[16 * 1024];
                }
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-pressure");
        collector.setDaemon(true);
        collector.start();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 10; round++) {
                try (NetworkRunner runner = new NetworkRunner(net, 1)) {
                    List<Future<Integer>> calls = new ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        long seed = round * 10L + t;
                        calls.add(pool.submit(() -> {
                            Random pick = new Random(seed);
                            int checked = 0;
                            for (int c = 0; c < 40; c++) {
                                int k = pick.nextInt(inputs);
                                int rows = cs[k].length / 2;
                                if (pick.nextInt(4) == 0) {
                                    float[] mu = flatten(runner.encodeMean(unflatten(xs[k], rows, 12), unflatten(cs[k], rows, 2)));
                                    assertThat(firstDifference(mu, encoded[k])).as("first differing value, encode input %d", k).isEqualTo(-1);
                                } else {
                                    // a fresh copy of the input, so that each call's heap arrays are young and movable
                                    float[] out = runner.decodeFlat(zs[k].clone(), cs[k].clone(), rows);
                                    assertThat(firstDifference(out, decoded[k])).as("first differing value, decode input %d", k).isEqualTo(-1);
                                }
                                checked++;
                            }
                            return checked;
                        }));
                    }
                    for (Future<Integer> f : calls) {
                        assertThat(f.get()).isEqualTo(40);
                    }
                }
            }
        } finally {
            stop.set(true);
            pool.shutdown();
            collector.join();
        }
    }

    /**
     * Closing a runner while other threads are decoding must not free the graph or session under
     * a running call: TensorFlow Java's {@code Session.close} waits for runs in flight, and calls
     * after it are refused with an {@link IllegalStateException} (never a crash).
     */
    @Test
    void closingWhileOtherThreadsDecodeRefusesLaterCallsAndNeverCrashes() throws Exception {
        float[] z = new float[256 * 3];
        float[] c = new float[256 * 2];
        Random r = new Random(5);
        for (int i = 0; i < 256; i++) {
            for (int j = 0; j < 3; j++) {
                z[i * 3 + j] = (float) r.nextGaussian();
            }
            c[i * 2 + i % 2] = 1f;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                NetworkRunner runner = new NetworkRunner(net, 1);
                float[] expected = runner.decodeFlat(z, c, 256);
                java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(2);
                List<Future<Throwable>> ends = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    ends.add(pool.submit(() -> {
                        running.countDown();
                        try {
                            while (true) {
                                float[] out = runner.decodeFlat(z, c, 256);
                                if (firstDifference(out, expected) != -1) {
                                    return new AssertionError("a call that ran gave a different result");
                                }
                            }
                        } catch (RuntimeException e) {
                            return e;
                        }
                    }));
                }
                running.await();
                Thread.sleep(5 + round * 3);
                runner.close();
                for (Future<Throwable> end : ends) {
                    assertThat(end.get()).isInstanceOf(IllegalStateException.class);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Index of the first value that differs bit for bit (or the shorter length), -1 when equal. */
    private static int firstDifference(float[] a, float[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return a.length == b.length ? -1 : Math.min(a.length, b.length);
    }

    private static float[][] unflatten(float[] flat, int rows, int width) {
        float[][] out = new float[rows][width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    @Test
    void badInputIsRefusedClearly() {
        try (NetworkRunner runner = new NetworkRunner(net)) {
            assertThatThrownBy(() -> runner.decode(new float[][] {{1f, 2f, 3f}}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conditional");
            assertThatThrownBy(() -> runner.decode(new float[][] {{1f, 2f}}, new float[][] {{1f, 0f}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latent row 0");
        }
    }

    private static double[] decoderReference(float[] z, float[] c) {
        double[] h = layer("dec0", z, c, true);
        h = layer("dec1", toFloat(h), null, true);
        double[] logits = affine("dec_out", toFloat(h), null);
        double[] out = new double[12];
        for (int j = 0; j < 8; j++) {
            out[j] = Math.tanh(logits[j]);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 8; j < 12; j++) {
            max = Math.max(max, logits[j]);
        }
        double sum = 0;
        for (int j = 8; j < 12; j++) {
            sum += Math.exp(logits[j] - max);
        }
        for (int j = 8; j < 12; j++) {
            out[j] = Math.exp(logits[j] - max) / sum;
        }
        return out;
    }

    private static double[] encoderReference(float[] x, float[] c) {
        double[] h = layer("enc0", x, c, true);
        h = layer("enc1", toFloat(h), null, true);
        return affine("enc_mu", toFloat(h), null);
    }

    /** dense → layer norm → LeakyReLU(0.2). */
    private static double[] layer(String name, float[] in, float[] c, boolean layerNorm) {
        double[] a = affine(name, in, c);
        if (layerNorm) {
            double mean = 0;
            for (double v : a) {
                mean += v;
            }
            mean /= a.length;
            double var = 0;
            for (double v : a) {
                var += (v - mean) * (v - mean);
            }
            var /= a.length;
            float[] g = net.weight(name + "_ln_g").data();
            float[] b = net.weight(name + "_ln_b").data();
            for (int j = 0; j < a.length; j++) {
                a[j] = (a[j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
            }
        }
        for (int j = 0; j < a.length; j++) {
            a[j] = a[j] > 0 ? a[j] : 0.2 * a[j];
        }
        return a;
    }

    private static double[] affine(String name, float[] in, float[] c) {
        NamedArray w = net.weight(name + "_w");
        int out = w.columns();
        double[] a = new double[out];
        float[] b = net.weight(name + "_b").data();
        for (int j = 0; j < out; j++) {
            double v = b[j];
            for (int i = 0; i < in.length; i++) {
                v += in[i] * w.data()[i * out + j];
            }
            if (c != null) {
                float[] wc = net.weight(name + "_wc").data();
                for (int i = 0; i < c.length; i++) {
                    v += c[i] * wc[i * out + j];
                }
            }
            a[j] = v;
        }
        return a;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static float[] flatten(float[][] rows) {
        float[] f = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * rows[0].length, rows[0].length);
        }
        return f;
    }
}
