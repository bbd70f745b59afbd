package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;

/** Training a small model inside an OSGi bundle, through reflection on the bundle's classes. */
final class BundleTraining {

    private BundleTraining() {
    }

    /**
     * Boots TensorFlow (if not yet booted) and trains a small VAE for {@code steps} steps, then runs the
     * inference path (Sample Latent's NetworkRunner): everything through reflection on classes loaded by
     * {@code bundle}.
     *
     * @return bootSeconds, device, nativeDir, fusedAvailable, fusedProblem, fusedBuilt, trainSeconds, reconstruction
     *         (one loss per step), weights, weightsFinite, latentSize, roundTripMse
     */
    static Map<String, Object> trainSmallVae(Bundle bundle, int steps) throws Exception {
        String p = "org.example.genmat.core.";
        Class<?> runtime = bundle.loadClass(p + "tf.TfRuntime");
        long started = System.nanoTime();
        runtime.getMethod("boot").invoke(null);
        Map<String, Object> out = new HashMap<>();
        out.put("bootSeconds", (System.nanoTime() - started) / 1e9);
        out.put("device", runtime.getMethod("deviceDescription").invoke(null));
        out.put("nativeDir", String.valueOf(runtime.getMethod("nativeDir").invoke(null)));
        Class<?> fused = bundle.loadClass(p + "net.FusedKernels");
        out.put("fusedAvailable", fused.getMethod("available").invoke(null));
        out.put("fusedProblem", String.valueOf(fused.getMethod("problem").invoke(null)));
        out.put("fusedBuilt", fused.getResource("/org/example/genmat/core/tf/native/linux-x86_64/libgenmat_fused_ops.so")
            != null);

        Class<?> familyType = bundle.loadClass(p + "train.ModelFamily");
        Object vae = enumConstant(familyType, "VAE");
        Class<?> settingsType = bundle.loadClass(p + "train.TrainingSettings");
        Object settings = withComponents(settingsType.getMethod("defaults", familyType).invoke(null, vae),
            Map.of("steps", steps, "batchSize", 32, "historyEvery", 1, "seed", 7L, "latentSize", 2));

        // 128 rows of 6 features that live on a 2-D plane: easy to reconstruct from a latent of 2
        int rows = 128;
        int d = 6;
        float[][] x = new float[rows][d];
        Random random = new Random(11);
        for (float[] row : x) {
            float a = (float) (random.nextDouble() * 1.6 - 0.8);
            float b = (float) (random.nextDouble() * 1.6 - 0.8);
            for (int j = 0; j < d; j++) {
                row[j] = (float) Math.tanh(a * Math.cos(j) + b * Math.sin(j));
            }
        }
        Class<?> kindType = bundle.loadClass(p + "featurize.FeatureLayout$Kind");
        Class<?> builderType = bundle.loadClass(p + "featurize.FeatureLayout$Builder");
        Object builder = builderType.getConstructor().newInstance();
        builderType.getMethod("add", String.class, kindType, int.class)
            .invoke(builder, "plane", enumConstant(kindType, "CONTINUOUS_TANH"), d);
        Object layout = builderType.getMethod("build").invoke(builder);
        Class<?> dataType = bundle.loadClass(p + "train.TrainingData");
        Object data = dataType.getConstructor(float[][].class, layout.getClass(), float[][].class, int[].class)
            .newInstance(x, layout, null, null);

        Class<?> monitorType = bundle.loadClass(p + "job.JobMonitor");
        Object monitor = monitorType.getField("NONE").get(null);
        Class<?> trainer = bundle.loadClass(p + "train.Trainer");
        started = System.nanoTime();
        Object network = trainer.getMethod("train", familyType, dataType, settingsType, monitorType)
            .invoke(null, vae, data, settings, monitor);
        out.put("trainSeconds", (System.nanoTime() - started) / 1e9);

        List<?> history = (List<?>) call(network, "history");
        out.put("reconstruction", history.stream().map(r -> ((Number) call(r, "reconstruction")).doubleValue()).toList());
        Map<?, ?> weights = (Map<?, ?>) call(network, "weights");
        out.put("weights", weights.size());
        boolean finite = !weights.isEmpty();
        for (Object array : weights.values()) {
            float[] values = (float[]) call(array, "data");
            for (float v : values) {
                finite &= Float.isFinite(v);
            }
        }
        out.put("weightsFinite", finite);

        // inference path (Sample Latent node): encode the training rows, decode the means back
        Class<?> networkType = bundle.loadClass(p + "train.TrainedNetwork");
        Class<?> runnerType = bundle.loadClass(p + "inference.NetworkRunner");
        try (AutoCloseable runner = (AutoCloseable) runnerType.getConstructor(networkType).newInstance(network)) {
            float[][] z = (float[][]) runnerType.getMethod("encodeMean", float[][].class, float[][].class)
                .invoke(runner, x, null);
            float[][] decoded = (float[][]) runnerType.getMethod("decode", float[][].class, float[][].class)
                .invoke(runner, z, null);
            double error = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    error += Math.pow(decoded[i][j] - x[i][j], 2);
                }
            }
            out.put("latentSize", z[0].length);
            out.put("roundTripMse", error / (rows * d));
        }
        return out;
    }

    /**
     * Runs {@code work} on a thread whose context class loader is null, the case where DJL's engine lookup fails
     * unless the engine boot sets it (KNIME worker threads carry arbitrary context class loaders).
     */
    static <T> T onThreadWithNullContextLoader(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                assertThat(Thread.currentThread().getContextClassLoader()).isNull();
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "genmat-null-tccl");
        thread.setContextClassLoader(null);
        thread.start();
        thread.join(300_000);
        assertThat(thread.isAlive()).as("training finished within 5 minutes").isFalse();
        if (failure.get() != null) {
            throw new AssertionError("training inside Equinox failed", failure.get());
        }
        return result.get();
    }

    /** A copy of a record with some components replaced (only those the record has). */
    private static Object withComponents(Object record, Map<String, Object> changes) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        assertThat(components).as("%s is a record", record.getClass()).isNotNull();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object changed = changes.get(c.getName());
            values[i] = changed != null ? convert(changed, c.getType()) : c.getAccessor().invoke(record);
        }
        Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }

    private static Object convert(Object value, Class<?> type) {
        Number n = (Number) value;
        if (type == int.class || type == Integer.class) {
            return n.intValue();
        }
        if (type == long.class || type == Long.class) {
            return n.longValue();
        }
        if (type == double.class || type == Double.class) {
            return n.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return n.floatValue();
        }
        throw new IllegalArgumentException("cannot set a " + type + " from " + value);
    }

    private static Object enumConstant(Class<?> type, String name) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(type + " has no " + name);
    }

    static Object call(Object target, String accessor) {
        try {
            Method m = target.getClass().getMethod(accessor);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + accessor + " on " + target.getClass(), e);
        }
    }
}
