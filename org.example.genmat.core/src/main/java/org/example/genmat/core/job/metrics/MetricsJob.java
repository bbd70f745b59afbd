package org.example.genmat.core.job.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.example.genmat.core.io.Messages;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RowSink;
import org.example.genmat.core.job.WarningLines;
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
        /**
         * @param warnings where a row's warnings go (a malformed row skipped, a class cell that is no class): the job
         *                 caps them ({@link WarningLines}) and holds those of the class table until it knows that the
         *                 class column is usable at all
         */
        void forEach(SampleRows reader, String classColumn, Consumer<Keyed> sink, Consumer<String> warnings) throws IOException;

        /** @return the number of rows when known beforehand (a KNIME table), else -1 (CSV files): the progress fraction */
        default long size() {
            return -1;
        }

        /** @return the table's name in messages (a file), null for the job's ("training table") */
        default String name() {
            return null;
        }

        /** An input of known size. */
        static Input sized(Input rows, long size) {
            return of(rows, size, rows.name());
        }

        /** An input named in messages by {@code name} (a file). */
        static Input named(Input rows, String name) {
            return of(rows, rows.size(), name);
        }

        private static Input of(Input rows, long size, String name) {
            return new Input() {
                @Override
                public void forEach(SampleRows reader, String classColumn, Consumer<Keyed> sink, Consumer<String> warnings)
                    throws IOException {
                    rows.forEach(reader, classColumn, sink, warnings);
                }

                @Override
                public long size() {
                    return size;
                }

                @Override
                public String name() {
                    return name;
                }
            };
        }
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
                + " kernel, sigma %s and lambda %s by seeded %d-fold cross-validation; the hold-out error from a fit on %d rows,"
                + " the labels from a fit on %d of the %d rows", s.sigma(), s.lambda(), s.settings().folds(), s.holdoutFitRows(),
                s.finalFitRows(), s.rows());
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

    /** Rows between two progress reports (the cancel is checked at every row). */
    private static final int CHECK_EVERY = 1024;

    /** Share of the progress bar for reading the training and reference tables (the generated rows get the rest). */
    private static final double READ_SHARE = 0.3;

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
        String trainingName = name(training, "training table");
        ElpasoliteDft.Builder dft = study == null ? null : new ElpasoliteDft.Builder(trainingName);
        List<Sample> train = new ArrayList<>();
        Reading reading = new Reading(m, training.size() < 0 || (reference != null && reference.size() < 0) ? -1
            : training.size() + (reference == null ? 0 : reference.size()));
        // the classes are read from the reference, else from the training table
        ClassCells trainingClasses = new ClassCells(reference == null ? settings.classColumn() : null, training, "training table");
        // training rows are compared by composition (novelty, rediscovery): a training table may lack the site columns
        training.forEach(reader.sitesOptional(), trainingClasses.column, row -> {
            reading.row("training");
            trainingClasses.row(row);
            train.add(row.sample());
            if (dft != null) {
                Map<String, String> c = row.columns();
                if (train.size() == 1) {
                    // the study's columns, at once: a wrong --energy-column is no missing energy in every row
                    ElpasoliteDft.requireColumns(trainingName, List.copyOf(c.keySet()), sites, study.energyColumn());
                }
                dft.add(row.key(), c.get(sites.get(0)), c.get(sites.get(1)), c.get(sites.get(2)),
                    c.get(sites.get(3)), c.get(study.energyColumn()));
            }
        }, trainingClasses.warnings);
        trainingClasses.finish(m);
        List<Sample> ref = train;
        if (reference != null) {
            List<Sample> refRows = new ArrayList<>();
            ClassCells referenceClasses = new ClassCells(settings.classColumn(), reference, "reference table");
            reference.forEach(reader, referenceClasses.column, row -> {
                reading.row("reference");
                referenceClasses.row(row);
                refRows.add(row.sample());
            }, referenceClasses.warnings);
            referenceClasses.finish(m);
            ref = refRows;
        }
        m.checkCancelled();
        MetricsEngine.Accumulator acc = new MetricsEngine(settings.engineSettings()).start(train, ref);
        SampleFile.Builder drawn = study == null ? null : new SampleFile.Builder(GENERATED);
        long[] count = {0};
        WarningLines generatedWarnings = new WarningLines(m::warning, rest(generated, "generated table"));
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
                // every row: one row can take milliseconds (many elements), CHECK_EVERY of them more than a second
                m.checkCancelled();
                if (count[0] % CHECK_EVERY == 0) {
                    m.progress(generated.size() > 0 ? READ_SHARE + (1 - READ_SHARE) * count[0] / generated.size() : Double.NaN,
                        count[0] + (generated.size() > 0 ? " of " + generated.size() : "") + " generated rows");
                }
            }, generatedWarnings);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        generatedWarnings.finish();
        m.progress(Double.NaN, "computing metrics");
        MetricsEngine.Result result = acc.finish(m);
        m.checkCancelled(); // the engine stops early on cancel
        result.metrics().stream().filter(r -> r.definition().startsWith(MetricsEngine.NOT_COMPUTED))
            .forEach(r -> m.warning(r.metric() + " " + r.definition()));
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

    private static String name(Input table, String otherwise) {
        return table.name() != null ? table.name() : otherwise;
    }

    /** What the closing line of a table's capped warnings counts: "warnings about rows of t.csv". */
    private static String rest(Input table, String otherwise) {
        return "warnings about rows of " + (table.name() != null ? table.name() : "the " + otherwise);
    }

    /**
     * The class cells of the table the classes are read from: its warnings are held (the first few) until the table is
     * read, for when no row has a usable class the column is wrong as a whole (a formula column named as the class
     * column), which is refused once instead of a warning per row; otherwise the warnings are passed on, capped.
     */
    private static final class ClassCells {
        private final String column;
        private final String table;
        private final List<String> held = new ArrayList<>();
        private final WarningLines warnings;
        private long rows;
        private long classed;
        private String first;

        /** @param column the class column, null when this table has none (its warnings are held all the same) */
        ClassCells(String column, Input input, String role) {
            this.column = column;
            this.table = name(input, role);
            this.warnings = new WarningLines(held::add, rest(input, role));
        }

        void row(Keyed row) {
            rows++;
            if (row.sample().classLabel() != null) {
                classed++;
            } else if (first == null && column != null) {
                String cell = row.columns().get(column);
                first = row.key() + (cell == null || cell.isBlank() ? " has none" : " holds '" + Messages.value(cell.trim()) + "'");
            }
        }

        /** @throws IllegalArgumentException when the table has rows and none of them a usable class */
        void finish(JobMonitor m) {
            if (column != null && rows > 0 && classed == 0) {
                throw new IllegalArgumentException(table + ": no row has a usable class in the class column '" + column + "' ("
                    + first + "); a class is a non-negative integer");
            }
            held.forEach(m::warning);
            String more = warnings.more();
            if (more != null) {
                m.warning(more);
            }
        }
    }

    /** Cancel checks and progress while the training and reference rows are read (held in memory). */
    private static final class Reading {
        private final JobMonitor monitor;
        private final long total;
        private long done;

        Reading(JobMonitor monitor, long total) {
            this.monitor = monitor;
            this.total = total;
        }

        void row(String table) {
            monitor.checkCancelled(); // every row, as for the generated rows
            if (++done % CHECK_EVERY == 0) {
                monitor.progress(total > 0 ? READ_SHARE * done / total : Double.NaN, "reading the " + table + " table: " + done
                    + (total > 0 ? " of " + total : "") + " rows");
            }
        }
    }
}
