package org.example.genmat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.metrics.DiscoveryTracker;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genmat metrics}: validity, uniqueness, novelty, Türk and CDVAE metrics of a generated set. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Measures a generated set against its training set and an optional reference population:",
        "validity (SMACT/CDVAE), uniqueness, novelty, rediscovery, repetitions, per-sample tags and the",
        "discovery curve; with --class-column/--target-class Türk et al. precision and coverage; site-wise",
        "Jensen–Shannon distance; with --reference CDVAE COV-R/COV-P (composition-only Magpie fingerprints),",
        "EMD of density and #elements on --emd-samples valid samples, diversity and Fréchet distance.",
        "Output: metric,value,n,definition."})
public final class MetricsCommand implements Callable<Integer> {

    @Mixin
    ValidityOptionsMixin validity = new ValidityOptionsMixin();

    @Option(names = "--generated", required = true, arity = "1..*",
        description = {"generated samples in generation order (CSV); several files or a glob (quote it) are the "
            + "shards 0..K-1 of one 'genmat sample --shard k/K' run, in shard order, and give exactly the "
            + "unsharded run's metrics"})
    List<String> generated;

    @Option(names = "--training", required = true, description = "training set (CSV)")
    Path training;

    @Option(names = "--reference", description = "reference population: test set or enumerated space (CSV)")
    Path reference;

    @Option(names = "--class-column", description = "class column of the reference (integers)")
    String classColumn;

    @Option(names = "--target-class", description = "class the generation was conditioned on")
    Integer targetClass;

    @Option(names = "--cutoffs", description = "COV cutoffs: perov5 (0.2/4), carbon24 (0.2/4), mp20 (0.4/10) or S,C")
    String cutoffs;

    @Option(names = "--emd-samples", defaultValue = "1000", description = "valid samples drawn for the EMDs (default 1000)")
    int emdSamples;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the random draws (default 42)")
    long seed;

    @Option(names = "--curve-every", defaultValue = "100", description = "one curve point every N drawn samples")
    long curveEvery;

    @Option(names = "--out", required = true, description = "metrics table (CSV)")
    Path out;

    @Option(names = "--tags", description = "per-sample tags novel/repetition/rediscovery/invalid (CSV)")
    Path tags;

    @Option(names = "--curve", description = "cumulative discovery curve (CSV)")
    Path curve;

    @Option(names = "--elements", description = "element distribution per site, generated vs reference (CSV)")
    Path elements;

    @Override
    public Integer call() throws Exception {
        List<Path> generatedFiles = SampleRows.files(generated);
        for (Path p : new Path[] {training, reference}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException("input file " + p + " does not exist");
            }
        }
        if (targetClass != null && (reference == null || classColumn == null)) {
            throw new IllegalArgumentException("--target-class needs --reference and --class-column");
        }
        Map<String, Path> targets = new LinkedHashMap<>();
        targets.put("--out", out);
        targets.put("--tags", tags);
        targets.put("--curve", curve);
        targets.put("--elements", elements);
        List<Path> inputs = new ArrayList<>(generatedFiles);
        inputs.add(training);
        inputs.add(reference);
        try (OutputFiles outputs = OutputFiles.plan(inputs, targets)) {
            measure(outputs, generatedFiles);
            outputs.commit();
        }
        return 0;
    }

    private void measure(OutputFiles outputs, List<Path> generatedFiles) throws Exception {
        ValidityOptions options = validity.options();
        ValidityChecker checker = options.newChecker();
        SampleRows rows = new SampleRows(checker, SampleRows.PrototypeColumns.of(options));
        long t0 = System.nanoTime();
        List<Sample> train = rows.readAll(training, null);
        List<Sample> ref = reference == null ? null : rows.readAll(reference, classColumn);
        System.err.printf("metrics: read %,d training%s rows in %.1f s%n", train.size(),
            ref == null ? "" : String.format(", %,d reference", ref.size()), (System.nanoTime() - t0) / 1e9);
        MetricsEngine.Settings settings = new MetricsEngine.Settings(targetClass,
            cutoffs == null ? null : MetricsEngine.Cutoffs.forName(cutoffs), emdSamples, seed,
            options.prototype() == null ? null : options.prototypeColumns(), curveEvery, checker.settings().describe());
        MetricsEngine.Accumulator acc = new MetricsEngine(settings).start(train, ref);
        // generated rows stream through: tags are written as they are decided
        try (CSVPrinter tagOut = tags == null ? null : printer(outputs.writer("--tags"), "index", "tag", "formula")) {
            long[] count = {0};
            rows.forEach(generatedFiles, null, row -> {
                String tag = acc.add(row.sample()).label();
                count[0]++;
                try {
                    if (tagOut != null) {
                        tagOut.printRecord(count[0], tag, row.sample().composition() == null ? ""
                            : row.sample().composition().reducedFormula());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (count[0] % 1_000_000 == 0) {
                    System.err.printf("metrics: %,d generated rows, %.1f s%n", count[0], (System.nanoTime() - t0) / 1e9);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        MetricsEngine.Result result = acc.finish(() -> Thread.currentThread().isInterrupted());
        writeMetrics(outputs.writer("--out"), result.metrics());
        if (curve != null) {
            try (CSVPrinter p = printer(outputs.writer("--curve"), "samples_drawn", "valid_samples", "unique", "novel", "rediscovered")) {
                for (DiscoveryTracker.CurvePoint c : result.curve()) {
                    p.printRecord(c.samplesDrawn(), c.validSamples(), c.unique(), c.novel(), c.rediscovered());
                }
            }
        }
        if (elements != null) {
            try (CSVPrinter p = printer(outputs.writer("--elements"), "site", "element", "p_generated", "p_reference")) {
                for (MetricsEngine.ElementShare e : result.elementDistribution()) {
                    p.printRecord(e.site(), e.element(), fmt(e.generated()), fmt(e.reference()));
                }
            }
        }
        for (MetricRow r : result.metrics()) {
            System.err.printf(Locale.ROOT, "  %-36s %12s  (n=%,d)%n", r.metric(), fmt(r.value()), r.n());
        }
        System.err.printf("metrics: %s; %.1f s%n", checker.settings().describe(), (System.nanoTime() - t0) / 1e9);
    }

    static void writeMetrics(java.io.Writer out, List<MetricRow> rows) throws IOException {
        try (CSVPrinter p = printer(out, "metric", "value", "n", "definition")) {
            for (MetricRow r : rows) {
                p.printRecord(r.metric(), fmt(r.value()), r.n(), r.definition());
            }
        }
    }

    static CSVPrinter printer(java.io.Writer w, String... header) throws IOException {
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        printer.printRecord((Object[]) header);
        return printer;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
