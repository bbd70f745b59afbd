package org.example.genmat.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.demo.DemoModel;
import org.example.genmat.core.demo.ExampleCrystals;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.TrainingCancelledException;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code genmat demo}: the main job on the embedded default data. Reads the embedded example
 * crystals, then trains a halogen-conditioned elpasolite VAE on GenMat's own enumerated default set
 * ({@link DefaultElpasolites}), samples from it for one class, checks validity (prototype rules +
 * SMACT charge balance), computes the Türk et al. metrics and writes everything to a folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The main job on the embedded default data: train a small conditional VAE on GenMat's own elpasolite"
        + " set (600 charge-balanced ABC2D6 halides), sample, filter for validity, compute metrics, write a folder.")
public final class DemoCommand implements Callable<Integer> {

    static final List<String> SITES = List.of("A", "B", "C", "D");

    @Option(names = "--out-dir", description = "Folder for the outputs (default ${DEFAULT-VALUE}).", defaultValue = "genmat-demo")
    Path outDir;

    @Option(names = "--steps", description = "Training steps (default ${DEFAULT-VALUE}).", defaultValue = "" + DemoModel.DEFAULT_STEPS)
    int steps;

    @Option(names = "--n", description = "Samples to draw (default ${DEFAULT-VALUE}).", defaultValue = "10000")
    int n;

    @Option(names = "--class", description = "Halogen class to generate: Br, Cl, F or I (default ${DEFAULT-VALUE}).", defaultValue = "Cl")
    String classLabel;

    @Option(names = "--seed", description = "Random seed of training and sampling (default ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (n < 1 || steps < 1) {
            throw new IllegalArgumentException("--n and --steps must be positive");
        }
        if (!DefaultElpasolites.HALOGENS.contains(classLabel)) {
            throw new IllegalArgumentException("--class must be one of " + DefaultElpasolites.HALOGENS + ", was '" + classLabel + "'");
        }
        Files.createDirectories(outDir);
        System.out.println("GenMat demo -> " + outDir.toAbsolutePath());

        // 1. the embedded example crystals (reader check)
        List<CrystalRecord> examples = ExampleCrystals.read();
        CrystalTable.write(outDir.resolve("example-crystals.csv"), examples);
        long bad = examples.stream().filter(r -> !r.ok()).count();
        System.out.printf(Locale.ROOT, "1. example crystals: %d read from CIF + POSCAR (%d errors) -> example-crystals.csv%n",
            examples.size(), bad);

        // 2. the default training data
        List<DefaultElpasolites.Entry> entries = DefaultElpasolites.entries();
        writeTrainingData(outDir.resolve("training-data.csv"), entries);
        System.out.printf(Locale.ROOT, "2. default data: %d elpasolite halides ABC2D6 (enumeration rule in DefaultElpasolites), classes = halogen"
            + " -> training-data.csv%n", entries.size());

