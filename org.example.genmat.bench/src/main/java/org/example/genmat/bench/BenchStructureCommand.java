package org.example.genmat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code genmat bench perov5 | carbon24}: structure generation by CDVAE's protocol (logic in {@link CdvaeBenchmark}). */
public abstract class BenchStructureCommand implements Callable<Integer> {

    /** Where the data sets are unless --data-dir says otherwise: beside the project's folder, from the current one. */
    static final String DEFAULT_DATA_DIR = "../shared/data";

    @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR,
        description = "folder holding perov_5/ and carbon_24/ (default ${DEFAULT-VALUE}, relative to the current folder)")
    Path dataDir;

    @Option(names = "--out-dir", description = "write results.csv, samples-MODEL.csv and the run's other tables here")
    Path outDir;

    @Option(names = "--models", split = ",", defaultValue = "vae,wgan-gp,vae-gan", description = "model families (default vae,wgan-gp,vae-gan)")
    List<String> models;

    @Option(names = "--samples", defaultValue = "10000", description = "crystals generated per model (default 10,000)")
    int samples;

    @Option(names = "--steps", split = ",", description = "training steps per model, one number for all or one per model "
        + "(default: VAE 6000, WGAN-GP 4000, VAE-GAN 3000)")
    List<Integer> steps;

    @Option(names = "--reconstruction-rows", defaultValue = "500", description = "test crystals encoded and decoded by the VAE and "
        + "VAE-GAN to split their error into lattice, coordinates and species (default 500, 0 = skip)")
    int reconstructionRows;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default 42)")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow threads (default 0 = all cores)")
    int threads;

    @Spec
    CommandSpec spec;

    abstract CdvaeBenchmark.Dataset dataset();

    /** Samples per target of the property-conditioned run; null: the data set's default (none without a property). */
    Integer conditionedSamples() {
        return null;
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions.atLeast(spec, "--samples", samples, 1);
        for (int s : steps == null ? List.<Integer>of() : steps) {
            BenchOptions.atLeast(spec, "--steps", s, 1);
        }
        if (conditionedSamples() != null) {
            BenchOptions.atLeast(spec, "--conditioned-samples", conditionedSamples(), 0);
        }
        BenchOptions.atLeast(spec, "--reconstruction-rows", reconstructionRows, 0);
        BenchOptions.check(spec, "--threads", TrainingSettings.THREADS, threads);
        List<ModelFamily> families = new ArrayList<>();
        for (String m : models) {
            families.add(BenchOptions.parse(spec, () -> ModelFamily.parseOption("--models", m)));
        }
        Map<ModelFamily, Integer> st = new EnumMap<>(ModelFamily.class);
        if (steps != null && !steps.isEmpty()) {
            if (steps.size() != 1 && steps.size() != families.size()) {
                throw BenchOptions.usageError(spec, "--steps needs one number or one per model (" + families.size() + ")");
            }
            for (int i = 0; i < families.size(); i++) {
                st.put(families.get(i), steps.get(steps.size() == 1 ? 0 : i));
            }
        }
        CdvaeBenchmark.Settings d = CdvaeBenchmark.Settings.defaults(dataset(), dataDir);
        CdvaeBenchmark.Settings s = new CdvaeBenchmark.Settings(dataset(), dataDir, families, samples, st, seed, threads,
            d.emdSamples(), conditionedSamples() == null ? d.conditionedSamples() : conditionedSamples(), reconstructionRows);
        long t0 = System.nanoTime();
        List<CdvaeBenchmark.Row> rows = CdvaeBenchmark.run(s, outDir, line -> System.err.println(spec.qualifiedName() + ": " + line),
            () -> Thread.currentThread().isInterrupted());
        System.out.printf(Locale.ROOT, "%-34s", "metric");
        List<String> names = rows.stream().map(CdvaeBenchmark.Row::model).distinct().toList();
        for (String n : names) {
            System.out.printf(Locale.ROOT, " %16s", n);
        }
        System.out.println();
        for (String m : rows.stream().map(CdvaeBenchmark.Row::metric).distinct().toList()) {
            System.out.printf(Locale.ROOT, "%-34s", m);
            for (String n : names) {
                double v = rows.stream().filter(r -> r.model().equals(n) && r.metric().equals(m)).mapToDouble(CdvaeBenchmark.Row::value)
                    .findFirst().orElse(Double.NaN);
                System.out.printf(Locale.ROOT, " %16s", Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v));
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "total %.1f s on %d processors (training on the validation split: the train split is not available)%n",
            (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** {@code genmat bench perov5}. */
    @Command(name = "perov5", mixinStandardHelpOptions = true,
        description = {"Perov-5 generation quality by CDVAE's protocol, beside CDVAE's published row.",
            "Trains each model family on the structure representation of the validation split, generates 10,000"
                + " crystals each and scores them against the test split (validity, COV-R/COV-P with CrystalNN"
                + " structure and Magpie composition fingerprints, cutoffs 0.2 / 4, density and #elements EMD); then a"
                + " heat_ref-conditioned VAE at a low and a high target."})
    public static final class Perov5 extends BenchStructureCommand {

        // Perov-5's alone: Carbon-24 has no property to condition on
        @Option(names = "--conditioned-samples", description = "samples per target of the heat_ref-conditioned VAE"
            + " (default 1,000, 0 = skip)")
        Integer conditionedSamples;

        @Override
        Integer conditionedSamples() {
            return conditionedSamples;
        }

        @Override
        CdvaeBenchmark.Dataset dataset() {
            return CdvaeBenchmark.Dataset.PEROV5;
        }
    }

    /** {@code genmat bench carbon24}. */
    @Command(name = "carbon24", mixinStandardHelpOptions = true,
        description = {"Carbon-24 generation quality by CDVAE's protocol, beside CDVAE's published row.",
            "Trains each model family on the structure representation of the validation split, generates 10,000"
                + " crystals each and scores them against the test split (cutoffs 0.2 / 4)."})
    public static final class Carbon24 extends BenchStructureCommand {
        @Override
        CdvaeBenchmark.Dataset dataset() {
            return CdvaeBenchmark.Dataset.CARBON24;
        }
    }
}
