package org.example.genmat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.featurize.LearnedDenoiser;
import org.example.genmat.core.featurize.PeriodicStructure;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.core.validity.ValidityChecker;

/**
 * Scratch measurement (not a test): the learned denoiser on Carbon-24, fitted on val, scored
 * against test. Args: data dir, samples, source ("val" = val lattices, "vae" = VAE-decoded lattices),
 * then sampler variants "steps:stepFraction:noiseFraction:rescale".
 */
public final class DenoiserFeasibility {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0], "carbon_24");
        int n = Integer.parseInt(args[1]);
        String source = args[2];
        List<ModelTrainer.Row> valRows = ModelTrainer.readRows(dir.resolve("val.csv"), null);
        List<ModelTrainer.Row> testRows = ModelTrainer.readRows(dir.resolve("test.csv"), null);
        ValidityChecker checker = ValidityChecker.defaults();
        List<CrystalRecord> val = valRows.stream().map(ModelTrainer.Row::record).toList();
        long t0 = System.nanoTime();
        PeriodicStructure ps = PeriodicStructure.fit(val, 0);
        System.out.printf(Locale.ROOT, "fit %.1f s, volume/atom %.3f%n", (System.nanoTime() - t0) / 1e9, ps.denoiser().volumePerAtom());
        List<Crystal> starts = new ArrayList<>();
        if (source.equals("val")) {
            List<Crystal> all = new ArrayList<>(val.stream().filter(CrystalRecord::ok).map(CrystalRecord::crystal).toList());
            Collections.shuffle(all, new Random(7));
            starts.addAll(all.subList(0, n));
        } else {
            ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.VAE, "structure", Featurizers.Options.defaults(), null, null,
                CdvaeBenchmark.trainingSettings(ModelFamily.VAE, CdvaeBenchmark.Settings.defaults(CdvaeBenchmark.Dataset.CARBON24, Path.of(args[0]))),
                Map.of());
            Path cache = Path.of("/tmp/score-vae.genmat");
            GenerativeModel model;
            if (java.nio.file.Files.exists(cache)) {
                model = GenerativeModel.load(cache);
            } else {
                model = ModelTrainer.train("val", valRows, req, JobMonitor.NONE, null, null);
                model.save(cache);
            }
            PeriodicStructure plain = ((PeriodicStructure) model.featurizer()).withDenoiser(null);
            GenerativeModel m2 = new GenerativeModel(model.network(), plain, model.conditioning(), model.provenance());
            try (Stream<Candidate> st = Sampler.sample(m2, n, null, 1.0, 42, 0, 1)) {
                st.forEach(c -> { if (c.crystal() != null) starts.add(c.crystal()); });
            }
        }
        List<Sample> training = CdvaeBenchmark.samplesOf(valRows, checker);
        List<Sample> reference = CdvaeBenchmark.samplesOf(testRows, checker);
        MetricsEngine engine = new MetricsEngine(new MetricsEngine.Settings(null, MetricsEngine.Cutoffs.forName("carbon24"), 200, 42, null,
            Math.max(1, n / 100), checker.settings().describe()));
        for (int v = 3; v < args.length; v++) {
            String[] p = args[v].split(":");
            LearnedDenoiser base = ps.denoiser();
            if (p.length > 4) {
                LearnedDenoiser.Settings df = LearnedDenoiser.Settings.defaults();
                base = LearnedDenoiser.fit(val.stream().filter(CrystalRecord::ok).map(CrystalRecord::crystal).toList(), ps.vocabulary(),
                    new LearnedDenoiser.Settings(df.pairCutoff(), df.pairBasis(), df.tripleCutoff(), df.tripleBasis(), df.legendreMax(),
                        LearnedDenoiser.Settings.geometric(Double.parseDouble(p[4]), Double.parseDouble(p[5]), Integer.parseInt(p[6])),
                        df.stepsPerLevel(), df.stepFraction(), df.noiseFraction(), df.volume()));
            }
            LearnedDenoiser d = base.withSampling(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                LearnedDenoiser.Volume.valueOf(p[3].toUpperCase()));
            long a = System.nanoTime();
            double[] ms = new double[starts.size()];
            List<Sample> gen = java.util.stream.IntStream.range(0, starts.size()).parallel().mapToObj(i -> {
                long q = System.nanoTime();
                Crystal x = ps.relaxation().relax(d.denoise(starts.get(i)));
                ms[i] = (System.nanoTime() - q) / 1e6;
                return new Sample(x.composition(), x, null, null, checker.check(x));
            }).toList();
            double sec = (System.nanoTime() - a) / 1e9;
            MetricsEngine.Result r = engine.compute(gen, training, reference, () -> false);
            Integer[] order = java.util.stream.IntStream.range(0, ms.length).boxed().sorted((x, y) -> Double.compare(ms[y], ms[x])).toArray(Integer[]::new);
            for (int k = 0; k < 5; k++) {
                Crystal c = starts.get(order[k]);
                System.out.printf(Locale.ROOT, "  slow %.0f ms: n=%d %s spacing %.2f %.2f %.2f%n", ms[order[k]], c.numSites(),
                    java.util.Arrays.toString(c.lattice().scaledToVolume(6.16 * c.numSites()).parameters()),
                    c.lattice().scaledToVolume(6.16 * c.numSites()).planeSpacing(0), c.lattice().scaledToVolume(6.16 * c.numSites()).planeSpacing(1),
                    c.lattice().scaledToVolume(6.16 * c.numSites()).planeSpacing(2));
            }
            java.util.Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "  per crystal ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n", ms[ms.length / 2], ms[ms.length * 9 / 10],
                ms[ms.length * 99 / 100], ms[ms.length - 1]);
            System.out.printf(Locale.ROOT, "%s %s n=%d: %.1f ms/crystal, valid %.4f, COV-R %.4f, COV-P %.4f, density EMD %.4f%n", source, args[v],
                gen.size(), 1000 * sec / gen.size(), gen.stream().filter(s -> s.validity().structureValid()).count() / (double) gen.size(),
                r.value("cov_recall"), r.value("cov_precision"), r.value("emd_density"));
        }
    }
}
