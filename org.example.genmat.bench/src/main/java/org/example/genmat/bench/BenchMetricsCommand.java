package org.example.genmat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.example.genmat.core.metrics.DiscoveryTracker;


import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genmat bench metrics}: uniqueness/novelty/tags/curve/precision/coverage/JS at 25 million samples. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Times the metrics engine on N valid elpasolite samples and composition-fingerprint coverage.",
        "Streams N valid elpasolite samples (ABC2D6 over the 39 main-group elements H..Bi; seeded synthetic generator"
            + " with realistic repetitions and invalid draws; synthetic class labels) through the metrics engine, then"
            + " times composition-fingerprint coverage on 10,000 x 3,785 rows.",
        "Run with GENMAT_JAVA_OPTS='-Xmx2g' to check the memory goal."})
public final class BenchMetricsCommand implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "25000000", description = "valid samples to stream (default 25,000,000)")
    long samples;

    @Option(names = "--target-class", defaultValue = "5", description = "conditioning class 0..9 (default 5)")
    int targetClass;

    @Option(names = "--seed", defaultValue = "2022", description = "seed (default 2022)")
    long seed;

    @Option(names = "--curve", description = "write the discovery curve here (CSV)")
    Path curve;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // no sample, no ratio: 0 printed NaN and Infinity
        BenchOptions.atLeast(spec, "--samples", samples, 1);
        BenchOptions.between(spec, "--target-class", targetClass, 0, ElpasoliteBenchmark.CLASSES - 1);
        ElpasoliteBenchmark.Settings d = ElpasoliteBenchmark.Settings.defaults();
        ElpasoliteBenchmark.Settings s = new ElpasoliteBenchmark.Settings(samples, targetClass, seed, d.trainingSize(),
            Math.max(1, samples / 100), d.coverageGenerated(), d.coverageReference(), d.modeProbability());
        long t0 = System.nanoTime();
        ElpasoliteBenchmark.Report r = ElpasoliteBenchmark.run(s,
            v -> System.err.printf(Locale.ROOT, "%s: %,d valid samples, %.1f s%n", spec.qualifiedName(), v, (System.nanoTime() - t0) / 1e9),
            () -> Thread.currentThread().isInterrupted());
        double total = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        var out = System.out;
        out.printf(Locale.ROOT, "samples drawn        %,d (valid %,d, invalid %,d)%n", r.drawn(), r.valid(), r.invalid());
        out.printf(Locale.ROOT, "unique               %,d  uniqueness %.4f%n", r.unique(), (double) r.unique() / r.valid());
        out.printf(Locale.ROOT, "tags                 novel %,d  rediscovery %,d  repetition %,d%n", r.novel(),
            r.rediscovered(), r.repetitions());
        out.printf(Locale.ROOT, "novelty              %.4f%n", (double) r.novel() / r.unique());
        out.printf(Locale.ROOT, "precision (class %d)  right %.4f  neighbouring %.4f%n", targetClass, r.precisionRight(),
            r.precisionNeighbouring());
        out.printf(Locale.ROOT, "coverage (class %d)   right %.4f of %,d  neighbouring %.4f%n", targetClass,
            r.coverageRight(), r.referenceSize(), r.coverageNeighbouring());
        out.printf(Locale.ROOT, "JS distance          A %.4f  B %.4f  C %.4f  D %.4f  mean %.4f%n", r.jsPerSite()[0],
            r.jsPerSite()[1], r.jsPerSite()[2], r.jsPerSite()[3], r.jsMean());
        out.printf(Locale.ROOT, "stream               %.2f s wall, %.2f s CPU for %,d samples (%.0f ns CPU/sample)%n",
            r.streamSeconds(), r.streamCpuSeconds(), r.drawn(), r.streamCpuSeconds() * 1e9 / r.drawn());
        double scale = 10_000.0 * 3_785 / r.coverageComparisons();
        out.printf(Locale.ROOT, "coverage 10,000 x 3,785 fingerprints (132-dim): 1 thread %.3f s wall / %.3f s CPU;"
            + " %d threads %.3f s wall / %.3f s CPU (%,d comparisons measured, COV-R %.4f)%n",
            r.coverageSecondsOneThread() * scale, r.coverageCpuOneThread() * scale, r.threads(),
            r.coverageSecondsAllThreads() * scale, r.coverageCpuAllThreads() * scale, r.coverageComparisons(),
            r.coverageRecall());
        out.printf(Locale.ROOT, "heap                 peak %.0f MB (sum of pool peaks), max %.0f MB; class table %.1f MB%n",
            peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6, r.keyTableBytes() / 1e6);
        out.printf(Locale.ROOT, "total                %.2f s on %d processors%n", total,
            Runtime.getRuntime().availableProcessors());
        if (curve != null) {
            try (var outputs = org.example.genmat.core.io.OutputFiles.plan(java.util.List.of(), "--curve", curve)) {
                try (var p = new org.apache.commons.csv.CSVPrinter(outputs.writer("--curve"),
                    org.apache.commons.csv.CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader("samples_drawn", "valid_samples", "unique", "novel", "rediscovered").get())) {
                    for (DiscoveryTracker.CurvePoint c : r.curve()) {
                        p.printRecord(c.samplesDrawn(), c.validSamples(), c.unique(), c.novel(), c.rediscovered());
                    }
                }
                outputs.commit();
            }
        }
        return 0;
    }
}
