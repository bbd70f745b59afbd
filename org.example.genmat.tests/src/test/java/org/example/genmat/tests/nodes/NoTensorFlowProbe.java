package org.example.genmat.tests.nodes;

import java.nio.file.Files;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.knime.core.node.BufferedDataTable;

/**
 * Child-process entry point of {@link NoTensorFlowNodesTest}: runs Read Crystals, Filter Validity and
 * Diversity Metrics in a JVM whose class path holds no DJL, TensorFlow or javacpp jar (as on a platform
 * without TensorFlow natives, where loading any of them would fail).
 */
public final class NoTensorFlowProbe {

    private NoTensorFlowProbe() {
    }

    public static void main(final String[] args) throws Exception {
        for (String absent : new String[]{"ai.djl.engine.Engine", "org.tensorflow.Graph", "org.bytedeco.javacpp.Loader"}) {
            try {
                Class.forName(absent);
                throw new IllegalStateException(absent + " is on the class path");
            } catch (ClassNotFoundException expected) {
                System.out.println("absent: " + absent);
            }
        }
        final BufferedDataTable crystals = NodeTestSupport.readCrystals(TestData.structureTable(TestData.structures(30)));
        System.out.println("read: " + crystals.size());
        final BufferedDataTable valid = (BufferedDataTable)NodeRunner.of(FilterValidityNodeFactory.class)
            .execute(crystals)[0];
        System.out.println("valid: " + valid.size());
        final BufferedDataTable metrics = (BufferedDataTable)NodeRunner.of(DiversityMetricsNodeFactory.class)
            .execute(valid, crystals, crystals)[0];
        System.out.println("metrics: " + DiversityMetricsNodeTest.metrics(metrics).get("validity_both"));
        // the elpasolite study: the surrogate and the scoring are plain Java too
        final DiversityMetricsNodeTest.StudyFixture study = new DiversityMetricsNodeTest.StudyFixture();
        final BufferedDataTable scores = (BufferedDataTable)DiversityMetricsNodeTest.studyNode(300, 5,
            Files.createTempDirectory("genmat-surrogate")).execute(study.generated(), study.training(), null)[3];
        System.out.println("study: " + NodeTestSupport.strings(scores, "name"));
    }
}
