package org.example.genmat.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.StudyScorer;
import org.example.genmat.core.study.StudyTable;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.surrogate.SurrogateCache;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.ProgressLines;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genmat bench turk}: Türk et al.'s elpasolite study at the paper's settings (each family's
 * defaults, 10,000 steps, 10,000 well-formed class-1 samples) over many seeds (the paper: 50), printed
 * as mean ± s.d. per model and baseline. Time is not limited: about 3–5 minutes per seed on 2 cores.
 */
@Command(name = "turk", mixinStandardHelpOptions = true,
    description = "Türk et al.'s elpasolite study at the paper's settings over many seeds; prints mean ± s.d. per model and baseline.")
public final class BenchTurkCommand implements Callable<Integer> {

    @Option(names = "--seeds", description = "Seeds, as a range FIRST-LAST or a list (default ${DEFAULT-VALUE}, the paper's 50).",
        defaultValue = "1-50")
    String seeds;

    @Option(names = "--samples", description = "Well-formed class-1 samples per run (default ${DEFAULT-VALUE}).", defaultValue = "10000")
    int samples;

    @Option(names = "--families", split = ",", description = "Model families (default vae,wgan-gp,vae-gan); with --setup tuned, vae runs its two plans, VAE and VAE-wide.", defaultValue = "vae,wgan-gp,vae-gan")
    List<String> families;

    @Option(names = "--steps", split = ",", paramLabel = "FAMILY=STEPS", description = "Training steps per family, e.g. --steps vae=20000,wgan-gp=50000 (default: paper setup the paper's, VAE 10,000 and"
        + " WGAN-GP 200,000, VAE-GAN 10,000; tuned setup 4,000).")
    Map<String, Integer> steps = new LinkedHashMap<>();

    @Option(names = "--temperature", description = "Latent prior standard deviation for every model (default: each plan's own).")
    Double temperature;

    @Option(names = "--setup", description = "paper (default): Türk et al.'s hyperparameters, mean decoding; tuned: the demo's settings.",
        defaultValue = "paper")
    String setup;

    @Option(names = "--cache-dir", description = "Surrogate cache folder (default ~/.cache/genmat).")
    Path cacheDir;

    @Option(names = "--out", description = "CSV with one row per seed and generator.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Long> seedList = BenchOptions.parse(spec, () -> parseSeeds(seeds));
        BenchOptions.atLeast(spec, "--samples", samples, 1);
        List<TurkStudy.ModelPlan> plans = BenchOptions.parse(spec,
            () -> TurkStudy.plans(families, steps, null, TurkStudy.Setup.parse(setup, "--setup")));
        if (temperature != null) {
            BenchOptions.check(spec, "--temperature", SampleSettings.TEMPERATURE, temperature);
            plans = plans.stream().map(m -> m.withTemperature(temperature)).toList();
        }
        // Ctrl-C: the command line's one request (its SIGINT handling starts no shutdown, so a hook of ours would miss it)
        JobMonitor quiet = JobMonitor.cancelledWhen(CancelRequest::requested);
        ProgressLines progress = new ProgressLines(Heartbeat.EVERY_NANOS);
        Path cache = cacheDir != null ? cacheDir : SurrogateCache.defaultDir();
        TurkStudy.Prepared p = TurkStudy.prepare(ElpasoliteDft.embedded(), Surrogate.Settings.defaults(), 1, cache,
            Runtime.getRuntime().availableProcessors(), quiet);
        System.err.printf(Locale.ROOT, "surrogate: sigma %s, lambda %s, hold-out MAE %.3f eV/atom%s%n", p.surrogate().sigma(),
            p.surrogate().lambda(), p.surrogate().holdoutMae(), p.surrogate().fromCache() ? " (cached)" : "");
        List<TurkStudy.Run> all = new ArrayList<>();
        for (long seed : seedList) {
            long t0 = System.nanoTime();
            List<TurkStudy.Run> runs = TurkStudy.runSeed(p, plans, samples, seed,
                new Heartbeat("seed " + seed, progress, CancelRequest::requested));
            all.addAll(runs);
            System.err.printf(Locale.ROOT, "seed %d done in %.0f s%n", seed, (System.nanoTime() - t0) / 1e9);
            if (out != null) {
                writeCsv(out, all);
            }
        }
        System.out.printf(Locale.ROOT, "Türk et al. study, %d seed%s (%s), %,d well-formed class-1 samples per run; mean ± s.d.%n",
            seedList.size(), seedList.size() == 1 ? "" : "s", seeds, samples);
        System.out.print(StudyTable.format(all));
        return 0;
    }

    /**
     * A seed's progress: a line on standard error at most every {@link #EVERY_NANOS} of the bench's shared lines (a
     * stage such as training the paper's WGAN-GP takes many minutes per seed), none for the quick stages; cancelled when
     * the flag says so.
     */
    static final class Heartbeat implements JobMonitor {

        static final long EVERY_NANOS = 30_000_000_000L;

        private final String prefix;
        private final ProgressLines lines;
        private final java.util.function.BooleanSupplier cancelled;

        Heartbeat(String prefix, ProgressLines lines, java.util.function.BooleanSupplier cancelled) {
            this.prefix = prefix;
            this.lines = lines;
            this.cancelled = cancelled;
        }

        @Override
        public void progress(double fraction, String message) {
            String line = lines.next(prefix, fraction, message);
            if (line != null) {
                System.err.println(line);
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled.getAsBoolean();
        }
    }

    static List<Long> parseSeeds(String s) {
        List<Long> out = new ArrayList<>();
        try {
            for (String part : s.split(",")) {
                String t = part.trim();
                int dash = t.indexOf('-', 1);
                if (dash > 0) {
                    long a = Long.parseLong(t.substring(0, dash).trim()), b = Long.parseLong(t.substring(dash + 1).trim());
                    if (b < a || b - a > 10_000) {
                        throw new IllegalArgumentException("--seeds range '" + t + "' must run upwards and hold at most 10,001 seeds");
                    }
                    for (long x = a; x <= b; x++) {
                        out.add(x);
                    }
                } else if (!t.isEmpty()) {
                    out.add(Long.parseLong(t));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must be numbers or ranges like 1-50, was '" + s + "'");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--seeds names no seed");
        }
        // a seed run twice is the same run twice: its rows would count double in the mean and s.d.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long seed : out) {
            if (!seen.add(seed)) {
                throw new IllegalArgumentException("--seeds names seed " + seed + " twice; give each seed once");
            }
        }
        return out;
    }

    private static void writeCsv(Path file, List<TurkStudy.Run> runs) throws java.io.IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("name", "seed", "samples", "drawn", "precision_right", "precision_neighbouring", "coverage_right",
                "coverage_neighbouring", "js_mean", "unique", "novel", "novel_class1", "train_seconds");
            for (TurkStudy.Run r : runs) {
                StudyScorer.Scores s = r.scores();
                p.printRecord(r.name(), r.seed(), s.wellFormed(), s.drawn(), s.precisionRight(), s.precisionNeighbouring(), s.coverageRight(),
                    s.coverageNeighbouring(), s.jsMean(), s.unique(), s.novel(), s.novelTarget(), r.trainSeconds());
            }
        }
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
