package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RecordingMonitor;
import org.example.genmat.core.net.KernelPolicy;
import org.junit.jupiter.api.Test;

/** Training behaviour on small synthetic sets; every run takes a few seconds at most. */
class TrainerTest {

    private static final Synthetic SET = new Synthetic(1000, 1);

    private static TrainingSettings smallVae(int steps) {
        return TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(64, 64)).latentSize(4).batchSize(128)
            .steps(steps).historyEvery(20).seed(7).build();
    }

    @Test
    void vaeLossDecreasesAndReconstructsFarBetterThanChance() throws Exception {
        TrainedNetwork net = Trainer.train(ModelFamily.VAE, SET.conditional(), smallVae(600), null);
        List<HistoryRow> h = net.history();
        assertThat(h).hasSize(30);
        assertThat(h.get(h.size() - 1).reconstruction()).isLessThan(0.3 * h.get(0).reconstruction());
        assertThat(h.get(0).device()).isNotBlank();
        assertThat(h.get(0).critic()).isNaN();

        try (NetworkRunner runner = new NetworkRunner(net)) {
            float[][] recon = runner.decode(runner.encodeMean(SET.x, SET.condition), SET.condition);
            double err = 0;
            double chance = 0;
            int kindRight = 0;
            for (int i = 0; i < SET.x.length; i++) {
                float[] other = SET.x[(i + 1) % SET.x.length]; // a random other row: what chance achieves
                for (int j = 0; j < 8; j++) {
                    err += sq(recon[i][j] - SET.x[i][j]);
                    chance += sq(other[j] - SET.x[i][j]);
                }
                kindRight += argmax(recon[i], 8, 4) == SET.cluster[i] % 4 ? 1 : 0;
            }
            assertThat(err).isLessThan(0.1 * chance);
            assertThat(kindRight).isGreaterThan(950); // chance: about 250 of 1000
        }
    }

    /**
     * The run options reach the graph: the autodiff reverse and TensorFlow's plain kernels compute
     * the same training (weights close after a few steps) by other roundings (not bit-identical to
     * the default), and none of them changes what the model file keeps.
     */
    @Test
    void runOptionsChooseTheReverseAndTheKernels() throws Exception {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE_GAN).hiddenLayers(List.of(32, 16))
            .criticLayers(List.of(16)).batchSize(64).steps(10).nCritic(1).seed(5).build();
        TrainedNetwork fused = Trainer.train(ModelFamily.VAE_GAN, SET.conditional(), s, null, null, TrainingOptions.DEFAULT);
        TrainedNetwork autodiff = Trainer.train(ModelFamily.VAE_GAN, SET.conditional(), s, null, null,
            TrainingOptions.DEFAULT.withKernels(new KernelPolicy.Request(KernelPolicy.Kernels.FUSED_WHERE_AVAILABLE,
                KernelPolicy.Backward.AUTODIFF)));
        TrainedNetwork plain = Trainer.train(ModelFamily.VAE_GAN, SET.conditional(), s, null, null,
            TrainingOptions.DEFAULT.withKernels(new KernelPolicy.Request(KernelPolicy.Kernels.PLAIN,
                KernelPolicy.Backward.HAND_WRITTEN)));
        boolean autodiffDiffers = false;
        for (String name : fused.weights().keySet()) {
            float[] f = fused.weight(name).data();
            float[] a = autodiff.weight(name).data();
            float[] p = plain.weight(name).data();
            for (int i = 0; i < f.length; i++) {
                assertThat(a[i]).as("%s[%d], autodiff", name, i).isCloseTo(f[i], org.assertj.core.data.Offset.offset(1e-3f));
                assertThat(p[i]).as("%s[%d], plain kernels", name, i).isCloseTo(f[i], org.assertj.core.data.Offset.offset(1e-3f));
                autodiffDiffers |= a[i] != f[i];
            }
        }
        assertThat(autodiffDiffers).as("the autodiff option changed the graph").isTrue();
        assertThat(autodiff.settings()).isEqualTo(fused.settings());
        assertThatThrownBy(() -> new TrainingOptions(KernelPolicy.Request.DEFAULT, -1, false, false))
            .hasMessageContaining("profiled steps");
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() throws Exception {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE_GAN).hiddenLayers(List.of(32))
            .criticLayers(List.of(32)).batchSize(64).steps(25).nCritic(2).seed(3).build();
        TrainedNetwork a = Trainer.train(ModelFamily.VAE_GAN, SET.conditional(), s, null);
        TrainedNetwork b = Trainer.train(ModelFamily.VAE_GAN, SET.conditional(), s, null);
        TrainedNetwork c = Trainer.train(ModelFamily.VAE_GAN, SET.conditional(), s.toBuilder().seed(4).build(), null);
        assertThat(a.weights().keySet()).containsExactlyElementsOf(b.weights().keySet());
        assertThat(a.weights().keySet()).contains("enc0_w", "enc0_wc", "dec_out_w", "critic0_w", "critic0_wc");
        for (String name : a.weights().keySet()) {
            assertThat(b.weight(name).data()).as(name).containsExactly(a.weight(name).data());
            if (!name.equals("critic_out_b")) { // its gradient is 0: D(x) and D(x̃) shift alike
                assertThat(c.weight(name).data()).as(name).isNotEqualTo(a.weight(name).data());
            }
        }
        assertThat(a.history().get(a.history().size() - 1).critic()).isFinite();
    }

    /** Also with a packed critic (PacGAN: 4 rows per critic input), which must learn the same marginals. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 4})
    void wganGpTrainsTowardsTheDataMarginals(int pack) throws Exception {
        TrainingSettings s = TrainingSettings.preset(ModelFamily.WGAN_GP, "fast").toBuilder()
            .hiddenLayers(List.of(64)).criticLayers(List.of(64)).batchSize(64).steps(300).historyEvery(50)
            .learningRate(1e-3).seed(5).criticPack(pack).build();
        TrainedNetwork net = Trainer.train(ModelFamily.WGAN_GP, SET.unconditional(), s, null);
        assertThat(net.history()).allSatisfy(r -> {
            assertThat(r.critic()).isFinite();
            assertThat(r.gradientPenalty()).isFinite();
            assertThat(r.reconstruction()).isNaN();
        });
        try (NetworkRunner runner = new NetworkRunner(net)) {
            float[][] z = new float[2000][s.latentSize()];
            java.util.Random r = new java.util.Random(1);
            for (float[] row : z) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) r.nextGaussian();
                }
            }
            float[][] samples = runner.decode(z, null);
            double gap = 0;
            for (int j = 0; j < 8; j++) {
                gap += Math.abs(mean(samples, j) - mean(SET.x, j));
            }
            // an untrained generator is off by ≈ the spread of the centres; a trained one matches the means
            assertThat(gap / 8).isLessThan(0.1);
            for (float[] row : samples) {
                float total = row[8] + row[9] + row[10] + row[11];
                assertThat(total).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void cancelStopsWithinASecondAndReturnsNothing() {
        AtomicLong cancelledAt = new AtomicLong();
        RecordingMonitor monitor = new RecordingMonitor(reports -> cancelledAt.get() != 0);
        List<Integer> historySteps = new ArrayList<>();
        Consumer<HistoryRow> history = row -> {
            historySteps.add(row.step());
            if (row.step() >= 20 && cancelledAt.get() == 0) {
                cancelledAt.set(System.nanoTime());
            }
        };
        TrainingSettings s = TrainingSettings.defaults(ModelFamily.WGAN_GP).toBuilder().steps(1_000_000)
            .historyEvery(10).build();
        assertThatThrownBy(() -> Trainer.train(ModelFamily.WGAN_GP, SET.conditional(), s, monitor, history, null))
            .isInstanceOf(CancellationException.class).hasMessage("training cancelled at step 21 of 1000000");
        assertThat((System.nanoTime() - cancelledAt.get()) / 1e9).isLessThan(1.0);
        // the monitor saw the stage before each recorded row
        assertThat(historySteps).containsExactly(10, 20);
        assertThat(monitor.reports()).containsExactly("training WGAN-GP 10/1000000", "training WGAN-GP 20/1000000");
    }

    @Test
    void aMonitorCancelledBeforehandStopsBeforeTheFirstStep() {
        TrainingSettings s = smallVae(50);
        assertThatThrownBy(() -> Trainer.train(ModelFamily.VAE, SET.conditional(), s, JobMonitor.cancelledWhen(() -> true)))
            .isInstanceOf(CancellationException.class).hasMessage("training cancelled at step 0 of 50");
    }

    @Test
    void classBalancedBatchesNeedLabels() {
        TrainingSettings s = smallVae(1).toBuilder().classBalanced(true).build();
        assertThatThrownBy(() -> Trainer.train(ModelFamily.VAE, SET.unconditional(), s, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class label");
    }

    private static double mean(float[][] rows, int j) {
        double m = 0;
        for (float[] r : rows) {
            m += r[j];
        }
        return m / rows.length;
    }

    private static int argmax(float[] v, int from, int n) {
        int best = from;
        for (int i = from; i < from + n; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }

    private static double sq(double v) {
        return v * v;
    }
}
