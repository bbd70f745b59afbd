package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts Eclipse Equinox with the built {@code org.example.genmat.nodes} bundle, its Linux x86-64
 * natives fragment and test-only stubs of {@code org.knime.core} / {@code org.knime.core.ui}, then
 * boots TensorFlow and trains a small VAE inside the bundle from a thread whose context class loader
 * is null, the case where DJL's engine lookup fails unless the engine boot sets it (KNIME worker
 * threads carry arbitrary context class loaders).
 */
class EquinoxTrainingIT {

    private static Framework framework;
    private static Bundle nodes;
    private static Bundle natives;
    private static Bundle slf4j;

    @BeforeAll
    static void startEquinox() throws Exception {
        Path storage = Path.of(System.getProperty("genmat.osgi.storage", "target/equinox"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
            .orElseThrow(() -> new AssertionError("no OSGi FrameworkFactory on the test class path"));
        framework = factory.newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        Path stubs = storage.resolveSibling("equinox-stubs");
        // like the real org.knime.core, the stub re-exports the framework bundle (org.osgi.* packages)
        context.installBundle(location(BuiltBundles.stubBundle(stubs, "org.knime.core", "5.8.0.stub",
            "Require-Bundle", "org.eclipse.osgi;visibility:=reexport")));
        context.installBundle(location(BuiltBundles.stubBundle(stubs, "org.knime.core.ui", "5.8.0.stub",
            "Require-Bundle", "org.knime.core;bundle-version=\"[5.8.0,6.0.0)\"")));
        context.installBundle(location(BuiltBundles.stubBundle(stubs, "org.knime.filehandling.core", "5.6.0.stub",
            "Require-Bundle", "org.knime.core;bundle-version=\"[5.8.0,6.0.0)\"")));
        // slf4j-api 2.0 requires a service-loader processor; in KNIME that is Apache Aries SPI Fly
        context.installBundle(location(BuiltBundles.stubBundle(stubs, "org.apache.aries.spifly.dynamic.bundle", "1.3.7.stub",
            "Provide-Capability", "osgi.extender;osgi.extender=\"osgi.serviceloader.processor\";version:Version=\"1.0\"")));
        // ... and a provider of its SLF4JServiceProvider service; in KNIME that is org.knime.slf4j.binding (to KNIME's log)
        context.installBundle(location(BuiltBundles.stubBundle(stubs, "org.knime.slf4j.binding", "5.8.0.stub",
            "Provide-Capability", "osgi.serviceloader;osgi.serviceloader=\"org.slf4j.spi.SLF4JServiceProvider\"")));
        // as in KNIME 5.8, org.slf4j comes from the bundle slf4j.api (the slf4j-api 2.0 jar is that bundle)
        slf4j = context.installBundle(location(BuiltBundles.slf4jApiJar()));
        // reference: no copy of the 465 MB fragment into the framework storage
        nodes = context.installBundle(location(BuiltBundles.nodesJar()));
        natives = context.installBundle(location(BuiltBundles.nativesJar()));
        assertThat(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(nodes, natives)))
            .as("nodes bundle and natives fragment resolve").isTrue();
        nodes.start();
    }

    @AfterAll
    static void stopEquinox() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(20_000);
        }
    }

    @Test
    void fragmentIsAttachedToTheNodesBundle() {
        assertThat(natives.getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(nodes.getState()).isEqualTo(Bundle.ACTIVE);
        List<BundleWire> hostWires = nodes.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE);
        assertThat(hostWires).extracting(w -> w.getRequirer().getBundle()).containsExactly(natives);
        assertThat(nodes.findEntries("native/lib", "libjnitensorflow.so", false))
            .as("fragment entries seen through the host").isNotNull();
    }

    @Test
    void embeddedLibrariesAreNotShadowed() throws Exception {
        // Require-Bundle'd packages win over Bundle-ClassPath jars; these must come from our own jars
        ClassLoader bundleLoader = nodes.adapt(BundleWiring.class).getClassLoader();
        for (String name : List.of("com.google.gson.Gson", "com.google.protobuf.Message",
            "ai.djl.engine.Engine", "org.tensorflow.Graph", "org.bytedeco.javacpp.Loader",
            "org.example.genmat.core.tf.TfRuntime")) {
            assertThat(nodes.loadClass(name).getClassLoader()).as(name).isSameAs(bundleLoader);
        }
        // ... except slf4j, imported from the platform's slf4j.api bundle so that messages reach KNIME's log
        assertThat(nodes.loadClass("org.slf4j.Logger").getClassLoader()).as("org.slf4j.Logger")
            .isSameAs(slf4j.adapt(BundleWiring.class).getClassLoader());
        assertThat(nodes.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package"))
            .extracting(w -> w.getProvider().getBundle().getSymbolicName()).contains("slf4j.api");
    }

    @Test
    void trainsAndRunsAModelInsideTheBundleFromAThreadWithoutContextClassLoader() throws Exception {
        Map<String, Object> result = onThreadWithNullContextLoader(() -> trainSmallVae(nodes));
        assertThat((String) result.get("device")).isNotBlank();
        Path nativeDir = Path.of((String) result.get("nativeDir"));
        String cache = System.getProperty("ENGINE_CACHE_DIR");
        if (cache != null) {
            assertThat(nativeDir).as("natives unpacked from the fragment into the test's cache").startsWith(Path.of(cache));
        }
        try (JarFile fragment = new JarFile(BuiltBundles.nativesJar().toFile())) {
            assertThat(Files.size(nativeDir.resolve("libjnitensorflow.so"))).as("unpacked JNI library")
                .isEqualTo(fragment.getJarEntry("native/lib/libjnitensorflow.so").getSize());
        }
        if ((Boolean) result.get("fusedBuilt")) {
            assertThat((Boolean) result.get("fusedAvailable")).as("fused kernels load from the embedded core jar: %s",
                result.get("fusedProblem")).isTrue();
        }
        @SuppressWarnings("unchecked")
        List<Double> losses = (List<Double>) result.get("reconstruction");
        assertThat(losses).hasSizeGreaterThanOrEqualTo(10).allMatch(Double::isFinite);
        double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(Double::doubleValue)
            .average().orElseThrow();
        assertThat(last).as("reconstruction loss after training (first %s)", first).isLessThan(first * 0.7);
        assertThat((Integer) result.get("weights")).as("weight arrays").isPositive();
        assertThat((Boolean) result.get("weightsFinite")).isTrue();
        assertThat((Integer) result.get("latentSize")).isEqualTo(2);
        // features lie in (-0.8, 0.8); predicting 0 everywhere would give a mean squared error of about 0.2
        assertThat((Double) result.get("roundTripMse")).as("encode -> decode round trip through NetworkRunner")
            .isLessThan(0.1);
        System.out.printf("Equinox training: device %s, natives %s, %d steps, reconstruction %.4f -> %.4f, "
            + "round trip MSE %.4f, boot %.1f s, training %.1f s, fused kernels %s%n", result.get("device"), nativeDir,
            losses.size(), first, last, (Double) result.get("roundTripMse"), (Double) result.get("bootSeconds"),
            (Double) result.get("trainSeconds"), result.get("fusedAvailable"));
    }

    /** Everything below runs through reflection on classes loaded by the nodes bundle. */
    private static Map<String, Object> trainSmallVae(Bundle bundle) throws Exception {
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
            Map.of("steps", 150, "batchSize", 32, "historyEvery", 1, "seed", 7L, "latentSize", 2));

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

        Class<?> listenerType = bundle.loadClass(p + "train.TrainingListener");
        Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
            (proxy, method, args) -> switch (method.getName()) {
                case "isCancelled" -> false;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "test listener";
                default -> null;
            });
        Class<?> trainer = bundle.loadClass(p + "train.Trainer");
        started = System.nanoTime();
        Object network = trainer.getMethod("train", familyType, dataType, settingsType, listenerType)
            .invoke(null, vae, data, settings, listener);
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

    private static <T> T onThreadWithNullContextLoader(Callable<T> work) throws Exception {
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

    private static Object call(Object target, String accessor) {
        try {
            Method m = target.getClass().getMethod(accessor);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + accessor + " on " + target.getClass(), e);
        }
    }

    private static String location(Path jar) {
        return "reference:" + jar.toAbsolutePath().toUri();
    }
}
