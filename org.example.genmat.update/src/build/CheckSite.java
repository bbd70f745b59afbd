import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Build step (exec-maven-plugin, Java source-file mode, JDK only): checks the published p2 repository
 * the way KNIME's installer will read it, and fails the build with the list of problems.
 *
 * Arguments: repository folder, OSGi version of this build, project root (must not appear in the metadata).
 */
public final class CheckSite {

    private static final String KNIME_RANGE = "[5.8.0,6.0.0)";
    private static final String FEATURE_GROUP = "org.example.genmat.feature.feature.group";
    private static final String NODES = "org.example.genmat.nodes";
    private static final String NATIVES = "org.example.genmat.nodes.natives.linux.x86_64";

    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        CheckSite check = new CheckSite();
        check.run(repo, args[1], args[2]);
        if (!check.problems.isEmpty()) {
            System.err.println("p2 repository " + repo + " is not installable:");
            check.problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.println("p2 repository " + repo + " checked: category, feature, bundles, fragment filter, "
            + "org.knime.core " + KNIME_RANGE + ", artifact files, no absolute paths");
    }

    private void run(Path repo, String version, String projectRoot) throws Exception {
        String contentXml = xmlFromJar(repo.resolve("content.jar"), "content.xml");
        String artifactsXml = xmlFromJar(repo.resolve("artifacts.jar"), "artifacts.xml");
        for (String[] xml : new String[][] {{"content.xml", contentXml}, {"artifacts.xml", artifactsXml}}) {
            if (xml[1].contains(projectRoot) || xml[1].contains("file:/") || xml[1].matches("(?s).*'/(work|home|tmp|root)/.*")) {
                problems.add(xml[0] + " contains an absolute path or file: URL");
            }
        }
        Document content = parse(contentXml);
        if (content.getDocumentElement().getAttribute("name").contains("/")) {
            problems.add("metadata repository name is a path: " + content.getDocumentElement().getAttribute("name"));
        }
        Element nodes = unit(content, NODES, version);
        Element natives = unit(content, NATIVES, version);
        Element group = unit(content, FEATURE_GROUP, version);
        unit(content, "org.example.genmat.feature.feature.jar", version);
        if (nodes != null) {
            requires(nodes, "osgi.bundle", "org.knime.core", KNIME_RANGE);
            requires(nodes, "osgi.bundle", "org.knime.core.ui", KNIME_RANGE);
        }
        if (natives != null) {
            String filter = text(natives, "filter");
            if (!filter.contains("osgi.os=linux") || !filter.contains("osgi.arch=x86_64")) {
                problems.add(NATIVES + " has no linux/x86_64 filter: '" + filter + "'");
            }
            requires(natives, "osgi.bundle", NODES, null);
        }
        if (group != null) {
            requires(group, "org.eclipse.equinox.p2.iu", "org.knime.core", KNIME_RANGE);
            requires(group, "org.eclipse.equinox.p2.iu", NODES, "[" + version + "," + version + "]");
            Element r = requires(group, "org.eclipse.equinox.p2.iu", NATIVES, "[" + version + "," + version + "]");
            if (r != null && !(text(r, "filter").contains("osgi.os=linux") && text(r, "filter").contains("osgi.arch=x86_64"))) {
                problems.add("the feature includes " + NATIVES + " without the linux/x86_64 filter");
            }
        }
        boolean categoryFound = false;
        NodeList units = content.getElementsByTagName("unit");
        for (int i = 0; i < units.getLength(); i++) {
            Element u = (Element) units.item(i);
            if (property(u, "org.eclipse.equinox.p2.type.category").equals("true")) {
                categoryFound = true;
                if (!u.getAttribute("id").startsWith("org.example.genmat.") && !categoryIdFromTycho(u.getAttribute("id"))) {
                    problems.add("category IU id " + u.getAttribute("id") + " has no org.example.genmat. qualifier");
                }
                requires(u, "org.eclipse.equinox.p2.iu", FEATURE_GROUP, null);
            }
        }
        if (!categoryFound) {
            problems.add("no category IU (category.xml not published)");
        }
        Document artifacts = parse(artifactsXml);
        NodeList list = artifacts.getElementsByTagName("artifact");
        if (list.getLength() != 3) {
            problems.add("expected 3 artifacts (bundle, fragment, feature), found " + list.getLength());
        }
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            String folder = a.getAttribute("classifier").equals("org.eclipse.update.feature") ? "features" : "plugins";
            Path file = repo.resolve(folder).resolve(a.getAttribute("id") + "_" + a.getAttribute("version") + ".jar");
            if (!Files.isRegularFile(file)) {
                problems.add("artifact file missing: " + repo.relativize(file));
            }
        }
    }

    /** Tycho (release build) names the category IU "<qualifier>.<category name>". */
    private static boolean categoryIdFromTycho(String id) {
        return id.matches("v\\d{12}\\.genmat");
    }

    private Element unit(Document content, String id, String version) {
        NodeList units = content.getElementsByTagName("unit");
        for (int i = 0; i < units.getLength(); i++) {
            Element u = (Element) units.item(i);
            if (u.getAttribute("id").equals(id)) {
                if (!u.getAttribute("version").equals(version)) {
                    problems.add(id + " has version " + u.getAttribute("version") + ", this build is " + version);
                }
                return u;
            }
        }
        problems.add("no installable unit " + id);
        return null;
    }

    private Element requires(Element unit, String namespace, String name, String range) {
        NodeList required = unit.getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            Element r = (Element) required.item(i);
            if (r.getAttribute("namespace").equals(namespace) && r.getAttribute("name").equals(name)) {
                if (range != null && !r.getAttribute("range").equals(range)) {
                    problems.add(unit.getAttribute("id") + " requires " + name + " " + r.getAttribute("range")
                        + ", expected " + range);
                }
                return r;
            }
        }
        problems.add(unit.getAttribute("id") + " does not require " + namespace + " " + name);
        return null;
    }

    private static String property(Element unit, String name) {
        NodeList props = unit.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        return "";
    }

    /** Text of the direct child element (not of a nested requirement's filter); blanks removed. */
    private static String text(Element parent, String child) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().replaceAll("\\s", "");
            }
        }
        return "";
    }

    private static String xmlFromJar(Path jar, String entry) throws IOException {
        try (JarFile j = new JarFile(jar.toFile()); InputStream in = j.getInputStream(j.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
