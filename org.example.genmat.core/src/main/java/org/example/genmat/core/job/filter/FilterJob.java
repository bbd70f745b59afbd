package org.example.genmat.core.job.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.core.validity.ValidityResult;

/**
 * Filtering, the one use case behind {@code genmat filter} and Filter Validity: every input row is read and judged by
 * the options' rule ({@link SampleRows}: structure from {@code cif}, else composition or formula, else the prototype
 * site columns) and handed on as valid, or as rejected with the {@link #VERDICT_COLUMNS}. Rows stream through; the
 * faces keep each row's own columns as they are (CSV text, KNIME cells) and append the verdict.
 */
public final class FilterJob {

    /** Columns appended to rejected rows: composition_valid, structure_valid, failed_check, reason. */
    public static final List<Column> VERDICT_COLUMNS = List.of(Column.bool("composition_valid"), Column.bool("structure_valid"),
        Column.string("failed_check"), Column.string("reason"));

    /** Put in front of a verdict column's name that the input already has (again, until the name is free). */
    public static final String CLASH_PREFIX = "filter_";

    /**
     * The names of the {@link #VERDICT_COLUMNS} appended to rows with these columns: a name the input already has gets
     * {@link #CLASH_PREFIX} in front, so a table the filter wrote (its rejected rows) can be filtered again.
     */
    public static List<String> verdictNames(java.util.Collection<String> inputColumns) {
        java.util.Set<String> taken = new java.util.HashSet<>(inputColumns);
        List<String> names = new java.util.ArrayList<>();
        for (Column c : VERDICT_COLUMNS) {
            String name = c.name();
            while (taken.contains(name)) {
                name = CLASH_PREFIX + name;
            }
            taken.add(name);
            names.add(name);
        }
        return names;
    }

    /** Kinds of reason listed in the result, most frequent first ({@link ReasonKinds}); the others are counted. */
    private static final int REASONS_KEPT = 15;

    /** The rows of one input, read with the reader the job gives (the faces read CSV shards or a KNIME table). */
    @FunctionalInterface
    public interface Input {
        void forEach(SampleRows reader, RowHandler handler) throws IOException;
    }

    /** One checked input row. */
    @FunctionalInterface
    public interface RowHandler {
        void row(String key, Sample sample);
    }

    /** Where judged rows go; {@code verdict} holds the values of {@link #VERDICT_COLUMNS}. */
    public interface Output {
        void valid(String key, List<Object> verdict) throws IOException;

        void rejected(String key, List<Object> verdict) throws IOException;
    }

    private FilterJob() {
    }

    /** The values of the verdict columns of a result. */
    public static List<Object> verdict(ValidityResult v) {
        return java.util.Arrays.asList(v.compositionValid(), v.structureValid(), v.failedCheck(), v.reason());
    }

    /**
     * Judges every row of the input in order.
     *
     * @throws IllegalArgumentException for options that cannot be used (an oxidation-state file that cannot be read)
     */
    public static FilterResult run(ValidityOptions options, Input input, Output output, JobMonitor monitor) throws IOException {
        JobMonitor m = monitor == null ? JobMonitor.NONE : monitor;
        SampleRows reader = new SampleRows(options);
        long[] counts = new long[3];
        String[] first = new String[2]; // rejected, unreadable
        Map<String, Long> perCheck = new TreeMap<>();
        ReasonKinds perReason = new ReasonKinds();
        try {
            input.forEach(reader, (key, sample) -> {
                ValidityResult v = sample.validity();
                try {
                    if (sample.valid()) {
                        counts[0]++;
                        output.valid(key, verdict(v));
                    } else {
                        counts[1]++;
                        if (first[0] == null) {
                            first[0] = key;
                        }
                        if (ValidityResult.CHECK_INPUT.equals(v.failedCheck())) {
                            counts[2]++;
                            if (first[1] == null) {
                                first[1] = key;
                            }
                        }
                        perCheck.merge(v.failedCheck(), 1L, Long::sum);
                        perReason.add(v.reason());
                        output.rejected(key, verdict(v));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                long n = counts[0] + counts[1];
                // every row: one row can take milliseconds (many elements), 4,096 of them far more than a second
                m.checkCancelled();
                if (n % 4096 == 0) {
                    m.progress(Double.NaN, n + " rows");
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, Long> reasons = perReason.top(REASONS_KEPT);
        return new FilterResult(counts[0], counts[1], counts[2], perCheck, reasons, perReason.size() - reasons.size(), first[0],
            first[1]);
    }
}
