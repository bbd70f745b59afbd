package org.example.genmat.core.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;

class MetricsJobCancelTest {

    /** A table of {@code n} formulas; counts the rows it handed out. */
    private static MetricsJob.Input rows(final int n, final long[] read, final boolean sized) {
        final MetricsJob.Input rows = (reader, classColumn, sink, warnings) -> {
            for (int i = 0; i < n; i++) {
                read[0]++;
                final String key = "Row" + i;
                final Map<String, String> cells = Map.of("formula", i % 2 == 0 ? "NaCl" : "KBr");
                sink.accept(new MetricsJob.Keyed(key, reader.toSample(key, cells, classColumn, w -> { }), cells));
            }
        };
        return sized ? MetricsJob.Input.sized(rows, n) : rows;
    }

    /** A monitor that records the fractions it is told and is cancelled once {@code cancelled} says so. */
    private static JobMonitor recording(List<Double> fractions, java.util.function.BooleanSupplier cancelled) {
        return new JobMonitor() {
            @Override
            public void progress(final double fraction, final String message) {
                fractions.add(fraction);
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    private static MetricsSettings settings() {
        return new MetricsSettings(ValidityOptions.defaults(), null, null, MetricsSettings.DEFAULT_CUTOFFS, 10, 1, 100);
    }

    /** A cancel while the training table is read stops the job there, before the reference and generated rows. */
    @Test
    void aCancelStopsTheReadingOfTheTrainingTable() {
        final long[] training = {0};
        final long[] reference = {0};
        final long[] generated = {0};
        final List<Double> fractions = new ArrayList<>();
        final JobMonitor monitor = recording(fractions, () -> training[0] >= 5000);
        assertThatThrownBy(() -> MetricsJob.run(settings(), rows(100_000, training, true), rows(100_000, reference, true),
            rows(10, generated, true), null, monitor)).isInstanceOf(CancellationException.class);
        assertThat(training[0]).isLessThan(8000);
        assertThat(reference[0]).isZero();
        assertThat(generated[0]).isZero();
        // the table sizes are known: a fraction of the reading, not only a message
        assertThat(fractions.subList(1, fractions.size())).isNotEmpty().allSatisfy(f -> assertThat(f).isBetween(0.0, 0.3));
    }

    /** A cancel while the generated rows are judged is seen at the next row, not up to 1,024 rows later. */
    @Test
    void aCancelStopsTheGeneratedRowsAtTheNextRow() {
        final long[] generated = {0};
        final JobMonitor monitor = recording(new ArrayList<>(), () -> generated[0] >= 3);
        assertThatThrownBy(() -> MetricsJob.run(settings(), rows(10, new long[1], true), null, rows(1000, generated, true), null,
            monitor)).isInstanceOf(CancellationException.class);
        assertThat(generated[0]).isEqualTo(3);
    }

    @Test
    void unsizedInputsReportAMessageOnly() throws Exception {
        final List<Double> fractions = new ArrayList<>();
        final JobMonitor monitor = recording(fractions, () -> false);
        MetricsJob.run(settings(), rows(3000, new long[1], false), null, rows(10, new long[1], true), null, monitor);
        assertThat(fractions.subList(1, 3)).allMatch(f -> f.isNaN());
    }
}
