package org.example.genmat.tests.osgi;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Child-JVM entry point of {@link EquinoxDownloadIT} (TensorFlow's natives load once per JVM, and the IT's JVM
 * has loaded them from the fragment): Equinox with the nodes bundle but no natives fragment, as KNIME on Windows
 * or macOS, and the KNIME API stand-in as {@code org.knime.core}. On a thread without context class loader it runs
 * the TensorFlow nodes' own steps, {@code TensorFlowNatives.configure} (the configure warning) and
 * {@code TensorFlowNatives.boot(exec)} (the download, its messages going to the execution monitor's status line),
 * then trains a few steps. Prints one {@code key: value} line per finding; the framework storage is the system
 * property {@code genmat.osgi.storage}.
 */
public final class EquinoxDownloadProbe {

    private EquinoxDownloadProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (KnimeLikeFramework knime = KnimeLikeFramework.start(Path.of(System.getProperty("genmat.osgi.storage")),
            false, true)) {
            Bundle nodes = knime.nodes;
            System.out.println("bundles: " + List.of(knime.framework.getBundleContext().getBundles()).stream()
                .map(Bundle::getSymbolicName).toList());
            System.out.println("natives entries: " + (nodes.findEntries("native/lib", "*", false) != null));
            Map<String, Object> result = BundleTraining.onThreadWithNullContextLoader(() -> {
                ClassLoader bundleLoader = nodes.adapt(BundleWiring.class).getClassLoader();
                Class<?> runtime = nodes.loadClass("org.example.genmat.core.tf.TfRuntime");
                Class<?> natives = nodes.loadClass("org.example.genmat.nodes.TensorFlowNatives");
                System.out.println("runtime from the bundle loader: " + (runtime.getClassLoader() == bundleLoader
                    && natives.getClassLoader() == bundleLoader));

                Class<?> outputType = nodes.loadClass("org.knime.node.DefaultModel$ConfigureOutput");
                Object output = Proxy.newProxyInstance(outputType.getClassLoader(), new Class<?>[] {outputType},
                    (proxy, method, margs) -> {
                        if (method.getName().equals("setWarningMessage")) {
                            System.out.println("configure warning: " + margs[0]);
                        }
                        return null;
                    });
                natives.getMethod("configure", outputType).invoke(null, output);

                Class<?> sinkType = nodes.loadClass("org.example.genmat.knimestandin.ProgressSink");
                Object sink = sinkType.getConstructor().newInstance();
                Class<?> monitorType = nodes.loadClass("org.knime.core.node.ExecutionMonitor");
                Object exec = monitorType.getConstructor(sinkType).newInstance(sink);
                long started = System.nanoTime();
                natives.getMethod("boot", monitorType).invoke(null, exec);
                System.out.printf("boot seconds (download included): %.1f%n", (System.nanoTime() - started) / 1e9);
                for (Object report : (List<?>) sinkType.getMethod("reports").invoke(sink)) {
                    System.out.println("status: " + BundleTraining.call(report, "message"));
                }
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
