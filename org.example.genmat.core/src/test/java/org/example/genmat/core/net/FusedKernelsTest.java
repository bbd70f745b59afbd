package org.example.genmat.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.TfRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * GenMat's fused layer norm + LeakyReLU kernel against the same layer built from TensorFlow's own
 * ops: odd widths (not a multiple of the 32 summation lanes), a constant row (zero variance), large
 * offsets; and a clear error for mismatched shapes. The thin-product kernels against
 * {@code MatMul} (+ {@code BiasAdd}) in each layout, at the training shapes and odd ones. Where the build contains the library it must
 * load (a silent fallback would hide a broken build).
 */
class FusedKernelsTest {

    @BeforeAll
    static void libraryLoadsWhereBuilt() {
        TfRuntime.boot();
        if (FusedKernels.class.getResource(FusedKernels.RESOURCE) != null) {
            assertThat(FusedKernels.available()).as("fused kernels built but not loadable: %s", FusedKernels.problem())
                .isTrue();
        }
    }

    @Test
    void forwardEqualsPlainOps() {
        assumeTrue(FusedKernels.available(), () -> "fused kernels: " + FusedKernels.problem());
        for (int width : new int[] {1, 7, 13, 33, 256, 300}) {
            int rows = 9;
            Random r = new Random(width);
            float[] x = new float[rows * width];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian() * 3f + (i / width == 1 ? 1000f : 0f);
            }
            for (int j = 0; j < width; j++) {
                x[2 * width + j] = 4.5f; // constant row: variance 0
            }
            float[] g = new float[width];
            float[] b = new float[width];
            for (int j = 0; j < width; j++) {
                g[j] = 0.5f + r.nextFloat();
                b[j] = (float) r.nextGaussian() * 0.1f;
            }
            float[][] fused;
            float[][] plain;
            try (Graph graph = new Graph()) {
                Ops tf = Ops.create(graph);
                Params p = Params.frozen(tf, java.util.Map.of("l_ln_g", g, "l_ln_b", b));
                Operand<TFloat32> xIn = tf.constant(Shape.of(rows, width), DataBuffers.of(x, true, false));
                FusedKernels.LayerNormLeakyRelu out = FusedKernels.layerNormLeakyRelu(tf, xIn,
                    p.vector("l_ln_g", width, 1f), p.vector("l_ln_b", width, 0f), 1e-5f, Layers.LEAKY_SLOPE);
                Architecture.Hidden layer = new Architecture.Hidden(new Architecture.Dense("l", width, width, 0), true);
                Operand<TFloat32> reference = Layers.leakyRelu(tf, Layers.layerNorm(tf, p, layer, xIn, null), null);
                try (Session s = new Session(graph); Result res = s.runner().fetch(out.y()).fetch(reference).run()) {
                    fused = new float[][] {values((TFloat32) res.get(0))};
                    plain = new float[][] {values((TFloat32) res.get(1))};
                }
            }
            for (int i = 0; i < plain[0].length; i++) {
                assertThat(fused[0][i]).as("width %d, element %d", width, i)
                    .isCloseTo(plain[0][i], org.assertj.core.data.Offset.offset(2e-4f * (1 + Math.abs(plain[0][i]))));
            }
        }
    }

    @Test
    void mismatchedGainIsAClearError() {
        assumeTrue(FusedKernels.available(), () -> "fused kernels: " + FusedKernels.problem());
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 7}});
            Operand<TFloat32> g = tf.placeholder(TFloat32.class);
            FusedKernels.LayerNormLeakyRelu out = FusedKernels.layerNormLeakyRelu(tf, x, g, g, 1e-5f, 0.2f);
            try (Session s = new Session(graph); TFloat32 wrong = TFloat32.vectorOf(1f, 1f)) {
                assertThatThrownBy(() -> s.runner().feed(g, wrong).fetch(out.y()).run().close())
                    .hasMessageContaining("gain and bias must have the width of x");
            }
        }
    }

    @Test
    void thinProductsEqualMatMul() {
        assumeTrue(FusedKernels.available(), () -> "fused kernels: " + FusedKernels.problem());
        // {rows of the result, inner, columns of the result}: training shapes (batch 500, width 256,
        // 8 or 16 thin), shapes off the kernels' 8-lane and block grids, single rows/columns, a hidden width
        // off the 8-grid (100), an empty inner side and no rows
        int[][] shapes = {{500, 256, 8}, {500, 256, 16}, {500, 16, 256}, {256, 500, 8}, {256, 500, 16}, {18, 500, 256},
            {500, 18, 256}, {7, 13, 5}, {9, 40, 33}, {24, 3, 40}, {1, 1, 1}, {5, 300, 1}, {64, 7, 64}, {3, 9, 24},
            {100, 500, 16}, {4, 0, 8}, {0, 5, 8}};
        Random r = new Random(11);
        for (FusedKernels.ProductLayout layout : FusedKernels.ProductLayout.values()) {
            for (int[] sh : shapes) {
                for (boolean withBias : new boolean[] {false, true}) {
                    int m = sh[0];
                    int k = sh[1];
                    int n = sh[2];
                    boolean ta = layout == FusedKernels.ProductLayout.TRANSPOSE_A;
                    boolean tb = layout == FusedKernels.ProductLayout.TRANSPOSE_B;
                    float[] a = gaussian(r, m * k);
                    float[] b = gaussian(r, k * n);
                    float[] bias = gaussian(r, n);
                    float[] thin;
                    float[] reference;
                    float[] again;
                    try (Graph graph = new Graph()) {
                        Ops tf = Ops.create(graph);
                        Operand<TFloat32> aIn = tf.constant(ta ? Shape.of(k, m) : Shape.of(m, k), DataBuffers.of(a, true, false));
                        Operand<TFloat32> bIn = tf.constant(tb ? Shape.of(n, k) : Shape.of(k, n), DataBuffers.of(b, true, false));
                        Operand<TFloat32> biasIn = withBias ? tf.constant(bias) : null;
                        Operand<TFloat32> product = FusedKernels.product(tf, aIn, bIn, biasIn, layout);
                        Operand<TFloat32> expected = tf.linalg.matMul(aIn, bIn,
                            org.tensorflow.op.linalg.MatMul.transposeA(ta).transposeB(tb));
                        if (withBias) {
                            expected = tf.nn.biasAdd(expected, biasIn);
                        }
                        assertThat(product.shape().asArray()).as("static shape").containsExactly(m, n);
                        try (Session s = new Session(graph);
                             Result res = s.runner().fetch(product).fetch(expected).run();
                             Result res2 = s.runner().fetch(product).run()) {
                            thin = values((TFloat32) res.get(0));
                            reference = values((TFloat32) res.get(1));
                            again = values((TFloat32) res2.get(0));
                        }
                    }
                    String what = layout + " " + m + "x" + k + "x" + n + (withBias ? " + bias" : "");
                    assertThat(again).as("%s: same result on every run", what).containsExactly(thin);
                    for (int i = 0; i < reference.length; i++) {
                        // terms are ~N(0,1) products: the sum's rounding grows with sqrt(k)
                        assertThat(thin[i]).as("%s, element %d", what, i)
                            .isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-5f * (float) Math.sqrt(k) * 4));
                    }
                }
            }
        }
    }

    @Test
    void mismatchedProductIsAClearError() {
        assumeTrue(FusedKernels.available(), () -> "fused kernels: " + FusedKernels.problem());
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> a = tf.placeholder(TFloat32.class);
            Operand<TFloat32> b = tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
            Operand<TFloat32> product = FusedKernels.product(tf, a, b, null, FusedKernels.ProductLayout.PLAIN);
            try (Session s = new Session(graph); TFloat32 wrong = TFloat32.tensorOf(Shape.of(2, 2))) {
                assertThatThrownBy(() -> s.runner().feed(a, wrong).fetch(product).run().close())
                    .hasMessageContaining("inner dimensions of the two matrices differ");
            }
        }
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] values(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }
}
