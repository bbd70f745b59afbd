package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.example.genmat.core.surrogate.SurrogateCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs (and the surrogate's cache folder) under a read-only mount are refused as such, not as "permission denied". The mount is a read-only tmpfs
 * in a private mount namespace ({@code unshare -rm}: no root needed where user namespaces are allowed, and nothing
 * outside the child process sees it); skipped where that cannot be made.
 */
class ReadOnlyMountTest {

    /** Exit code of the child when the mount could not be made. */
    private static final int NO_MOUNT = 77;

    @TempDir
    Path dir;

    /** Run inside the mount namespace: one line per check. */
    public static final class Probe {

        public static void main(String[] args) {
            Path ro = Path.of(args[0]);
            System.out.println("why: " + OutputFiles.whyNotWritable(ro));
            for (Runnable check : List.<Runnable>of(() -> OutputFiles.requireWritableFolder("--out-dir", ro.resolve("report")),
                () -> OutputFiles.plan(List.of(), "--out", ro.resolve("o.csv")).close())) {
                try {
                    check.run();
                    System.out.println("accepted");
                } catch (IllegalArgumentException e) {
                    System.out.println("refused: " + e.getMessage());
                }
            }
            try {
                SurrogateCache.requireUsable(ro);
                System.out.println("accepted");
            } catch (IOException e) {
                System.out.println("refused: " + Messages.fileError(e));
            }
        }
    }

    @Test
    void anOutputFileOrFolderOnAReadOnlyFileSystemSaysSo() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder("unshare", "-rm", "sh", "-c",
            "mount -t tmpfs -o ro tmpfs \"$1\" || exit " + NO_MOUNT + "; shift; exec \"$@\"", "sh", ro.toString(),
            java, "-cp", cp, "-XX:-UsePerfData", Probe.class.getName(), ro.toString()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "no unshare here: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assumeTrue(p.exitValue() != NO_MOUNT && !out.contains("unshare: "), "cannot make a private read-only mount: " + out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines()).containsExactly(
            "why: read-only file system",
            "refused: --out-dir " + ro.resolve("report") + ": cannot write in " + ro + " (read-only file system)",
            "refused: --out " + ro.resolve("o.csv") + ": read-only file system (cannot write in its folder " + ro + ")",
            "refused: " + ro + ": cannot write the cache folder (read-only file system)");
    }
}
