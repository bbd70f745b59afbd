package org.example.genmat.core.job.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;

/**
 * Metrics, the one use case behind {@code genmat metrics} and Diversity Metrics: the training and reference rows are
 * read and held (they are the comparison sets), the generated rows stream through the engine's accumulator (memory
 * does not grow with their number beyond one key per distinct valid composition) and their tags go to a sink at
 * once; the tables are {@link MetricsTables}.
 */
public final class MetricsJob {

    /** The rows of one input table, read with the reader and class column the job gives. */
    @FunctionalInterface
    public interface Input {
        void forEach(SampleRows reader, String classColumn, Consumer<Keyed> sink) throws IOException;
    }

    /** One checked row and its key (KNIME row ID, CSV row). */
    public record Keyed(String key, Sample sample) {
    }

    private MetricsJob() {
    }

    /**
     * @param reference the reference population, null to compare with the training set
     * @param tags      where the {@link MetricsTables#TAGS} rows go (null: not written)
     * @throws java.util.concurrent.CancellationException when the monitor is cancelled
     */
    public static MetricsEngine.Result run(MetricsSettings settings, Input training, Input reference, Input generated,
                                           RowSink tags, JobMonitor monitor) throws IOException {
        JobMonitor m = monitor == null ? JobMonitor.NONE : monitor;
        SampleRows reader = new SampleRows(settings.validity());
        m.progress(0, "reading the training and reference tables");
        List<Sample> train = readAll(training, reader, reference == null ? settings.classColumn() : null);
        List<Sample> ref = reference == null ? train : readAll(reference, reader, settings.classColumn());
        MetricsEngine.Accumulator acc = new MetricsEngine(settings.engineSettings()).start(train, ref);
        long[] count = {0};
        try {
            generated.forEach(reader, null, row -> {
                Sample s = row.sample();
                String tag = acc.add(s).label();
                count[0]++;
                if (tags != null) {
                    try {
                        tags.accept(row.key(), Arrays.asList(count[0], s.composition() == null ? null
                            : s.composition().reducedFormula(), s.valid(), tag));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (count[0] % 4096 == 0) {
                    m.checkCancelled();
                    m.progress(Double.NaN, count[0] + " generated rows");
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        m.progress(Double.NaN, "computing metrics");
        MetricsEngine.Result result = acc.finish(m::cancelled);
        m.checkCancelled(); // the engine stops early on cancel
        return result;
    }

    private static List<Sample> readAll(Input input, SampleRows reader, String classColumn) throws IOException {
        List<Sample> out = new ArrayList<>();
        input.forEach(reader, classColumn, row -> out.add(row.sample()));
        return out;
    }
}
