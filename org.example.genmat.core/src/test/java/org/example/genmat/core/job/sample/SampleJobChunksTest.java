package org.example.genmat.core.job.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.sample.LatentBatch;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch of 4,096 rows is decoded a chunk at a time: a structure model's batch took half a minute with neither a
 * cancel check nor a progress report (Ctrl-C waited for the 2 s grace; the first progress line came after 26 s, QA 7,
 * D7/D8). The chunks never change a row.
 */
class SampleJobChunksTest {

    private static GenerativeModel model;

    @BeforeAll
    static void train() {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(16)).batchSize(32).steps(2).seed(1).build();
        model = ModelTrainer.train("t", DefaultElpasolites.rows(), new ModelTrainer.Request(ModelFamily.VAE, "elpasolite",
            Featurizers.Options.defaults(), null, null, s, Map.of()), JobMonitor.NONE, null, null);
    }

    /** Records the fractions reported and cancels once {@code cancelAfter} reports came (0: never). */
    private static final class Fractions implements JobMonitor {
        final List<Double> reported = new ArrayList<>();
        private final int cancelAfter;

        Fractions(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(double fraction, String message) {
            reported.add(fraction);
        }

        @Override
        public boolean cancelled() {
            return cancelAfter > 0 && reported.size() >= cancelAfter;
        }
    }

    @Test
    void priorSamplingReportsProgressWithinABatchAndStopsWithinOne() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        Fractions progress = new Fractions(0);
        SampleJob.prior(model, SampleSettings.prior(300, 5), (k, v) -> rows.add(v), progress);
        assertThat(rows).hasSize(300);
        // 300 rows are one batch: reported every 64 rows, not only at its end
        assertThat(progress.reported).hasSize(5).last().isEqualTo(1.0);

        List<List<Object>> cut = new ArrayList<>();
        assertThatThrownBy(() -> SampleJob.prior(model, SampleSettings.prior(300, 5), (k, v) -> cut.add(v), new Fractions(1)))
            .isInstanceOf(CancellationException.class);
        assertThat(cut).as("stopped at the first report, within the batch").hasSize(64);
    }

    @Test
    void aBatchDecodedInChunksIsTheBatchDecodedAtOnce() {
        LatentBatch batch = LatentBatch.make(model, null, 1.0, 9, 0, 1000);
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            int[] chunks = {0};
            Candidate[] inChunks = Sampler.decodeBatch(model, model.featurizer(), runner, batch, () -> chunks[0]++);
            Candidate[] atOnce = Sampler.decodeBatch(model, model.featurizer(), runner, batch);
            assertThat(inChunks).isEqualTo(atOnce);
            assertThat(chunks[0]).as("a cancel check before every chunk").isEqualTo((1000 + chunk() - 1) / chunk()).isGreaterThan(1);
        }
        // the stream of a seed is the same as before: its first batch is that batch
        try (var stream = Sampler.sample(model, 1000, null, 1.0, 9, 0, 1)) {
            try (NetworkRunner runner = new NetworkRunner(model.network())) {
                assertThat(stream.toList()).containsExactly(Sampler.decodeBatch(model, model.featurizer(), runner, batch));
            }
        }
    }

    private static int chunk() {
        return 16 * Runtime.getRuntime().availableProcessors();
    }
}
