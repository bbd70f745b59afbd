package org.example.genmat.core.job.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.metrics.DiscoveryTracker;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.MetricsEngine;

/** The output tables of a metrics run, the same for {@code genmat metrics} and Diversity Metrics. */
public final class MetricsTables {

    /** metric, value, n, definition. */
    public static final TableSchema METRICS = TableSchema.of(Column.string("metric"), Column.number("value"),
        Column.count("n"), Column.string("definition"));

    /** One row per generated row, in generation order: its index (from 1), formula, validity and tag. */
    public static final TableSchema TAGS = TableSchema.of(Column.count("index"), Column.string("formula"),
        Column.bool("valid"), Column.string("tag"));

    /** The cumulative discovery curve. */
    public static final TableSchema CURVE = TableSchema.of(Column.count("samples_drawn"), Column.count("valid_samples"),
        Column.count("unique"), Column.count("novel"), Column.count("rediscovered"));

    /** Element distribution per prototype site (or over all sites), generated against reference. */
    public static final TableSchema ELEMENTS = TableSchema.of(Column.string("site"), Column.string("element"),
        Column.number("p_generated"), Column.number("p_reference"));

    private MetricsTables() {
    }

    /** The engine's metrics, then with the elpasolite study what its labels rest on ({@link MetricsJob.Study#surrogateRows}). */
    public static List<List<Object>> metricRows(MetricsJob.Result r) {
        List<List<Object>> rows = new ArrayList<>();
        for (MetricRow m : metrics(r)) {
            rows.add(Arrays.asList(m.metric(), m.value(), m.n(), m.definition()));
        }
        return rows;
    }

    /** The rows of {@link #METRICS} as metric rows. */
    public static List<MetricRow> metrics(MetricsJob.Result r) {
        List<MetricRow> all = new ArrayList<>(r.metrics().metrics());
        if (r.study() != null) {
            all.addAll(r.study().surrogateRows());
        }
        return all;
    }

    public static List<List<Object>> curveRows(MetricsEngine.Result r) {
        List<List<Object>> rows = new ArrayList<>();
        for (DiscoveryTracker.CurvePoint c : r.curve()) {
            rows.add(Arrays.asList(c.samplesDrawn(), c.validSamples(), c.unique(), c.novel(), c.rediscovered()));
        }
        return rows;
    }

    public static List<List<Object>> elementRows(MetricsEngine.Result r) {
        List<List<Object>> rows = new ArrayList<>();
        for (MetricsEngine.ElementShare e : r.elementDistribution()) {
            rows.add(Arrays.asList(e.site(), e.element(), e.generated(), e.reference()));
        }
        return rows;
    }
}
