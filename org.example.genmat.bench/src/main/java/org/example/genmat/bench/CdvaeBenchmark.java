package org.example.genmat.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityResult;
import org.example.genmat.core.job.JobMonitor;

/**
 * Structure generation measured by CDVAE's protocol (Xie et al., ICLR 2022) on Perov-5 or Carbon-24:
 * each model family is trained on the {@code structure} representation of the validation split (the
 * training split is not distributed with the reference data), generates crystals (10,000 by
 * default), and is scored against the test split: structural and composition validity over all
 * generated crystals, COV-R / COV-P with CrystalNN structure and Magpie composition fingerprints
 * under CDVAE's cutoffs, and the EMDs of density and of the number of elements on 1,000 valid
 * crystals drawn at random ({@link MetricsEngine}). CDVAE's published row is reported beside. On
 * Perov-5, a VAE conditioned on {@code heat_ref} generates at a low and a high target, and a
 * {@link PropertySurrogate} fitted to the validation split predicts the property of what it made.
 */
public final class CdvaeBenchmark {

    /** A benchmark data set: folder under the data directory, CDVAE cutoffs, property, published figures. */
    public enum Dataset {
        PEROV5("perov5", "perov_5", "heat_ref", Map.of("structural_validity", 1.0, "composition_validity", 0.9859,
            "cov_r", 0.9945, "cov_p", 0.9846, "emd_density", 0.1258, "emd_num_elements", 0.0628)),
        CARBON24("carbon24", "carbon_24", null, Map.of("structural_validity", 1.0, "cov_r", 0.9980, "cov_p", 0.8308,
            "emd_density", 0.1407));

        public final String id;
        public final String folder;
        public final String property;
        /** CDVAE's figures (Xie et al. 2022, Table 3) by GenMat metric name. */
        public final Map<String, Double> published;

        Dataset(String id, String folder, String property, Map<String, Double> published) {
            this.id = id;
            this.folder = folder;
            this.property = property;
            this.published = published;
        }
    }

    /** Metric names of results.csv, in order. */
    public static final List<String> METRICS = List.of("structural_validity", "composition_validity", "cov_r", "cov_p",
        "cov_r_composition", "cov_p_composition", "emd_density", "emd_num_elements");

    /**
     * @param steps              training steps per family (null or 0 = the benchmark default of that family)
     * @param conditionedSamples samples per target of the property-conditioned run (0 = skip it)
     * @param reconstructionRows test crystals encoded and decoded to split the error into lattice, coordinates and
     *                           species ({@link ReconstructionErrors}; models with an encoder; 0 = skip)
     */
    public record Settings(Dataset dataset, Path dataDir, List<ModelFamily> families, int samples, Map<ModelFamily, Integer> steps,
                           long seed, int threads, int emdSamples, int conditionedSamples, int reconstructionRows) {

        public Settings {
            if (samples < 1) {
                throw new IllegalArgumentException("samples must be >= 1, was " + samples);
            }
            if (families.isEmpty()) {
                throw new IllegalArgumentException("no model family to train");
            }
            steps = steps == null ? Map.of() : Map.copyOf(steps);
        }

        public static Settings defaults(Dataset dataset, Path dataDir) {
            return new Settings(dataset, dataDir, List.of(ModelFamily.VAE, ModelFamily.WGAN_GP, ModelFamily.VAE_GAN), 10_000,
                Map.of(), 42, 0, 1000, dataset.property == null ? 0 : 1000, 500);
        }

        /** Training steps of a family: the setting, else the benchmark default (sized to the 15-minute budget). */
        public int stepsOf(ModelFamily f) {
            Integer s = steps.get(f);
            if (s != null && s > 0) {
                return s;
            }
            return switch (f) {
                case VAE -> 6000;
                case WGAN_GP -> 4000;
                case VAE_GAN -> 3000;
            };
        }
    }

    /** One line of results.csv. */
    public record Row(String dataset, String model, String metric, double value) {
    }

    private CdvaeBenchmark() {
    }

