package org.example.genmat.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Guards the bundle assembly: Bundle-ClassPath must list exactly the jars embedded under lib/ (OSGi
 * allows no wildcards, so a dependency change must show up in META-INF/MANIFEST.MF), and the
 * fragment must carry the natives with the right host and platform filter.
 */
class BundleLayoutIT {

    @Test
    void bundleClassPathListsExactlyTheEmbeddedJars() throws IOException {
        Path jar = BuiltBundles.nodesJar();
        List<String> classPath = BuiltBundles.clauses(BuiltBundles.manifest(jar).getMainAttributes().getValue("Bundle-ClassPath"));
        List<String> embedded = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(j.entries())) {
                if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                    embedded.add(e.getName());
                }
            }
        }
        assertThat(classPath).as("Bundle-ClassPath of the built bundle").first().isEqualTo(".");
        assertThat(new TreeSet<>(classPath.subList(1, classPath.size())))
            .as("Bundle-ClassPath in org.example.genmat.nodes/META-INF/MANIFEST.MF must list exactly the jars "
                + "the build embeds; paste this list:%n .,%n %s", String.join(",\n ", sortedEngineFirst(embedded)))
            .isEqualTo(new TreeSet<>(embedded));
        assertThat(embedded).as("embedded jars").anyMatch(n -> n.startsWith("lib/org.example.genmat.core-"))
            .anyMatch(n -> n.startsWith("lib/tensorflow-api-")).anyMatch(n -> n.startsWith("lib/javacpp-"))
            .noneMatch(n -> n.contains("tensorflow-native")).noneMatch(n -> n.contains("knime-api-stand-in"))
            .noneMatch(n -> n.contains("slf4j-simple")).noneMatch(n -> n.contains("log4j"))
            .as("slf4j comes from KNIME's slf4j.api bundle, which routes it to the KNIME log")
            .noneMatch(n -> n.startsWith("lib/slf4j-api-"));
        assertThat(embedded).as("one javax.vecmath jar, not two").filteredOn(n -> n.startsWith("lib/vecmath-"))
            .hasSize(1);
    }

    @Test
    void importsSlf4jFromKnimeAndRequiresKnimeFrom58Before6() throws IOException {
        Attributes a = BuiltBundles.manifest(BuiltBundles.nodesJar()).getMainAttributes();
        // KNIME 5.8 ships slf4j 2.0.x as bundle slf4j.api (org.knime.core.ui requires it [2.0.12,3.0.0)); its
        // fragment org.knime.slf4j.binding routes org.slf4j to the KNIME log
        assertThat(BuiltBundles.clauses(a.getValue("Import-Package")))
            .contains("org.slf4j;version=\"[2.0.0,3.0.0)\"");
        assertThat(BuiltBundles.clauses(a.getValue("Require-Bundle")))
            .containsExactly("org.knime.core;bundle-version=\"[5.8.0,6.0.0)\"",
                "org.knime.core.ui;bundle-version=\"[5.8.0,6.0.0)\"",
                // KNIME 5.8 ships org.knime.filehandling.core as 5.6.x; its org.knime.core.ui requires [5.6.0,6.0.0)
                "org.knime.filehandling.core;bundle-version=\"[5.6.0,6.0.0)\"");
    }

    @Test
    void builtManifestIsTheSourceManifestWithTheQualifierReplaced() throws IOException {
        Manifest source;
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("genmat.bundle.manifest.source")))) {
            source = new Manifest(in);
        }
        Attributes built = BuiltBundles.manifest(BuiltBundles.nodesJar()).getMainAttributes();
        Attributes src = source.getMainAttributes();
        assertThat(src.getValue("Bundle-Version")).endsWith(".qualifier");
        assertThat(built.getValue("Bundle-Version"))
            .matches(src.getValue("Bundle-Version").replace(".qualifier", "") + "\\.v\\d{12}");
        for (String header : List.of("Bundle-SymbolicName", "Bundle-ClassPath", "Require-Bundle", "Import-Package",
            "Bundle-RequiredExecutionEnvironment")) {
            assertThat(built.getValue(header)).as(header).isEqualTo(src.getValue(header));
        }
        assertThat(BuiltBundles.clauses(built.getValue("Import-Package"))).contains("sun.misc;resolution:=optional");
    }

    @Test
    void nodesBundleHoldsNoNativesAndNoKnimeClasses() throws IOException {
        try (JarFile j = new JarFile(BuiltBundles.nodesJar().toFile())) {
            assertThat(Collections.list(j.entries())).extracting(JarEntry::getName)
                .noneMatch(n -> n.endsWith(".so") || n.endsWith(".so.2"))
                .noneMatch(n -> n.startsWith("org/knime/"));
        }
    }

    @Test
    void fragmentCarriesTheNativesForLinuxX8664() throws IOException {
        Path fragment = BuiltBundles.nativesJar();
        Attributes f = BuiltBundles.manifest(fragment).getMainAttributes();
        Attributes host = BuiltBundles.manifest(BuiltBundles.nodesJar()).getMainAttributes();
        assertThat(f.getValue("Bundle-SymbolicName")).isEqualTo(BuiltBundles.FRAGMENT);
        assertThat(f.getValue("Fragment-Host")).startsWith(BuiltBundles.HOST + ";");
        assertThat(f.getValue("Eclipse-PlatformFilter")).isEqualTo("(& (osgi.os=linux) (osgi.arch=x86_64))");
        assertThat(f.getValue("Bundle-Version")).isEqualTo(host.getValue("Bundle-Version"));
        try (JarFile j = new JarFile(fragment.toFile())) {
            assertThat(Collections.list(j.entries()).get(1).getName()).isEqualTo("META-INF/MANIFEST.MF");
            for (String lib : List.of("libjnitensorflow.so", "libtensorflow_cc.so.2", "libtensorflow_framework.so.2",
                "tensorflow.properties")) {
                JarEntry e = j.getJarEntry("native/lib/" + lib);
                assertThat(e).as(lib).isNotNull();
                assertThat(e.getSize()).as(lib).isPositive();
            }
        }
    }

    @Test
    void everyClassAndIconNamedInPluginXmlIsInTheBundle() throws Exception {
        try (JarFile j = new JarFile(BuiltBundles.nodesJar().toFile())) {
            JarEntry pluginXml = j.getJarEntry("plugin.xml");
            assertThat(pluginXml).as("plugin.xml at the bundle root").isNotNull();
            String xml;
            try (InputStream in = j.getInputStream(pluginXml)) {
                xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Matcher m = Pattern.compile("(factory-class|objectClass|objectSerializer|specClass|specSerializer|icon)=\"([^\"]+)\"")
                .matcher(xml);
            int names = 0;
            while (m.find()) {
                names++;
                String entry = m.group(1).equals("icon") ? m.group(2) : m.group(2).replace('.', '/') + ".class";
                assertThat(j.getJarEntry(entry)).as("%s=%s in the bundle (not only in lib/)", m.group(1), m.group(2))
                    .isNotNull();
            }
            assertThat(names).as("classes and icons named in plugin.xml").isGreaterThanOrEqualTo(8);
        }
    }

    private static List<String> sortedEngineFirst(List<String> embedded) {
        List<String> out = new ArrayList<>(new TreeSet<>(embedded));
        out.sort((a, b) -> Boolean.compare(!a.startsWith("lib/org.example.genmat.core-"), !b.startsWith("lib/org.example.genmat.core-")));
        return out;
    }
}
