package org.example.genmat.core.tf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** The only class that touches DJL's {@link Engine}; loaded by {@link TfRuntime#boot()} after the setup. */
final class EngineAccess {

    private EngineAccess() {
    }

    static void load() {
        Engine engine = Engine.getEngine("TensorFlow");
        try (NDManager manager = engine.newBaseManager()) {
            manager.create(new float[] {1f}).close(); // forces the native library load now
        }
    }

    /** 1·3 + 2·4 through a DJL NDArray on the TensorFlow engine (self-test). */
    static float matmulCheck() {
        try (NDManager m = Engine.getEngine("TensorFlow").newBaseManager()) {
            return m.create(new float[] {1f, 2f}, new ai.djl.ndarray.types.Shape(1, 2))
                .matMul(m.create(new float[] {3f, 4f}, new ai.djl.ndarray.types.Shape(2, 1))).toFloatArray()[0];
        }
    }

    /** "GPU: …" when an op runs on a CUDA GPU; else null (no GPU) or the reason it is unusable. */
    static String probeGpu() {
        if (System.getProperty("os.name", "").startsWith("Linux")
                && !java.nio.file.Files.exists(java.nio.file.Path.of("/proc/driver/nvidia/version"))) {
            return null; // no NVIDIA driver loaded: skip DJL's CUDA probe and its warning
        }
        int gpus;
        try {
            gpus = Engine.getEngine("TensorFlow").getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
        if (gpus <= 0) {
            return null;
        }
        ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false)
            .setGpuOptions(org.tensorflow.proto.GPUOptions.newBuilder().setAllowGrowth(true)).build();
        try (Graph g = new Graph(); Session s = new Session(g, config)) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
                .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var product = tf.linalg.matMul(tf.constant(new float[][] {{1f, 2f}}), tf.constant(new float[][] {{3f}, {4f}}));
            try (var result = s.runner().fetch(product).run()) {
                float v = ((TFloat32) result.get(0)).getFloat(0, 0);
                if (v != 11f) {
                    return "GPU gave a wrong result";
                }
            }
            String cc;
            try {
                cc = ai.djl.util.cuda.CudaUtils.getComputeCapability(0);
            } catch (RuntimeException | LinkageError e) {
                cc = "?";
            }
            return "GPU: CUDA device 0 of " + gpus + " (compute capability " + cc + ")";
        } catch (RuntimeException | LinkageError e) {
            return "GPU present but TensorFlow cannot use it: " + e.getMessage();
        }
    }
}
