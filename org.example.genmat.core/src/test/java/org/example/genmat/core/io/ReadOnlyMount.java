package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe (a class with a main) in a child JVM that sees a folder as a read-only mount: a read-only tmpfs in a
 * private mount namespace ({@code unshare -rm}: no root needed where user namespaces are allowed, and nothing outside
 * the child process sees it). The child works in the folder's parent, so a probe names paths as a user types them,
 * relative ({@code ro/o.csv}). A test that needs the mount is skipped where it cannot be made.
 */
public final class ReadOnlyMount {

    /** Exit code of the child when the mount could not be made. */
    private static final int NO_MOUNT = 77;

    private ReadOnlyMount() {
    }

    /**
     * The probe's output, standard error included, line by line; it must exit 0.
     *
     * @param ro    an empty folder, mounted read-only for the child
     * @param probe the class whose main runs in the child
     * @param args  its arguments
     */
    public static List<String> run(Path ro, Class<?> probe, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c",
            "mount -t tmpfs -o ro tmpfs \"$1\" || exit " + NO_MOUNT + "; shift; exec \"$@\"", "sh", ro.toString(),
            java, "-cp", cp, "-XX:-UsePerfData", "-Dgenmat.noWarmup=true", probe.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ro.getParent().toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "no unshare here: " + e.getMessage());
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assumeTrue(p.exitValue() != NO_MOUNT && !out.contains("unshare: "), "cannot make a private read-only mount: " + out);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
