package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
