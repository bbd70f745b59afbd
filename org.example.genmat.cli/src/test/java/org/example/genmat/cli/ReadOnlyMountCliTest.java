package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.io.ReadOnlyMount;
import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands under a read-only mount ({@link ReadOnlyMount}) refuse what they cannot write before the work, each message
 * naming the option and the path as the user typed them, in the words every output message uses.
 */
class ReadOnlyMountCliTest {

    @TempDir
    Path dir;

    /** Runs each command line (its words split on '|') as genmat would, in the parent of the read-only folder. */
    public static final class Probe {

        public static void main(String[] commands) {
            for (String command : commands) {
                int rc = GenmatCli.commandLine().execute(command.split("\\|"));
                System.out.println("exit " + rc);
            }
        }
    }

    @Test
    void readAndDemoNameTheOptionAndThePathAsTyped() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.writeString(dir.resolve("a.cif"), Hostile.goodCif());
        List<String> lines = ReadOnlyMount.run(ro, Probe.class,
            "read|a.cif|-o|ro/sub/o.csv",
            "demo|--out-dir|report|--cache-dir|ro/cache|--families|vae");

        // the read lost --out and named the folder by its absolute path: "genmat read: error: ro/sub/o.csv: read-only
        // file system (on /tmp/.../ro/sub)"
        assertThat(lines).filteredOn(l -> l.contains("error") || l.startsWith("exit")).containsExactly(
            "genmat read: error: --out ro/sub/o.csv: cannot write in ro (read-only file system)",
            "exit 1",
            // the cache folder was named by its absolute path alone: "genmat demo: error: /tmp/.../ro/cache: read-only
            // file system"
            "genmat demo: error: --cache-dir ro/cache: cannot write in ro (read-only file system)",
            "exit 1");
        assertThat(dir.resolve("report")).doesNotExist();
    }
}
