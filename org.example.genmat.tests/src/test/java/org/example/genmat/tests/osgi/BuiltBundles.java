package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Where the build put the bundle jars, and small manifest helpers. */
final class BuiltBundles {

    static final String HOST = "org.example.genmat.nodes";
    static final String FRAGMENT = "org.example.genmat.nodes.natives.linux.x86_64";

    private BuiltBundles() {
    }

    /** The nodes bundle jar (maven-jar-plugin output). */
    static Path nodesJar() {
        return existing(Path.of(required("genmat.bundle.nodes")));
    }

    /** The natives fragment jar. */
    static Path nativesJar() {
        return existing(Path.of(required("genmat.bundle.natives")));
    }

    /** The slf4j-api jar of the test class path; it is the OSGi bundle {@code slf4j.api} that KNIME ships. */
    static Path slf4jApiJar() {
        try {
            return existing(Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The KNIME API stand-in of the test class path (a jar, or its classes folder when not packaged). */
    static Path knimeApiStandIn() {
        try {
            return Path.of(org.knime.core.node.ExecutionMonitor.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Writes a test-only bundle holding the classes of {@code content} (a jar or a classes folder) and exporting
     * every package of them: the KNIME API stand-in as {@code org.knime.core}, so that the nodes bundle's own
     * KNIME-facing classes load inside the framework. Never shipped.
     */
    static Path stubBundleWithClasses(Path dir, String symbolicName, String version, Path content,
                                      String... extraHeaders) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
        if (Files.isDirectory(content)) {
            try (java.util.stream.Stream<Path> walk = Files.walk(content)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    entries.put(content.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        } else {
            try (JarFile j = new JarFile(content.toFile())) {
                for (java.util.jar.JarEntry e : java.util.Collections.list(j.entries())) {
                    if (!e.isDirectory() && !e.getName().startsWith("META-INF/")) {
                        entries.put(e.getName(), j.getInputStream(e).readAllBytes());
                    }
                }
            }
        }
        String packages = entries.keySet().stream().filter(n -> n.endsWith(".class") && n.contains("/"))
            .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.')).distinct()
            .collect(java.util.stream.Collectors.joining(","));
        String[] headers = java.util.Arrays.copyOf(extraHeaders, extraHeaders.length + 2);
        headers[extraHeaders.length] = "Export-Package";
        headers[extraHeaders.length + 1] = packages;
        Path jar = stubBundle(dir, symbolicName, version, headers);
        Manifest m = manifest(jar);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                j.putNextEntry(new java.util.jar.JarEntry(e.getKey()));
                j.write(e.getValue());
                j.closeEntry();
            }
        }
        return jar;
    }

    static Manifest manifest(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            assertThat(m).as("manifest of %s", jar).isNotNull();
            return m;
        }
    }

    /** Splits an OSGi header at top-level commas (not inside quotes), trimming each clause. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    /**
     * Writes an empty test-only bundle, e.g. a stand-in for {@code org.knime.core} so that the
     * nodes bundle's Require-Bundle resolves. Never shipped.
     */
    static Path stubBundle(Path dir, String symbolicName, String version, String... extraHeaders) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Name", "TEST STUB of " + symbolicName);
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            a.putValue(extraHeaders[i], extraHeaders[i + 1]);
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve(symbolicName + "_" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new AssertionError("system property " + property + " is not set: run these tests through "
                + "'mvn verify' (failsafe sets it)");
        }
        return value;
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " does not exist: run mvn verify (it is built in the package phase)");
        }
        return p;
    }
}
