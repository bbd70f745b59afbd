package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import com.google.gson.Gson;

import org.junit.jupiter.api.Test;

class SettingsAndSamplerTest {

    @Test
    void defaultsFollowTurkEtAlAndTheFastPreset() {
        TrainingSettings vae = TrainingSettings.defaults(ModelFamily.VAE);
        assertThat(vae.hiddenLayers()).containsExactly(256, 256);
        assertThat(vae.latentSize()).isEqualTo(8);
        assertThat(vae.beta()).isEqualTo(0.1);
        assertThat(vae.learningRate()).isEqualTo(1e-3);
        assertThat(vae.batchSize()).isEqualTo(500);
        assertThat(vae.steps()).isEqualTo(10_000);
        assertThat(vae.layerNorm()).isTrue();
        TrainingSettings gan = TrainingSettings.defaults(ModelFamily.WGAN_GP);
        assertThat(gan.hiddenLayers()).containsExactly(512);
        assertThat(gan.criticLayers()).containsExactly(512);
        assertThat(gan.gpLambda()).isEqualTo(10);
        assertThat(gan.nCritic()).isEqualTo(5);
        assertThat(gan.learningRate()).isEqualTo(1e-5);
        assertThat(gan.batchSize()).isEqualTo(100);
        TrainingSettings fast = TrainingSettings.preset(ModelFamily.WGAN_GP, "fast");
        assertThat(fast.learningRate()).isEqualTo(1e-4);
        assertThat(fast.adamBeta1()).isEqualTo(0.5);
        assertThat(fast.adamBeta2()).isEqualTo(0.9);
        assertThatThrownBy(() -> TrainingSettings.preset(ModelFamily.VAE, "slow"))
            .hasMessageContaining("unknown preset");
    }

    @Test
    void settingsRoundTripThroughGsonAndRejectNonsense() {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE_GAN).seed(99).classBalanced(true)
            .device(TrainingSettings.Device.CPU).hiddenLayers(List.of(10, 20)).build();
        Gson gson = new Gson();
        assertThat(gson.fromJson(gson.toJson(s), TrainingSettings.class)).isEqualTo(s);
        assertThatThrownBy(() -> s.toBuilder().batchSize(0).build()).hasMessageContaining("batch size");
        assertThatThrownBy(() -> s.toBuilder().hiddenLayers(List.of()).build()).hasMessageContaining("hidden");
        assertThatThrownBy(() -> s.toBuilder().criticPack(3).build()).hasMessageContaining("multiple of the critic pack (3)");
    }

    @Test
    void settingsWrittenBeforeTheCriticPackReadAsAnUnpackedCritic() {
        Gson gson = new Gson();
        TrainingSettings packed = TrainingSettings.builder(ModelFamily.WGAN_GP).criticPack(4).build();
        assertThat(gson.fromJson(gson.toJson(packed), TrainingSettings.class).criticPack()).isEqualTo(4);
        com.google.gson.JsonObject old = gson.toJsonTree(packed).getAsJsonObject();
        old.remove("criticPack");
        TrainingSettings read = gson.fromJson(old, TrainingSettings.class);
        assertThat(read.criticPack()).isEqualTo(1);
        assertThat(read).isEqualTo(packed.toBuilder().criticPack(1).build());
    }

    @Test
    void classBalancedSamplingDrawsEveryClassEquallyOften() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 900 ? 0 : i < 990 ? 1 : 2; // 900 / 90 / 10 rows
        }
        BatchSampler sampler = new BatchSampler(labels.length, labels, new Random(1));
        int[] counts = new int[3];
        for (int b = 0; b < 300; b++) {
            for (int row : sampler.next(100)) {
                counts[labels[row]]++;
            }
        }
        for (int k = 0; k < 3; k++) {
            assertThat(counts[k]).isBetween(9_500, 10_500);
        }
    }

    @Test
    void plainSamplingVisitsEveryRowOncePerEpochAndIsSeeded() {
        BatchSampler a = new BatchSampler(10, null, new Random(5));
        BatchSampler b = new BatchSampler(10, null, new Random(5));
        int[] first = a.next(10);
        assertThat(first).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(b.next(10)).containsExactly(first);
    }
}
