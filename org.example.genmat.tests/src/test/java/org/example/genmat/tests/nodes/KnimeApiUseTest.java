package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The node sources must compile unchanged against real KNIME 5.8: they may use only KNIME classes that are
 * listed (with the real source they were checked against) in knime-api-stand-in/API-CHECKLIST.md, and never
 * the stand-in's own helpers.
 */
class KnimeApiUseTest {

    private static final Path SOURCES = Path.of("..", "org.example.genmat.nodes", "src", "main", "java");

    private static final Pattern KNIME_IMPORT = Pattern.compile("import (org\\.knime\\.[A-Za-z0-9_.]+);");

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void nodesUseNoStandInOnlyClass() throws IOException {
        for (Path f : javaFiles()) {
            final String src = Files.readString(f);
            assertThat(src).as(f.toString()).doesNotContain("org.example.genmat.knimestandin")
                .doesNotContain("StandInNodeAccess").doesNotContain("StandInPortIO").doesNotContain("ProgressSink");
        }
    }

    @Test
    void everyImportedKnimeClassIsInTheChecklist() throws IOException {
        final String checklist = Files.readString(Path.of("..", "knime-api-stand-in", "API-CHECKLIST.md"));
        final Set<String> imported = new TreeSet<>();
        for (Path f : javaFiles()) {
            final Matcher m = KNIME_IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                imported.add(m.group(1));
            }
        }
        assertThat(imported).isNotEmpty();
        for (String fqn : imported) {
            final String[] parts = fqn.split("\\.");
            // the simple name of the outermost class, e.g. DefaultModel for org.knime.node.DefaultModel.ConfigureInput
            String outer = null;
            for (String part : parts) {
                if (Character.isUpperCase(part.charAt(0))) {
                    outer = part;
                    break;
                }
            }
            assertThat(checklist.contains("`" + outer) || checklist.contains("`@" + outer))
                .as(fqn + " listed in API-CHECKLIST.md").isTrue();
            assertThat(fqn).as("only bundles org.knime.core, org.knime.core.ui and org.knime.filehandling.core"
                + " (Require-Bundle)").matches("org\\.knime\\.(core\\.(data|node)|node)\\..*|org\\.knime\\.node\\.[A-Z].*"
                    + "|org\\.knime\\.core\\.webui\\.node\\.dialog\\.defaultdialog\\.internal\\.file\\..*"
                    + "|org\\.knime\\.filehandling\\.core\\.(connections|connections\\.location|port)\\.[A-Z].*");
        }
    }
}
