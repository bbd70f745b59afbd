package org.example.genmat.tests.osgi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Child-JVM entry point of {@link EquinoxDownloadIT} (TensorFlow's natives load once per JVM, and the IT's JVM
 * has loaded them from the fragment): Equinox with the nodes bundle but no natives fragment, as KNIME on Windows
 * or macOS. On a thread without context class loader it asks the bundle's {@code TfRuntime} where the natives
 * will come from (the node's configure step), boots it with a progress consumer (what the TensorFlow nodes pass
 * as {@code exec::setMessage}), then trains a few steps. Prints one {@code key: value} line per finding; the
 * framework storage is the system property {@code genmat.osgi.storage}.
 */
public final class EquinoxDownloadProbe {

    private EquinoxDownloadProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (KnimeLikeFramework knime = KnimeLikeFramework.start(Path.of(System.getProperty("genmat.osgi.storage")),
            false)) {
            Bundle nodes = knime.nodes;
            System.out.println("bundles: " + List.of(knime.framework.getBundleContext().getBundles()).stream()
                .map(Bundle::getSymbolicName).toList());
            System.out.println("natives entries: " + (nodes.findEntries("native/lib", "*", false) != null));
            Map<String, Object> result = BundleTraining.onThreadWithNullContextLoader(() -> {
                Class<?> runtime = nodes.loadClass("org.example.genmat.core.tf.TfRuntime");
                System.out.println("runtime from the bundle loader: "
                    + (runtime.getClassLoader() == nodes.adapt(BundleWiring.class).getClassLoader()));
                Object before = runtime.getMethod("check").invoke(null);
                System.out.println("configure: " + BundleTraining.call(before, "source") + ": "
                    + BundleTraining.call(before, "message"));
                Consumer<String> progress = line -> System.out.println("progress: " + line);
                BooleanSupplier cancelled = () -> false;
                long started = System.nanoTime();
                runtime.getMethod("boot", Consumer.class, BooleanSupplier.class).invoke(null, progress, cancelled);
                System.out.printf("boot seconds (download included): %.1f%n", (System.nanoTime() - started) / 1e9);
                Object after = runtime.getMethod("check").invoke(null);
                System.out.println("booted: " + BundleTraining.call(after, "source"));
                return BundleTraining.trainSmallVae(nodes, 40);
            });
            System.out.println("native dir: " + result.get("nativeDir"));
            System.out.println("device: " + result.get("device"));
            System.out.println("losses: " + result.get("reconstruction"));
            System.out.println("weights finite: " + result.get("weightsFinite"));
            System.out.println("round trip mse: " + result.get("roundTripMse"));
            System.out.printf("training seconds: %.1f%n", result.get("trainSeconds"));
        }
    }
}
