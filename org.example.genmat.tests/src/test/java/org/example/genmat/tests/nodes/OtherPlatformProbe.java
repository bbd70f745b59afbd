package org.example.genmat.tests.nodes;

import java.util.List;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.nodes.port.GenerativeModelPortObjectSpec;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;

/**
 * Child-process entry point of {@link OtherPlatformNodesTest}: Sample Latent configured and Train VAE configured and
 * executed in a JVM without the bundled natives, as KNIME does; prints what the user would see.
 */
public final class OtherPlatformProbe {

    private OtherPlatformProbe() {
    }

    public static void main(final String[] args) throws Exception {
        final BufferedDataTable crystals = NodeTestSupport.readCrystals(TestData.structureTable(TestData.structures(30)));
        final NodeRunner sample = NodeRunner.of(SampleLatentNodeFactory.class);
        try {
            sample.configure(new GenerativeModelPortObjectSpec("VAE", "COMPOSITION", "NONE", "", List.of(),
                List.of("formula"), 4, 40, 30), null);
            System.out.println("sample configure warning: " + sample.warning());
        } catch (InvalidSettingsException e) {
            System.out.println("sample configure error: " + e.getMessage());
        }
        // a configure warning of Sample Latent's own (no condition column: every row takes the setting) next to
        // the download's
        final NodeRunner encode = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings s = encode.saveSettings();
        s.addString("mode", "ENCODE");
        s.addString("condition", "1");
        encode.loadSettings(s);
        try {
            encode.configure(new GenerativeModelPortObjectSpec("VAE", "composition", "CLASS", "stability_class",
                List.of("0", "1"), List.of("formula", "stability_class"), 4, 40, 30), crystals.getDataTableSpec());
            System.out.println("encode configure warning: " + encode.warning());
        } catch (InvalidSettingsException e) {
            System.out.println("encode configure error: " + e.getMessage());
        }
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        train.loadSettings(WorkflowTest.tiny(train, "COMPOSITION"));
        try {
            train.configure(crystals.getDataTableSpec());
            System.out.println("configure warning: " + train.warning());
        } catch (InvalidSettingsException e) {
            System.out.println("configure error: " + e.getMessage());
            return;
        }
        try {
            train.execute(crystals);
            System.out.println("trained; status lines: " + train.progress().reports().stream()
                .map(r -> r.message()).filter(m -> m != null && m.startsWith("Download")).count());
        } catch (KNIMEException e) {
            System.out.println("execute error: " + e.getMessage());
        }
    }
}
