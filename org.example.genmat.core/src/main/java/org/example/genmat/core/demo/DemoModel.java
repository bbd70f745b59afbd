package org.example.genmat.core.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.TrainingSettings;

/**
 * A quickly trained elpasolite model for benchmarks: a VAE with Türk et al.'s final architecture
 * (2×256 hidden, layer norm, LeakyReLU 0.2, latent 8, tanh output, β 0.1, Adam 1e-3) trained briefly
 * on the embedded DFT elpasolites ({@link ElpasoliteDft}) with the A↔B swap augmentation, conditioned
 * on the stability class (class-balanced batches).
 */
public final class DemoModel {

    public static final int DEFAULT_STEPS = 400;

    private DemoModel() {
    }

    public static TrainingSettings settings(int steps, long seed) {
        return TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(256, 256)).latentSize(8).beta(0.1).layerNorm(true)
            .learningRate(1e-3).batchSize(250).steps(steps).classBalanced(true).historyEvery(Math.max(1, steps / 20)).seed(seed).build();
    }

    public static GenerativeModel train(int steps, long seed, JobMonitor monitor, Consumer<String> log) {
        ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.VAE, "elpasolite", Featurizers.Options.defaults(),
            TurkStudy.CLASS_COLUMN, null, settings(steps, seed),
            Map.of("command", "bench", "steps", Integer.toString(steps), "seed", Long.toString(seed)));
        ElpasoliteDft.Table data;
        try {
            data = ElpasoliteDft.embedded();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded DFT elpasolites cannot be read", e);
        }
        return ModelTrainer.train(data.provenance(), TurkStudy.trainingRows(data), req, monitor, null, log);
    }
}
