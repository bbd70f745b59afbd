package org.example.genmat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.NamedArray;
import org.example.genmat.core.train.TrainedNetwork;
import org.example.genmat.core.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model written is always usable: float32 overflowing settings are refused, a diverged run writes nothing. */
class DivergedTrainingTest {

    @Test
    void settingsBeyondFloat32AreRefusedNamingTheSetting() {
        TrainingSettings.Builder vae = TrainingSettings.builder(ModelFamily.VAE);
        assertThatThrownBy(() -> vae.learningRate(1e39).build()).isInstanceOf(SettingException.class)
            .hasMessage("the learning rate must be greater than 0 and at most 3.4028235E38, was 1.0E39")
            .extracting(e -> ((SettingException) e).setting()).isEqualTo("learningRate");
        assertThatThrownBy(() -> TrainingSettings.builder(ModelFamily.VAE).learningRate(1e300).build())
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException) e).setting()).isEqualTo("learningRate");
        assertThatThrownBy(() -> TrainingSettings.builder(ModelFamily.VAE).beta(1e39).build())
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException) e).setting()).isEqualTo("beta");
        assertThatThrownBy(() -> TrainingSettings.builder(ModelFamily.VAE_GAN).adversarialWeights(1e39, 1e39).build())
            .isInstanceOf(SettingException.class).hasMessageContaining("3.4028235E38")
            .extracting(e -> ((SettingException) e).setting()).isEqualTo("adversarialWeightDecoded");
        assertThatThrownBy(() -> TrainingSettings.builder(ModelFamily.WGAN_GP).gpLambda(Double.POSITIVE_INFINITY).build())
            .isInstanceOf(SettingException.class).extracting(e -> ((SettingException) e).setting()).isEqualTo("gpLambda");
        // the largest float32 itself is allowed
        assertThat(TrainingSettings.builder(ModelFamily.VAE).beta(Float.MAX_VALUE).build().beta()).isEqualTo(Float.MAX_VALUE);
    }

    /** Within float32 but far too large: the one update overflows (the losses, taken before it, are finite). */
    @Test
    void aDivergedRunFailsAndAModelWithNonFiniteWeightsIsNeverWritten(@TempDir Path dir) throws Exception {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(16)).batchSize(32).steps(1)
            .beta(3e38).seed(1).build();
        ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.VAE, "elpasolite", Featurizers.Options.defaults(), null, null,
            s, Map.of());
        List<ModelTrainer.Row> rows = DefaultElpasolites.rows().stream().map(r -> new ModelTrainer.Row(r.record(), null)).toList();
        assertThatThrownBy(() -> ModelTrainer.train("t", rows, req, JobMonitor.NONE, null, null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("training diverged: the weights became non-finite (try a smaller learning rate)");

        // and the writer refuses such weights too, leaving an earlier file as it was
        GenerativeModel ok = ModelTrainer.train("t", rows, new ModelTrainer.Request(ModelFamily.VAE, "elpasolite",
            Featurizers.Options.defaults(), null, null, s.toBuilder().beta(0.1).build(), Map.of()), JobMonitor.NONE, null, null);
        Path file = dir.resolve("m.genmat");
        ok.save(file);
        byte[] before = Files.readAllBytes(file);
        TrainedNetwork n = ok.network();
        Map<String, NamedArray> w = new LinkedHashMap<>(n.weights());
        Map.Entry<String, NamedArray> first = w.entrySet().iterator().next();
        float[] nan = first.getValue().data().clone();
        nan[0] = Float.NaN;
        w.put(first.getKey(), new NamedArray(first.getValue().shape(), nan));
        GenerativeModel bad = new GenerativeModel(new TrainedNetwork(n.family(), n.settings(), n.inputDimension(),
            n.conditionDimension(), n.layout(), w, n.history()), ok.featurizer(), ok.conditioning(), ok.provenance());
        assertThatThrownBy(() -> bad.save(file)).hasMessageStartingWith("training diverged");
        assertThatThrownBy(() -> bad.save(new ByteArrayOutputStream())).hasMessageStartingWith("training diverged");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