    /** Model name in files and tables. */
    public static String modelName(ModelFamily f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The training settings of a family in this benchmark: GenMat's defaults (WGAN-GP: the "fast" preset). */
    public static TrainingSettings trainingSettings(ModelFamily f, Settings s) {
        TrainingSettings base = f == ModelFamily.WGAN_GP ? TrainingSettings.preset(f, "fast") : TrainingSettings.defaults(f);
        return base.toBuilder().steps(s.stepsOf(f)).seed(s.seed()).threads(s.threads()).historyEvery(100).build();
    }

    /**
     * Runs the benchmark. With {@code outDir} it writes results.csv, samples-MODEL.csv and (Perov-5)
     * property-conditioning.csv there, each through a temporary file renamed on success.
     *
     * @throws NoSuchFileException when the data set's val.csv or test.csv is missing
     */
    public static List<Row> run(Settings s, Path outDir, Consumer<String> log, BooleanSupplier cancelled)
        throws IOException {
        Path folder = s.dataDir().resolve(s.dataset().folder);
        Path val = folder.resolve("val.csv"), test = folder.resolve("test.csv");
        for (Path p : List.of(val, test)) {
            if (!Files.isRegularFile(p)) {
                // the default folder is relative to the current one: say where it was looked for and how to move it
                throw new NoSuchFileException(p.toString(), null, "the " + s.dataset().id + " benchmark reads "
                    + s.dataset().folder + "/val.csv and test.csv in the folder of --data-dir (default "
                    + BenchStructureCommand.DEFAULT_DATA_DIR + ", relative to the current folder)");
            }
        }
        if (outDir != null) {
            Files.createDirectories(outDir);
        }
        ValidityChecker checker = ValidityChecker.defaults();
        List<ModelTrainer.Row> valRows = ModelTrainer.readRows(val, s.dataset().property);
        List<ModelTrainer.Row> testRows = ModelTrainer.readRows(test, null);
        List<Sample> training = samplesOf(valRows, checker);
        List<Sample> reference = samplesOf(testRows, checker);
        log.accept(s.dataset().id + ": training on " + training.size() + " validation crystals (" + val
            + "; the training split is not available), reference " + reference.size() + " test crystals");
        List<Row> rows = new ArrayList<>();
        String ds = s.dataset().id;
        for (String m : METRICS) {
            Double v = s.dataset().published.get(m);
            if (v != null) {
                rows.add(new Row(ds, "cdvae-published", m, v));
            }
        }
        MetricsEngine.Settings ms = new MetricsEngine.Settings(null, MetricsEngine.Cutoffs.forName(ds), s.emdSamples(), s.seed(),
            null, Math.max(1, s.samples() / 100), checker.settings().describe());
        MetricsEngine engine = new MetricsEngine(ms); // one engine: the test set is fingerprinted once
        for (ModelFamily f : s.families()) {
            String name = modelName(f);
            long t0 = System.nanoTime();
            ModelTrainer.Request req = new ModelTrainer.Request(f, "structure", Featurizers.Options.defaults(), null, null,
                trainingSettings(f, s), Map.of("benchmark", ds));
            GenerativeModel model = ModelTrainer.train(s.dataset().folder + "/val.csv", valRows, req, monitor(log, name, cancelled), null, null);
            long t1 = System.nanoTime();
            List<Candidate> cands;
            try (Stream<Candidate> st = Sampler.sample(model, s.samples(), null, 1.0, s.seed(), 0, 1)) {
                cands = st.toList();
            }
            long t2 = System.nanoTime();
            List<Sample> gen = cands.parallelStream().map(c -> sampleOf(c, checker)).toList();
            if (outDir != null) {
                writeSamples(outDir.resolve("samples-" + name + ".csv"), cands, name);
            }
            MetricsEngine.Result r = engine.compute(gen, training, reference, cancelled);
            long t3 = System.nanoTime();
            long structValid = gen.stream().filter(x -> x.crystal() != null && x.validity().structureValid()).count();
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("structural_validity", (double) structValid / gen.size());
            v.put("composition_validity", r.value("validity_composition"));
            v.put("cov_r", r.value("cov_recall"));
            v.put("cov_p", r.value("cov_precision"));
            v.put("cov_r_composition", r.value("cov_recall_composition_only"));
            v.put("cov_p_composition", r.value("cov_precision_composition_only"));
            v.put("emd_density", r.value("emd_density"));
            v.put("emd_num_elements", r.value("emd_num_elements"));
            v.put("cov_r_structure", r.value("cov_recall_structure_only"));
            v.put("cov_p_structure", r.value("cov_precision_structure_only"));
            v.put("uniqueness", r.value("uniqueness"));
            if (model.hasEncoder() && s.reconstructionRows() > 0) {
                v.putAll(ReconstructionErrors.measure(model, testRows.stream().map(ModelTrainer.Row::record).toList(), s.reconstructionRows()));
            }
            v.put("train_seconds", (t1 - t0) / 1e9);
            v.put("sample_seconds", (t2 - t1) / 1e9);
            v.put("evaluate_seconds", (t3 - t2) / 1e9);
            v.forEach((k, x) -> rows.add(new Row(ds, name, k, x)));
            log.accept(String.format(Locale.ROOT, "%s %s: structural %.4f, composition %.4f, COV-R %.4f, COV-P %.4f, "
                    + "density EMD %.4f, #elements EMD %.4f (train %.0f s, sample %.1f s, evaluate %.1f s)", ds, name,
                v.get("structural_validity"), v.get("composition_validity"), v.get("cov_r"), v.get("cov_p"),
                v.get("emd_density"), v.get("emd_num_elements"), v.get("train_seconds"), v.get("sample_seconds"),
                v.get("evaluate_seconds")));
        }
        if (s.dataset().property != null && s.conditionedSamples() > 0) {
            rows.addAll(propertyConditioning(s, valRows, testRows, checker, outDir, log, cancelled));
        }
        if (outDir != null) {
            writeResults(outDir.resolve("results.csv"), rows);
        }
        return rows;
    }

    /** Training progress as a log line per quarter; cancelled when {@code cancelled} says so. */
    private static JobMonitor monitor(Consumer<String> log, String name, BooleanSupplier cancelled) {
        return new JobMonitor() {
            private int lastShown = -1;

            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public void progress(String stage, long step, long totalSteps) {
                int pct = (int) (100L * step / Math.max(1, totalSteps));
                if (pct / 25 != lastShown / 25) {
                    lastShown = pct;
                    log.accept("  " + name + " " + step + "/" + totalSteps + " steps");
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    static List<Sample> samplesOf(List<ModelTrainer.Row> rows, ValidityChecker checker) {
        return rows.parallelStream().filter(r -> r.record().ok())
            .map(r -> new Sample(r.record().composition(), r.record().crystal(), null, null, checker.check(r.record())))
            .toList();
    }

    /** A generated candidate as a metrics row; one without a crystal is structurally invalid. */
    static Sample sampleOf(Candidate c, ValidityChecker checker) {
        if (c.crystal() != null) {
            return new Sample(c.composition(), c.crystal(), null, null, checker.check(c.crystal()));
        }
        if (c.composition() != null && !c.composition().isEmpty()) {
            // the one rule filter and metrics apply to a structure row without a cif
            return new Sample(c.composition(), null, null, null, checker.checkMissingStructure(c.composition(), c.decodeNote()));
        }
        return new Sample(null, null, null, null, new ValidityResult(false, false, ValidityResult.CHECK_INPUT, c.decodeNote()));
    }

    private static List<Row> propertyConditioning(Settings s, List<ModelTrainer.Row> valRows, List<ModelTrainer.Row> testRows,
                                                  ValidityChecker checker, Path outDir, Consumer<String> log,
                                                  BooleanSupplier cancelled) throws IOException {
        String prop = s.dataset().property, ds = s.dataset().id;
        List<Composition> comps = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ModelTrainer.Row r : valRows) {
            Double y = number(r.condition());
            if (r.record().ok() && y != null) {
                comps.add(r.record().composition());
                ys.add(y);
            }
        }
        double[] yv = ys.stream().mapToDouble(Double::doubleValue).toArray();
        PropertySurrogate surrogate = new PropertySurrogate(comps, yv, 5);
        // the surrogate's error on the test split, against always predicting the training mean
        List<ModelTrainer.Row> testWithProp = ModelTrainer.readRows(s.dataDir().resolve(s.dataset().folder).resolve("test.csv"), prop);
        double mean = Arrays.stream(yv).average().orElse(Double.NaN);
        double mae = 0, maeMean = 0;
        int nt = 0;
        for (ModelTrainer.Row r : testWithProp) {
            Double y = number(r.condition());
            if (r.record().ok() && y != null) {
                mae += Math.abs(surrogate.predict(r.record().composition()) - y);
                maeMean += Math.abs(mean - y);
                nt++;
            }
        }
        double[] sorted = yv.clone();
        Arrays.sort(sorted);
        double low = sorted[(int) (0.1 * (sorted.length - 1))], high = sorted[(int) (0.9 * (sorted.length - 1))];
        ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.VAE, "structure", Featurizers.Options.defaults(), null, prop,
            trainingSettings(ModelFamily.VAE, s), Map.of("benchmark", ds + " conditioned on " + prop));
        String name = "vae-" + prop;
        GenerativeModel model = ModelTrainer.train(s.dataset().folder + "/val.csv", valRows, req, monitor(log, name, cancelled), null, null);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(ds, name, "surrogate_mae_test", mae / nt));
        rows.add(new Row(ds, name, "surrogate_mae_test_mean_baseline", maeMean / nt));
        Path tmp = outDir == null ? null : Files.createTempFile(outDir, ".property-conditioning", ".tmp");
        try {
        try (Writer w = tmp == null ? Writer.nullWriter() : Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            out.printRecord("target", "condition_" + prop, "formula", "valid", "predicted_" + prop);
            for (String target : List.of("low", "high")) {
                double c = target.equals("low") ? low : high;
                List<Candidate> cands;
                try (Stream<Candidate> st = Sampler.sample(model, s.conditionedSamples(), Double.toString(c), 1.0, s.seed(), 0, 1)) {
                    cands = st.toList();
                }
                List<Double> pred = new ArrayList<>();
                for (Candidate cand : cands) {
                    Sample smp = sampleOf(cand, checker);
                    if (smp.composition() == null) {
                        continue;
                    }
                    double p = surrogate.predict(smp.composition());
                    if (smp.valid()) {
                        pred.add(p);
                    }
                    out.printRecord(target, c, smp.composition().reducedFormula(), smp.valid(), p);
                }
                double[] pv = pred.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                rows.add(new Row(ds, name, "condition_" + target, c));
                rows.add(new Row(ds, name, "valid_fraction_" + target, (double) pv.length / cands.size()));
                rows.add(new Row(ds, name, "predicted_mean_" + target, Arrays.stream(pv).average().orElse(Double.NaN)));
                for (int q : new int[] {10, 50, 90}) {
                    rows.add(new Row(ds, name, "predicted_p" + q + "_" + target,
                        pv.length == 0 ? Double.NaN : pv[(int) Math.round(q / 100.0 * (pv.length - 1))]));
                }
            }
        }
        if (tmp != null) {
            Files.move(tmp, outDir.resolve("property-conditioning.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.metric(), r.value()));
        log.accept(String.format(Locale.ROOT, "%s %s: surrogate MAE on test %.3f (mean baseline %.3f); conditioned on %.3f -> "
                + "predicted mean %.3f, median %.3f; on %.3f -> mean %.3f, median %.3f", ds, name, m.get("surrogate_mae_test"),
            m.get("surrogate_mae_test_mean_baseline"), low, m.get("predicted_mean_low"), m.get("predicted_p50_low"), high,
            m.get("predicted_mean_high"), m.get("predicted_p50_high")));
        return rows;
    }

    private static Double number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.trim());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The candidates as {@code genmat read} rows (a failed decode is an error row naming the reason). */
    static void writeSamples(Path file, List<Candidate> cands, String model) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (CrystalTable.TableWriter w = new CrystalTable.TableWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                int i = 0;
                for (Candidate c : cands) {
                    String source = model + "#" + (++i);
                    if (c.crystal() != null) {
                        w.write(CrystalRecord.of(c.crystal().withSource(source), "P 1"));
                    } else {
                        w.write(CrystalRecord.failed(source, "not a crystal: " + c.decodeNote()));
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeResults(Path file, List<Row> rows) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
                out.printRecord("dataset", "model", "metric", "value");
                for (Row r : rows) {
                    out.printRecord(r.dataset(), r.model(), r.metric(), Double.isNaN(r.value()) ? "" : String.format(Locale.ROOT, "%.6g", r.value()));
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
