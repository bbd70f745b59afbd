package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RecordingMonitor;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.train.ModelFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study reports its stages to the job monitor and stops when it is cancelled. */
class TurkStudyCancelTest {

    @TempDir
    Path cache;

    /** A small surrogate (300 DFT rows, two σ) so that preparing takes about a second. */
    private TurkStudy.Prepared prepared() throws Exception {
        ElpasoliteDft.Table all = ElpasoliteDft.embedded();
        ElpasoliteDft.Table head = new ElpasoliteDft.Table("head", all.rows().subList(0, 300), List.of());
        Surrogate.Settings small = new Surrogate.Settings(List.of(2.0, 6.0), List.of(1e-3), 3, 200, 0.2, 7);
        return TurkStudy.prepare(head, small, 1, cache, 2, JobMonitor.NONE);
    }

    @Test
    void aBaselineReportsItsStageAndStopsWhenCancelled() throws Exception {
        TurkStudy.Prepared p = prepared();
        RecordingMonitor cancelAtTheSecondReport = new RecordingMonitor(reports -> reports.size() >= 2);
        assertThatThrownBy(() -> TurkStudy.runBaseline(p, TurkStudy.UNIFORM, Baselines.uniform(3), 3, 50_000,
            cancelAtTheSecondReport)).isInstanceOf(CancellationException.class);
        assertThat(cancelAtTheSecondReport.reports()).containsExactly("sampling uniform 0/50000", "sampling uniform 1000/50000");
    }

    @Test
    void aSecondPlanOfOneFamilyIsNamedInItsTrainingStageAndCancelMessage() throws Exception {
        TurkStudy.Prepared p = prepared();
        RecordingMonitor cancelAtTheSecondReport = new RecordingMonitor(reports -> reports.size() >= 2);
        assertThatThrownBy(() -> TurkStudy.runModel(p, "VAE-wide", ModelFamily.VAE,
            TurkStudy.trainingSettings(ModelFamily.VAE, 100_000, 1), 100, 1, Sampler.Decoding.MEAN, 1, cancelAtTheSecondReport))
            .isInstanceOf(CancellationException.class).hasMessageStartingWith("VAE-wide: training cancelled at step ");
        assertThat(cancelAtTheSecondReport.reports()).allMatch(r -> r.startsWith("training VAE-wide "));
    }

    @Test
    void anUncancelledBaselineReportsTheWholeStage() throws Exception {
        TurkStudy.Prepared p = prepared();
        List<String> seen = new ArrayList<>();
        JobMonitor recording = new JobMonitor() {
            @Override
            public void progress(double fraction, String message) {
                seen.add(message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        TurkStudy.Run run = TurkStudy.runBaseline(p, TurkStudy.UNIFORM, Baselines.uniform(3), 3, 1500, recording);
        assertThat(run.samples()).isEqualTo(1500);
        // the default staged progress: fraction with "stage: done/total"
        assertThat(seen).containsExactly("sampling uniform: 0/1500", "sampling uniform: 1000/1500", "sampling uniform: 1500/1500");
    }
}
