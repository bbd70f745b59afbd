package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Starts Eclipse Equinox ({@link KnimeLikeFramework}) with the built {@code org.example.genmat.nodes} bundle,
 * its Linux x86-64 natives fragment and test-only stubs of {@code org.knime.core} / {@code org.knime.core.ui}, then
 * boots TensorFlow and trains a small VAE inside the bundle from a thread whose context class loader
 * is null, the case where DJL's engine lookup fails unless the engine boot sets it (KNIME worker
 * threads carry arbitrary context class loaders).
 */
class EquinoxTrainingIT {

    private static KnimeLikeFramework knime;
    private static Bundle nodes;
    private static Bundle natives;
    private static Bundle slf4j;

    @BeforeAll
    static void startEquinox() throws Exception {
        knime = KnimeLikeFramework.start(Path.of(System.getProperty("genmat.osgi.storage", "target/equinox")), true, false);
        nodes = knime.nodes;
        natives = knime.natives;
        slf4j = knime.slf4j;
    }

    @AfterAll
    static void stopEquinox() throws Exception {
        if (knime != null) {
            knime.close();
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
        Map<String, Object> result =
            BundleTraining.onThreadWithNullContextLoader(() -> BundleTraining.trainSmallVae(nodes, 150));
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
}
