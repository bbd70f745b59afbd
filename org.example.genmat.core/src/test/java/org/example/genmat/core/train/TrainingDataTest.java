package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.example.genmat.core.featurize.FeatureLayout;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static final FeatureLayout LAYOUT = new FeatureLayout.Builder()
        .add("v", FeatureLayout.Kind.CONTINUOUS_LINEAR, 2).build();

    @Test
    void badRowsAreNamed() {
        assertThatThrownBy(() -> new TrainingData(new float[][] {{1f, 2f}, {1f}}, LAYOUT))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("2");
        assertThatThrownBy(() -> new TrainingData(new float[][] {{1f, Float.NaN}}, LAYOUT))
            .hasMessageContaining("row 0").hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new TrainingData(new float[][] {{1f, 2f}}, LAYOUT, new float[][] {{1f}, {0f}}, null))
            .hasMessageContaining("condition rows");
        assertThatThrownBy(() -> new TrainingData(new float[][] {{1f, 2f}}, LAYOUT, null, new int[] {-1}))
            .hasMessageContaining("negative");
        assertThatThrownBy(() -> new TrainingData(new float[0][], LAYOUT)).hasMessageContaining("no training rows");
    }

    @Test
    void divergingTrainingFailsWithAClearMessage() {
        float[][] x = new float[64][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = 1e18f * (i % 2 == 0 ? 1 : -1);
            x[i][1] = 1e18f;
        }
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(java.util.List.of(8)).latentSize(2)
            .layerNorm(false).batchSize(32).steps(20).historyEvery(5).learningRate(10).build();
        assertThatThrownBy(() -> Trainer.train(ModelFamily.VAE, new TrainingData(x, LAYOUT), s, null))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("diverged");
    }
}
