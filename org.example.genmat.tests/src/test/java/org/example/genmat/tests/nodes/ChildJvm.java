package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a test's {@code main} class in a fresh, headless JVM on this test's class path minus some jars (to play a
 * machine without them), with its own home folder and without the environment variables that would point it at
 * TensorFlow natives; returns what it printed after checking that it exited with 0. Public: the OSGi tests
 * ({@code tests.osgi}) start their child JVMs with it too.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    static String run(final Class<?> main, final Path home, final List<String> droppedJars, final String... jvmArgs)
        throws Exception {
        return run(main, home, null, Duration.ofMinutes(4), droppedJars, jvmArgs);
    }

    /**
     * @param workDir the child's working folder (null: this JVM's)
     * @param limit   the child is killed and the test fails (with what it printed) when it runs longer
     */
    public static String run(final Class<?> main, final Path home, final Path workDir, final Duration limit,
        final List<String> droppedJars, final String... jvmArgs) throws Exception {
        final String cp = Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
            .filter(e -> droppedJars.stream().noneMatch(e.replace('\\', '/')::contains))
            .collect(Collectors.joining(File.pathSeparator));
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Djava.awt.headless=true", "-Duser.home=" + home, "-cp", cp));
        cmd.addAll(List.of(jvmArgs));
        cmd.add(main.getName());
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        for (String k : List.of("TENSORFLOW_LIBRARY_PATH", "GENMAT_TF_NATIVE_DIR", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
            "DJL_OFFLINE", "GENMAT_TF_DOWNLOAD_URL", "GENMAT_TF_DOWNLOAD")) {
            pb.environment().remove(k);
        }
        pb.environment().put("HOME", home.toString());
        // output to a file outside the child's folders, so that a hung child can be killed and still be reported
        final Path log = Files.createTempFile("genmat-child-", ".log");
        pb.redirectOutput(log.toFile());
        final Process p = pb.start();
        try {
            final boolean ended = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            final String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            assertThat(ended).as("%s ended within %s; it printed:%n%s", main.getSimpleName(), limit, out).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
