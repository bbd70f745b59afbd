package org.example.genmat.core.job.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.SampleFile;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.surrogate.StabilityClasses;
import org.example.genmat.core.surrogate.SurrogateCache;

/**
 * Metrics, the one use case behind {@code genmat metrics} and Diversity Metrics: the training and reference rows are
 * read and held (they are the comparison sets), the generated rows stream through the engine's accumulator (memory
 * does not grow with their number beyond one key per distinct valid composition) and their tags go to a sink at
 * once; the tables are {@link MetricsTables}. With {@link MetricsSettings#study} the generated elpasolites are also
 * scored as Türk et al.'s study scores a model ({@link TurkStudy#scoreTables}), on a surrogate of the training table's
 * formation energies; its tables are {@link org.example.genmat.core.study.StudyTables}.
 */
public final class MetricsJob {

    /** The rows of one input table, read with the reader and class column the job gives. */
    @FunctionalInterface
    public interface Input {
        void forEach(SampleRows reader, String classColumn, Consumer<Keyed> sink) throws IOException;
    }

    /**
     * One checked row, its key (KNIME row ID, CSV row) and its cells as text by column name.
     */
    public record Keyed(String key, Sample sample, Map<String, String> columns) {
    }

    /**
     * What a run measured.
     *
     * @param study the study's figures, null without {@link MetricsSettings#study}
     */
    public record Result(MetricsEngine.Result metrics, Study study) {
    }

    /**
     * The study's figures: the generated table's run first, then the uniform and prevalence baselines; the novel
     * candidates of the target class the generated rows propose, ranked by predicted energy.
     *
     * @param skippedTraining training rows the surrogate could not use, one message each naming the row
     */
    public record Study(TurkStudy.Prepared prepared, List<TurkStudy.Run> runs, List<NovelCandidates.Candidate> candidates,
                        List<String> skippedTraining) {

        /**
         * What the study's labels rest on, as rows of the metrics table: the surrogate's hold-out error and class
         * agreement, and the size of the target class in the labelled space.
         */
        public List<MetricRow> surrogateRows() {
            Surrogate.Result s = prepared.surrogate();
            String fit = String.format(Locale.ROOT, "kernel ridge regression on (period, group) of the sites A, B, C, D, Laplacian"
                + " kernel, sigma %s and lambda %s by seeded 5-fold cross-validation, fitted on %d training rows", s.sigma(), s.lambda(),
                s.trainRows());
            int target = prepared.reference().targetClass();
            return List.of(
                new MetricRow("surrogate_holdout_mae_ev_per_atom", s.holdoutMae(), s.holdoutRows(), fit
                    + "; mean absolute error of the formation energy on the held-out rows (eV/atom)"),
                new MetricRow("surrogate_holdout_class_agreement", s.classAgreement(), s.holdoutRows(), fit
                    + "; share of held-out rows whose predicted stability class is their DFT class"),
                new MetricRow("study_target_class_compositions", prepared.reference().classSizes()[target], StabilityClasses.COUNT,
                    "compositions (an A<->B swap pair is one) the surrogate puts in class " + target + " of Türk et al.'s "
                        + StabilityClasses.COUNT + " classes; the study's coverage is a share of them"));
        }
    }

    /** Name of the generated table's row in the study's table. */
    public static final String GENERATED = "generated";

    private MetricsJob() {
    }

    /**
     * @param reference the reference population, null to compare with the training set
     * @param tags      where the {@link MetricsTables#TAGS} rows go (null: not written)
     * @throws java.util.concurrent.CancellationException when the monitor is cancelled
     */
    public static Result run(MetricsSettings settings, Input training, Input reference, Input generated, RowSink tags,
                             JobMonitor monitor) throws IOException {
        JobMonitor m = monitor == null ? JobMonitor.NONE : monitor;
        SampleRows reader = new SampleRows(settings.validity());
        MetricsSettings.Study study = settings.study();
        List<String> sites = settings.validity().prototypeColumns();
        m.progress(0, "reading the training and reference tables");
        ElpasoliteDft.Builder dft = study == null ? null : new ElpasoliteDft.Builder("training table");
        List<Sample> train = new ArrayList<>();
        training.forEach(reader, reference == null ? settings.classColumn() : null, row -> {
            train.add(row.sample());
            if (dft != null) {
                Map<String, String> c = row.columns();
                dft.add("training table " + row.key(), c.get(sites.get(0)), c.get(sites.get(1)), c.get(sites.get(2)),
                    c.get(sites.get(3)), c.get(study.energyColumn()));
            }
        });
        List<Sample> ref = reference == null ? train : readAll(reference, reader, settings.classColumn());
        MetricsEngine.Accumulator acc = new MetricsEngine(settings.engineSettings()).start(train, ref);
        SampleFile.Builder drawn = study == null ? null : new SampleFile.Builder(GENERATED);
        long[] count = {0};
        try {
            generated.forEach(reader, null, row -> {
                Sample s = row.sample();
                String tag = acc.add(s).label();
                count[0]++;
                // the study scores the first rows only: the rest of a long stream is not held
                if (drawn != null && drawn.wellFormed() < study.samples()) {
                    Map<String, String> c = row.columns();
                    drawn.add(row.key(), c.get("note"), c.get(sites.get(0)), c.get(sites.get(1)), c.get(sites.get(2)),
                        c.get(sites.get(3)));
                }
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
        if (study == null) {
            return new Result(result, null);
        }
        ElpasoliteDft.Table table;
        try {
            table = dft.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the elpasolite study: " + e.getMessage() + " (site columns " + sites + ", energy column "
                + study.energyColumn() + ")", e);
        }
        TurkStudy.Prepared p;
        try {
            p = TurkStudy.prepare(table, Surrogate.Settings.defaults(), settings.targetClass(),
                study.cacheDir() != null ? study.cacheDir() : SurrogateCache.defaultDir(), Runtime.getRuntime().availableProcessors(), m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the elpasolite study: " + e.getMessage() + (table.skipped().isEmpty() ? ""
                : " (" + table.skipped().size() + " training rows left out, first: " + table.skipped().get(0) + ")"), e);
        }
        List<TurkStudy.Run> runs = TurkStudy.scoreTables(p, List.of(drawn.build()), study.samples(), settings.seed(), m);
        return new Result(result, new Study(p, runs, NovelCandidates.rank(p, runs), table.skipped()));
    }

    private static List<Sample> readAll(Input input, SampleRows reader, String classColumn) throws IOException {
        List<Sample> out = new ArrayList<>();
        input.forEach(reader, classColumn, row -> out.add(row.sample()));
        return out;
    }
}
