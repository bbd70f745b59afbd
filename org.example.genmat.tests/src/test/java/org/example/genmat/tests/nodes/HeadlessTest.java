package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;

import org.junit.jupiter.api.Test;

/**
 * The node tests of this module (every node configured and executed, whole workflows, every setting from flow
 * variables, models saved and loaded through the port serializer) run in a JVM without a display, as on a KNIME
 * executor ({@code -application org.knime.product.KNIME_BATCH_APPLICATION}, server, Hub): surefire starts it with
 * {@code -Djava.awt.headless=true}; this test fails when that is lost.
 */
class HeadlessTest {

    @Test
    void nodeTestsRunWithoutADisplay() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }
}
