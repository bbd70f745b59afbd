package org.example.genmat.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Logger;

import org.example.genmat.core.tf.TfRuntime;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * GenMat's own fused CPU kernels for TensorFlow ({@code src/main/c/genmat_fused_ops.c}, built into
 * the jar for linux-x86_64 when a C compiler is present): layer norm + LeakyReLU as one kernel and
 * its reverse as one kernel, used by training on the CPU ({@link Layers#layerNormLeakyRelu}), and
 * matrix products with a thin side (8 or 16 columns: encoder heads, output layers; see
 * {@link Layers#affine}), which oneDNN runs at a fraction of its speed on square ones.
 * Where the library is absent (another platform, no compiler at build time) or fails to load,
 * {@link #available()} is false and training uses the equivalent plain TensorFlow ops; the
 * reason is logged once and given by {@link #problem()}. A {@link KernelPolicy} whose request
 * refuses them ({@link KernelPolicy.Kernels#PLAIN}) leaves them unused; the library lives where
 * the build puts it, beside TensorFlow's natives ({@link #RESOURCE}).
 */
public final class FusedKernels {

    static final String RESOURCE = "/org/example/genmat/core/tf/native/linux-x86_64/libgenmat_fused_ops.so";
    private static final Logger LOG = Logger.getLogger(FusedKernels.class.getName());

    private static boolean tried;
    private static boolean loaded;
    private static String problem;

    private FusedKernels() {
    }

    /** Whether the fused kernels are registered with TensorFlow (loads them on first call). */
    public static synchronized boolean available() {
        if (!tried) {
            tried = true;
            try {
                problem = load();
            } catch (IOException | RuntimeException | LinkageError e) {
                problem = "could not load GenMat's fused TensorFlow kernels: " + e;
            }
            loaded = problem == null;
            if (!loaded) {
                LOG.info(problem + "; training uses plain TensorFlow ops");
            }
        }
        return loaded;
    }

    /** Why the kernels are not available (null when they are). */
    public static synchronized String problem() {
        available();
        return problem;
    }

    private static String load() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "no fused kernels built for " + os + "/" + arch;
        }
        byte[] bytes;
        try (InputStream in = FusedKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "fused kernel library not in this build (" + RESOURCE + "; built only where gcc is present)";
            }
            bytes = in.readAllBytes();
        }
        TfRuntime.boot();
        Path dir = TfRuntime.cacheRoot().resolve("tensorflow");
        Files.createDirectories(dir);
        Path lib = dir.resolve("genmat-fused-ops-" + sha256(bytes).substring(0, 16) + ".so");
        if (!Files.isRegularFile(lib) || Files.size(lib) != bytes.length) {
            Path tmp = Files.createTempFile(dir, "genmat-fused-ops-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        org.tensorflow.TensorFlow.loadLibrary(lib.toString());
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fused forward kernel's input {@code x} and outputs: {@code y}, the row means and
     * {@code 1/√(var + ε)} per row (the reverse recomputes the normalised rows from these).
     */
    public record LayerNormLeakyRelu(Operand<TFloat32> x, Operand<TFloat32> y, Operand<TFloat32> mean,
                                     Operand<TFloat32> rstd) {
    }

    /** Outputs of the fused reverse kernel. */
    public record LayerNormLeakyReluGrad(Operand<TFloat32> dx, Operand<TFloat32> dGain, Operand<TFloat32> dBias,
                                         Operand<TFloat32> dxColumnSums) {
    }

    static LayerNormLeakyRelu layerNormLeakyRelu(Ops tf, Operand<TFloat32> x, Operand<TFloat32> gain,
                                                 Operand<TFloat32> bias, float epsilon, float alpha) {
        GraphOperation op = (GraphOperation) tf.scope().opBuilder("GenmatLayerNormLeakyRelu", "LayerNormLeakyRelu")
            .addInput(x.asOutput()).addInput(gain.asOutput()).addInput(bias.asOutput())
            .setAttr("epsilon", epsilon).setAttr("alpha", alpha).build();
        return new LayerNormLeakyRelu(x, op.output(0), op.output(1), op.output(2));
    }

    static LayerNormLeakyReluGrad layerNormLeakyReluGrad(Ops tf, Operand<TFloat32> dy, LayerNormLeakyRelu forward,
                                                         Operand<TFloat32> gain, Operand<TFloat32> bias, float alpha) {
        GraphOperation op = (GraphOperation) tf.scope().opBuilder("GenmatLayerNormLeakyReluGrad",
                "LayerNormLeakyReluGrad")
            .addInput(dy.asOutput()).addInput(forward.x().asOutput()).addInput(forward.mean().asOutput())
            .addInput(forward.rstd().asOutput())
            .addInput(gain.asOutput()).addInput(bias.asOutput()).setAttr("alpha", alpha).build();
        return new LayerNormLeakyReluGrad(op.output(0), op.output(1), op.output(2), op.output(3));
    }

    /** Which operand {@link #product} reads transposed, one TensorFlow op each. */
    public enum ProductLayout {
        /** {@code a·b} */
        PLAIN("GenmatMatMul"),
        /** {@code aᵀ·b} */
        TRANSPOSE_A("GenmatMatMulTransposeA"),
        /** {@code a·bᵀ} */
        TRANSPOSE_B("GenmatMatMulTransposeB");

        private final String op;

        ProductLayout(String op) {
            this.op = op;
        }
    }

    /**
     * {@code op(a)·op(b)}, plus {@code bias} (one value per output column) when it is not null,
     * with GenMat's thin-product kernels: the same result as {@code MatMul} (+ {@code BiasAdd}) up
     * to float rounding, summed in a fixed order.
     */
    static Operand<TFloat32> product(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, Operand<TFloat32> bias,
                                     ProductLayout layout) {
        Operand<TFloat32> biasOrEmpty = bias != null ? bias : tf.constant(new float[0]);
        return ((GraphOperation) tf.scope().opBuilder(layout.op, "ThinMatMul").addInput(a.asOutput())
            .addInput(b.asOutput()).addInput(biasOrEmpty.asOutput()).build()).output(0);
    }
}
