package org.example.genmat.core.model;

import java.util.List;
import java.util.Map;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.TrainingSettings;

/** Small models trained once per test JVM on the embedded default elpasolites. */
public final class TestModels {

    private static GenerativeModel classVae;

    private TestModels() {
    }

    /** A class-conditioned (halogen) VAE, 2×64 hidden, 400 steps: a few seconds on 2 cores. */
    public static synchronized GenerativeModel classConditionedVae() throws Exception {
        if (classVae == null) {
            TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(64, 64)).latentSize(8)
                .batchSize(100).steps(400).learningRate(3e-3).beta(0.01).historyEvery(50).seed(11).threads(2).build();
            ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.VAE, "elpasolite", Featurizers.Options.defaults(),
                DefaultElpasolites.CLASS_COLUMN, null, s, Map.of("test", "true"));
            classVae = ModelTrainer.train("default-elpasolites", DefaultElpasolites.rows(), req, JobMonitor.NONE, null, null);
        }
        return classVae;
    }
}
