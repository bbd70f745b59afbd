package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.surrogate.SurrogateCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs (and the surrogate's cache folder) under a read-only mount ({@link ReadOnlyMount}) are refused as such, not
 * as "permission denied", before any work, each naming its option and its path as the user gave it, in the same words.
 */
class ReadOnlyMountTest {

    @TempDir
    Path dir;

    /** Run inside the mount namespace, in the parent of the read-only folder: one line per check. */
    public static final class Probe {

        public static void main(String[] args) {
            Path ro = Path.of(args[0]); // relative, as a user types it
            System.out.println("why: " + OutputFiles.whyNotWritable(ro));
            try {
                OutputFiles.requireWritableFolder("--out-dir", ro.resolve("report"));
                System.out.println("accepted");
            } catch (IllegalArgumentException e) {
                System.out.println("refused: " + e.getMessage());
            }
            for (Path out : List.of(ro.resolve("o.csv"), ro.resolve("sub/o.csv"))) {
                try (OutputFiles outputs = OutputFiles.plan(List.of(), "--out", out); Writer w = outputs.writer("--out")) {
                    w.write("formula\n");
                    System.out.println("accepted");
                } catch (IllegalArgumentException | IOException e) {
                    System.out.println("refused: " + (Messages.fileError(e) != null ? Messages.fileError(e) : e.getMessage()));
                }
            }
            for (Path cache : List.of(ro, ro.resolve("cache"))) {
                try {
                    SurrogateCache.requireUsable(cache);
                    System.out.println("accepted");
                } catch (SurrogateCache.UnusableFolder e) {
                    System.out.println("refused: " + e.getMessage() + " | " + e.namedBy("--cache-dir").getMessage());
                } catch (IOException e) {
                    System.out.println("refused, unnamed: " + e);
                }
            }
        }
    }

    @Test
    void anOutputFileOrFolderOnAReadOnlyFileSystemSaysSoNamingItAsGiven() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        List<String> lines = ReadOnlyMount.run(ro, Probe.class, "ro");
        assertThat(lines).containsExactly(
            "why: read-only file system",
            "refused: --out-dir ro/report: cannot write in ro (read-only file system)",
            "refused: --out ro/o.csv: cannot write in ro (read-only file system)",
            // its folder made when opened: it lost --out and named the folder absolute ("ro/sub/o.csv: read-only file
            // system (on /tmp/.../ro/sub)"), once the plan had accepted it
            "refused: --out ro/sub/o.csv: cannot write in ro (read-only file system)",
            "refused: ro: cannot write in ro (read-only file system) | --cache-dir ro: cannot write in ro (read-only file system)",
            // made by createDirectories, it was named by its absolute path ("/tmp/.../ro/cache: read-only file system")
            "refused: ro/cache: cannot write in ro (read-only file system) | --cache-dir ro/cache: cannot write in ro (read-only"
                + " file system)");
    }
}
