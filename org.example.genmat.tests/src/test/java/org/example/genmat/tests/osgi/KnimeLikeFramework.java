package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Eclipse Equinox holding the built {@code org.example.genmat.nodes} bundle (optionally with its Linux x86-64
 * natives fragment, as on a KNIME install for Linux; without it, as on Windows or macOS) and test-only stubs of
 * what KNIME 5.8 provides to it.
 */
final class KnimeLikeFramework implements AutoCloseable {

    final Framework framework;
    final Bundle nodes;
    /** The natives fragment, null when started without it. */
    final Bundle natives;
    final Bundle slf4j;

    private KnimeLikeFramework(Framework framework, Bundle nodes, Bundle natives, Bundle slf4j) {
        this.framework = framework;
        this.nodes = nodes;
        this.natives = natives;
        this.slf4j = slf4j;
    }

    /**
     * Starts the framework with its storage in {@code storage} (cleaned first) and starts the nodes bundle.
     *
     * @param withNatives whether the natives fragment is installed
     * @param withKnimeApi whether the {@code org.knime.core} stub holds the KNIME API stand-in's classes (so that the
     *                     node classes load); else it is empty and only the engine classes can be used
     */
    static KnimeLikeFramework start(Path storage, boolean withNatives, boolean withKnimeApi) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
            .orElseThrow(() -> new AssertionError("no OSGi FrameworkFactory on the test class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        Path stubs = storage.resolveSibling(storage.getFileName() + "-stubs");
        // like the real org.knime.core, the stub re-exports the framework bundle (org.osgi.* packages)
        String[] core = {"Require-Bundle", "org.eclipse.osgi;visibility:=reexport"};
        context.installBundle(location(withKnimeApi
            ? BuiltBundles.stubBundleWithClasses(stubs, "org.knime.core", "5.8.0.stub", BuiltBundles.knimeApiStandIn(),
                core[0], core[1], "Import-Package",
                "javax.swing;resolution:=optional,javax.xml.parsers;resolution:=optional,org.w3c.dom;resolution:=optional")
            : BuiltBundles.stubBundle(stubs, "org.knime.core", "5.8.0.stub", core)));
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
        Bundle slf4j = context.installBundle(location(BuiltBundles.slf4jApiJar()));
        // reference: no copy of the 465 MB fragment into the framework storage
        Bundle nodes = context.installBundle(location(BuiltBundles.nodesJar()));
        Bundle natives = withNatives ? context.installBundle(location(BuiltBundles.nativesJar())) : null;
        List<Bundle> ours = new ArrayList<>(List.of(nodes));
        if (natives != null) {
            ours.add(natives);
        }
        assertThat(framework.adapt(FrameworkWiring.class).resolveBundles(ours))
            .as("nodes bundle (and natives fragment) resolve").isTrue();
        nodes.start();
        return new KnimeLikeFramework(framework, nodes, natives, slf4j);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    private static String location(Path jar) {
        return "reference:" + jar.toAbsolutePath().toUri();
    }
}
