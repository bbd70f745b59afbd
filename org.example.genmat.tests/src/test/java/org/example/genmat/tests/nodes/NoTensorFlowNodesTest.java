package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Read Crystals, Filter Validity and Diversity Metrics need no TensorFlow on any platform: they run in a JVM
 * without the DJL, TensorFlow and javacpp jars, so none of their classes (nor anything they load) touches them.
 */
class NoTensorFlowNodesTest {

    @Test
    void readFilterAndMetricsRunWithoutAnyTensorFlowClass() throws Exception {
        final List<String> dropped = List.of("tensorflow", "/ai/djl/", "javacpp");
        final String cp = Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
            .filter(e -> dropped.stream().noneMatch(e.replace('\\', '/')::contains))
            .collect(Collectors.joining(File.pathSeparator));
        final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.awt.headless=true", "-cp", cp, NoTensorFlowProbe.class.getName()).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("absent: ai.djl.engine.Engine", "absent: org.tensorflow.Graph", "read: 30",
            "valid: ", "metrics: ");
    }
}