        // 3. train
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread hook = new Thread(() -> cancelled.set(true));
        Runtime.getRuntime().addShutdownHook(hook);
        GenerativeModel model;
        long tt = System.nanoTime();
        try {
            model = DemoModel.train(steps, seed, TrainCommand.progress(cancelled), line -> System.err.println(line));
        } catch (TrainingCancelledException e) {
            System.err.println("genmat demo: " + e.getMessage());
            return 130;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
        double trainSec = (System.nanoTime() - tt) / 1e9;
        model.save(outDir.resolve("demo.genmat"));
        TrainCommand.writeHistory(outDir.resolve("history.csv"), model.network().history());
        HistoryRow last = model.network().history().get(model.network().history().size() - 1);
        System.out.printf(Locale.ROOT, "3. trained a conditional VAE (2x256, latent 8, LayerNorm, beta 0.1) for %d steps in %.1f s on %s:"
            + " reconstruction %.4f, KL %.3f -> demo.genmat, history.csv%n", steps, trainSec, TfRuntime.deviceDescription(),
            last.reconstruction(), last.kl());

        // 4. sample, check validity, write
        ValidityChecker checker = ValidityChecker.defaults();
        List<Sample> generated = new ArrayList<>(n);
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        for (int i = 0; i < model.conditioning().classes().size(); i++) {
            classIndex.put(model.conditioning().classes().get(i), i);
        }
        long clean = 0;
        Map<String, Long> failed = new LinkedHashMap<>();
        try (Stream<Candidate> s = Sampler.sample(model, n, classLabel, 1.0, seed, 0, 1);
             SampleCommand.CandidateWriter all = SampleCommand.CandidateWriter.forFeaturizer(outDir.resolve("samples.csv"), model.featurizer());
             CSVPrinter valid = new CSVPrinter(Files.newBufferedWriter(outDir.resolve("valid-samples.csv"), StandardCharsets.UTF_8),
                 CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            valid.printRecord("formula", "A", "B", "C", "D", "condition");
            Iterator<Candidate> it = s.iterator();
            while (it.hasNext()) {
                Candidate c = it.next();
                all.write(c);
                List<String> siteEls = new ArrayList<>(c.sites().values());
                ValidityResult v;
                if (c.clean()) {
                    clean++;
                    v = checker.checkPrototype(SITES, siteEls, c.composition());
                } else {
                    v = new ValidityResult(false, true, ValidityResult.CHECK_PROTOTYPE, c.decodeNote());
                }
                if (v.valid()) {
                    valid.printRecord(c.formula(), siteEls.get(0), siteEls.get(1), siteEls.get(2), siteEls.get(3), c.condition());
                } else {
                    failed.merge(v.failedCheck(), 1L, Long::sum);
                }
                generated.add(new Sample(c.composition(), null, siteEls, classIndex.get(c.condition()), v));
            }
        }
        long validCount = generated.stream().filter(Sample::valid).count();
        System.out.printf(Locale.ROOT, "4. sampled %d candidates of class %s: %.1f %% decoded cleanly, %.1f %% valid (prototype + SMACT"
            + " charge balance; failures %s) -> samples.csv, valid-samples.csv%n", n, classLabel, 100.0 * clean / n,
            100.0 * validCount / n, failed);

        // 5. metrics against the training set
        List<Sample> training = new ArrayList<>();
        for (DefaultElpasolites.Entry e : entries) {
            training.add(new Sample(e.composition(), null, List.of(e.a(), e.b(), e.c(), e.d()), classIndex.get(e.d()),
                ValidityResult.ok()));
        }
        MetricsEngine engine = new MetricsEngine(new MetricsEngine.Settings(classIndex.get(classLabel), null, 1000, seed, SITES, 100,
            "prototype rules + " + checker.settings().describe()));
        MetricsEngine.Result r = engine.compute(generated, training, training, () -> false);
        try (BufferedWriter w = Files.newBufferedWriter(outDir.resolve("metrics.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("metric", "value", "n", "definition");
            for (MetricRow m : r.metrics()) {
                p.printRecord(m.metric(), m.value(), m.n(), m.definition());
            }
        }
        System.out.printf(Locale.ROOT, "5. metrics (class %s = index %d): uniqueness %.3f, novelty %.3f, rediscovery %.3f,"
            + " precision (right class) %.3f, coverage (right class) %.3f, JS distance %.3f -> metrics.csv%n", classLabel,
            classIndex.get(classLabel), r.value("uniqueness"), r.value("novelty"), r.value("rediscovery"),
            r.value("precision_right_class"), r.value("coverage_right_class"), r.value("js_distance"));
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static void writeTrainingData(Path file, List<DefaultElpasolites.Entry> entries) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("formula", DefaultElpasolites.CLASS_COLUMN, "A", "B", "C", "D");
            for (DefaultElpasolites.Entry e : entries) {
                p.printRecord(e.formula(), e.d(), e.a(), e.b(), e.c(), e.d());
            }
        }
    }

    /** Prints the example crystals' table (the reader check of the first demo). */
    static void printExamples(List<CrystalRecord> records) {
        System.out.printf("%-16s %-10s %-10s %8s %8s %8s %7s %7s %7s %6s %8s %8s%n", "source", "formula", "spacegroup",
            "a", "b", "c", "alpha", "beta", "gamma", "nsites", "density", "dmin");
        for (CrystalRecord r : records) {
            if (!r.ok()) {
                System.out.println(r.source() + "  error: " + r.error());
                continue;
            }
            Crystal c = r.crystal();
            double[] p = c.lattice().parameters();
            System.out.printf(Locale.ROOT, "%-16s %-10s %-10s %8.4f %8.4f %8.4f %7.2f %7.2f %7.2f %6d %8.3f %8.3f%n",
                shortSource(r.source()), r.composition().reducedFormula(), r.spaceGroup(), p[0], p[1], p[2], p[3], p[4], p[5],
                c.numSites(), c.density(), c.shortestDistance());
        }
    }

    private static String shortSource(String s) {
        int hash = s.indexOf('#');
        return hash > 0 ? s.substring(0, hash) : s;
    }
}
