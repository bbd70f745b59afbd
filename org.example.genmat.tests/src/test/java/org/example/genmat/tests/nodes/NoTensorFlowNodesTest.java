package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read Crystals, Filter Validity and Diversity Metrics (its elpasolite study too) need no TensorFlow on any platform: they run in a JVM
 * without the DJL, TensorFlow and javacpp jars, so none of their classes (nor anything they load) touches them.
 */
class NoTensorFlowNodesTest {

    @Test
    void readFilterAndMetricsRunWithoutAnyTensorFlowClass(@TempDir final Path home) throws Exception {
        final String out = ChildJvm.run(NoTensorFlowProbe.class, home, List.of("tensorflow", "/ai/djl/", "javacpp"));
        assertThat(out).contains("absent: ai.djl.engine.Engine", "absent: org.tensorflow.Graph", "read: 30",
            "valid: ", "metrics: ", "study: [generated, uniform, prevalence]");
    }
}
