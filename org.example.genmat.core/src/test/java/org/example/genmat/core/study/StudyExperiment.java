package org.example.genmat.core.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.metrics.CompositionKeySet;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.metrics.JensenShannon;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.TrainingSettings;

/**
 * The tuning loop of the study (test scope, not a test): each argument is one configuration,
 * {@code key=value} pairs separated by spaces, e.g. {@code "family=vae steps=4000 temp=1.5 beta=0.5"};
 * every configuration is trained and scored against the cached surrogate, one line each, so one
 * configuration costs about a minute. Keys: family, steps, lr, beta, warmup, latent, batch, hidden
 * (e.g. 256x256), critic, ncritic, adam (b1/b2), balanced, adv, pack (PacGAN critic pack), onehot, seed, samples, model (a file:
 * the model is loaded from it when it exists, else trained and saved there; the training keys must then describe it), and for sampling temp,
 * noise (a multiple of √(β/2)) or noisesd (absolute), guidance, site (guidance of single sites, e.g. D:0.3+C:0.05), sitenoise (noise of single sites, multiples of √(β/2)), sitecond (guidance through the condition of single sites, e.g. D:0.8), stretch (site outputs moved away from their batch mean, one factor per value or one for all, e.g. A:1.1+D:2:1), keep (latent classifier strength γ, VAE families), spread (guidance spread over the samples, 0 to 1); the sampling keys take comma-separated lists.
 * Besides the row, each setting prints its site distances, the coverage of class 1 by D element, how the samples
 * repeat (share on the training class's rows, on the most drawn compositions), the A+B and C shares split by D, and
 * the largest JS terms. Figures go to docs/main-job.md.
 */
public final class StudyExperiment {

    private StudyExperiment() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "genmat");
        TurkStudy.Prepared p = TurkStudy.prepare(ElpasoliteDft.embedded(), Surrogate.Settings.defaults(), 1, cache,
            Runtime.getRuntime().availableProcessors(), JobMonitor.NONE);
        System.out.printf(Locale.ROOT, "surrogate %s (cached %s)%n", p.surrogate().holdoutMae(), p.surrogate().fromCache());
        List<String> lines = new ArrayList<>();
        System.out.println("reference class 1: " + top(p.reference().siteCounts()));
        System.out.println("training class 1:  " + top(Baselines.siteFrequencies(p.reference().trainingRowsOfTarget())));
        for (String config : args) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : config.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
            String family = kv.getOrDefault("family", "vae");
            ModelFamily fam = TurkStudy.plans(List.of(family), Map.of(), null, TurkStudy.Setup.PAPER).get(0).family();
            int steps = Integer.parseInt(kv.getOrDefault("steps", "4000"));
            long seed = Long.parseLong(kv.getOrDefault("seed", "1"));
            TrainingSettings.Builder b = TurkStudy.trainingSettings(fam, steps, seed).toBuilder();
            kv.forEach((k, v) -> {
                switch (k) {
                    case "lr" -> b.learningRate(Double.parseDouble(v));
                    case "beta" -> b.beta(Double.parseDouble(v));
                    case "warmup" -> b.betaWarmupSteps(Integer.parseInt(v));
                    case "latent" -> b.latentSize(Integer.parseInt(v));
                    case "batch" -> b.batchSize(Integer.parseInt(v));
                    case "hidden" -> b.hiddenLayers(sizes(v));
                    case "critic" -> b.criticLayers(sizes(v));
                    case "ncritic" -> b.nCritic(Integer.parseInt(v));
                    case "adam" -> b.adam(Double.parseDouble(v.split("/")[0]), Double.parseDouble(v.split("/")[1]));
                    case "balanced" -> b.classBalanced(Boolean.parseBoolean(v));
                    case "adv" -> b.adversarialWeights(Double.parseDouble(v), Double.parseDouble(v));
                    case "pack" -> b.criticPack(Integer.parseInt(v));
                    case "family", "steps", "seed", "temp", "noise", "noisesd", "guidance", "site", "sitenoise", "sitecond", "stretch", "keep", "spread", "onehot", "samples", "model" -> {
                        // read below
                    }
                    default -> throw new IllegalArgumentException("unknown key '" + k + "' in \"" + config + "\"");
                }
            });
            TrainingSettings s = b.build();
            int samples = Integer.parseInt(kv.getOrDefault("samples", "10000"));
            Featurizers.Options d = Featurizers.Options.defaults();
            Featurizers.Options fo = new Featurizers.Options(d.maxSites(), d.maxAtoms(),
                Boolean.parseBoolean(kv.getOrDefault("onehot", "false")), d.swapAugment());
            ModelTrainer.Request req = new ModelTrainer.Request(fam, "elpasolite", fo, TurkStudy.CLASS_COLUMN, null, s, Map.of());
            long t0 = System.nanoTime();
            // model=FILE: load the model from FILE when it exists, else train it and save it there, so that one
            // long training serves several runs of decodings
            Path modelFile = kv.containsKey("model") ? Path.of(kv.get("model")) : null;
            GenerativeModel model = modelFile != null && java.nio.file.Files.exists(modelFile) ? GenerativeModel.load(modelFile)
                : ModelTrainer.train("experiment", TurkStudy.trainingRows(p.data()), req, JobMonitor.NONE, null, null);
            if (modelFile != null && !java.nio.file.Files.exists(modelFile)) {
                model.save(modelFile);
            }
            double train = (System.nanoTime() - t0) / 1e9;
            // temp and noise may list several values (comma-separated): the model is sampled once per pair.
            // noise: the decoder's observation noise as a multiple of its likelihood sd √(β/2); noisesd: absolute
            for (String temp : kv.getOrDefault("temp", "1").split(",")) {
                for (String nz : kv.getOrDefault("noisesd", kv.getOrDefault("noise", "0")).split(",")) {
                  for (String g : kv.getOrDefault("guidance", "0").split(",")) {
                   for (String site : kv.getOrDefault("site", "-").split(",")) {
                   for (String siteNoise : kv.getOrDefault("sitenoise", "-").split(",")) {
                   for (String keep : kv.getOrDefault("keep", "0").split(",")) {
                   for (String spread : kv.getOrDefault("spread", "0").split(",")) {
                   for (String siteCond : kv.getOrDefault("sitecond", "-").split(",")) {
                   for (String stretch : kv.getOrDefault("stretch", "-").split(",")) {
                    double strength = Double.parseDouble(keep);
                    LatentClassifier classifier = strength > 0 ? LatentClassifierSampling.fit(p, model, strength) : null;
                    double noise = kv.containsKey("noisesd") ? Double.parseDouble(nz)
                        : Double.parseDouble(nz) * Sampler.likelihoodSd(s.beta());
                    TurkStudy.Run r;
                    try {
                        Sampler.Decoding decoding = new Sampler.Decoding(noise, Double.parseDouble(g),
                            perSite(siteNoise, Sampler.likelihoodSd(s.beta())), perSite(site, 1), Double.parseDouble(spread),
                            perSite(siteCond, 1), stretches(stretch));
                        r = classifier == null
                            ? TurkStudy.sample(p, family, model, samples, Double.parseDouble(temp), decoding, seed, train, JobMonitor.NONE)
                            : LatentClassifierSampling.run(p, family, model, samples, Double.parseDouble(temp), decoding, classifier, seed, train);
                    } catch (IllegalStateException e) {
                        // too few draws kept: report and go on with the next setting
                        lines.add("| " + config.trim() + " [keep " + keep + "] | " + e.getMessage() + " |");
                        System.out.println(lines.get(lines.size() - 1));
                        continue;
                    }
                    StudyScorer.Scores sc = r.scores();
                    String line = String.format(Locale.ROOT, "| %s [temp %s noise %s guidance %s%s%s%s%s%s%s] | %.1f | %.1f | %.3f | %d | %d | %d | %.0f s |",
                        config.trim(), temp, nz, g, site.equals("-") ? "" : " site " + site, siteNoise.equals("-") ? "" : " sitenoise " + siteNoise, strength > 0 ? " keep " + keep : "", spread.equals("0") ? "" : " spread " + spread, siteCond.equals("-") ? "" : " sitecond " + siteCond, stretch.equals("-") ? "" : " stretch " + stretch, 100 * sc.precisionRight(), 100 * sc.coverageRight(), sc.jsMean(), sc.unique(),
                        sc.novelTarget(), sc.drawn(), train);
                    System.out.println(line);
                    System.out.printf(Locale.ROOT, "   js AB %.3f C %.3f D %.3f; generated %s%n", sc.jsAB(), sc.jsC(), sc.jsD(),
                        top(sc.siteCounts()));
                    System.out.println("   coverage by D: " + coverageByD(p.reference(), r.sites()));
                    System.out.println("   repeats: " + repeats(p.reference(), r.sites()));
                    System.out.println("   A+B by D: " + abByD(p.reference(), r.sites()));
                    System.out.println("   JS terms: " + jsTerms(sc.siteCounts(), p.reference().siteCounts()));
                    lines.add(line);
                   }
                   }
                   }
                   }
                   }
                   }
                  }
                }
            }
        }
        System.out.println("| setting | precision % | coverage % | JS | unique | novel class 1 | drawn | train |");
        lines.forEach(System.out::println);
    }

    /**
     * The largest terms of each site's Jensen–Shannon divergence (bits): element, reference % → generated %,
     * term; shows which elements the distance is made of.
     */
    private static String jsTerms(double[][] gen, double[][] ref) {
        StringBuilder sb = new StringBuilder();
        String[] site = {"AB", "C", "D"};
        for (int s = 0; s < 3; s++) {
            double tg = java.util.Arrays.stream(gen[s]).sum(), tr = java.util.Arrays.stream(ref[s]).sum();
            double[] term = JensenShannon.terms(gen[s], ref[s]);
            Integer[] idx = largestFirst(term);
            sb.append(site[s]).append(String.format(Locale.ROOT, " (%.4f):", java.util.Arrays.stream(term).sum()));
            for (int k = 0; k < 8; k++) {
                int i = idx[k];
                sb.append(String.format(Locale.ROOT, " %s %.1f>%.1f %.4f", ElpasoliteDft.symbol(i), 100 * ref[s][i] / tr,
                    100 * gen[s][i] / tg, term[i]));
            }
            sb.append("; ");
        }
        return sb.toString();
    }

    /** Indices of {@code values}, largest value first. */
    private static Integer[] largestFirst(double[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(values[y], values[x]));
        return idx;
    }

    /** The most frequent elements per site (AB pooled, C, D) with their shares. */
    private static String top(double[][] counts) {
        StringBuilder sb = new StringBuilder();
        String[] site = {"AB", "C", "D"};
        for (int s = 0; s < 3; s++) {
            double total = java.util.Arrays.stream(counts[s]).sum();
            Integer[] idx = largestFirst(counts[s]);
            sb.append(site[s]).append(":");
            for (int k = 0; k < 12 && counts[s][idx[k]] > 0; k++) {
                sb.append(String.format(Locale.ROOT, " %s %.0f", ElpasoliteDft.symbol(idx[k]), 100 * counts[s][idx[k]] / total));
            }
            sb.append("; ");
        }
        return sb.toString();
    }

    /**
     * Coverage of the target class split by the D element of the reference compositions (A↔B
     * swaps are one composition): "He 217/703 (31 %); …", in element order.
     */
    private static String coverageByD(StudyReference ref, int[] sites) {
        CompositionKeySet seen = new CompositionKeySet(sites.length / 4);
        for (int i = 0; i < sites.length; i += 4) {
            seen.add(ElpasoliteSpace.key(sites[i], sites[i + 1], sites[i + 2], sites[i + 3]));
        }
        long[] total = new long[ElpasoliteSpace.N];
        long[] covered = new long[ElpasoliteSpace.N];
        int[] all = ElpasoliteSpace.enumerate();
        for (int i = 0; i < all.length; i += 4) {
            int a = all[i], b = all[i + 1], c = all[i + 2], d = all[i + 3];
            if (ref.labels().classOf(a, b, c, d) == ref.targetClass()) {
                total[d]++;
                if (seen.contains(ElpasoliteSpace.key(a, b, c, d))) {
                    covered[d]++;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < ElpasoliteSpace.N; d++) {
            if (total[d] > 0) {
                sb.append(String.format(Locale.ROOT, "%s %d/%d (%.0f %%); ", ElpasoliteDft.symbol(d), covered[d], total[d],
                    100.0 * covered[d] / total[d]));
            }
        }
        return sb.toString();
    }

    /** A+B and C shares split by the D element, reference class 1 against the samples, for F, Ne, He. */
    private static String abByD(StudyReference ref, int[] sites) {
        int n = ElpasoliteSpace.N;
        double[][] refAb = new double[n][n], genAb = new double[n][n], refC = new double[n][n], genC = new double[n][n];
        int[] all = ElpasoliteSpace.enumerate();
        for (int i = 0; i < all.length; i += 4) {
            int a = all[i], b = all[i + 1], c = all[i + 2], d = all[i + 3];
            if (ref.labels().classOf(a, b, c, d) == ref.targetClass()) {
                refAb[d][a]++; refAb[d][b]++; refC[d][c]++;
            }
        }
        for (int i = 0; i < sites.length; i += 4) {
            int d = sites[i + 3];
            genAb[d][sites[i]]++; genAb[d][sites[i + 1]]++; genC[d][sites[i + 2]]++;
        }
        StringBuilder sb = new StringBuilder();
        for (String dn : List.of("F", "Ne", "He")) {
            int d = ElpasoliteDft.index(dn);
            sb.append("\n     D=").append(dn).append(" AB ").append(pair(refAb[d], genAb[d])).append("\n          C ").append(pair(refC[d], genC[d]));
        }
        return sb.toString();
    }

    private static String pair(double[] ref, double[] gen) {
        double rt = java.util.Arrays.stream(ref).sum(), gt = java.util.Arrays.stream(gen).sum();
        Integer[] idx = largestFirst(ref);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[ref %.0f gen %.0f]", rt, gt));
        for (int k = 0; k < 14 && ref[idx[k]] > 0; k++) {
            sb.append(String.format(Locale.ROOT, " %s %.1f>%.1f", ElpasoliteDft.symbol(idx[k]), 100 * ref[idx[k]] / rt, 100 * gen[idx[k]] / Math.max(1, gt)));
        }
        return sb.toString();
    }

    /** How the samples are spread over compositions: share on the training class's rows, on the most drawn ones. */
    private static String repeats(StudyReference ref, int[] sites) {
        Map<Long, Integer> count = new java.util.HashMap<>();
        for (int i = 0; i < sites.length; i += 4) {
            long k = ElpasoliteSpace.key(sites[i], sites[i + 1], sites[i + 2], sites[i + 3]);
            count.merge(k, 1, Integer::sum);
        }
        java.util.Set<Long> train = new java.util.HashSet<>();
        ref.trainingRowsOfTarget().forEach(r -> train.add(ElpasoliteSpace.key(r.a(), r.b(), r.c(), r.d())));
        int n = sites.length / 4;
        int onTrain = train.stream().mapToInt(k -> count.getOrDefault(k, 0)).sum();
        List<Integer> sorted = new ArrayList<>(count.values());
        sorted.sort(java.util.Comparator.reverseOrder());
        int top50 = sorted.stream().limit(50).mapToInt(Integer::intValue).sum();
        int top500 = sorted.stream().limit(500).mapToInt(Integer::intValue).sum();
        long singles = sorted.stream().filter(c -> c == 1).count();
        return String.format(Locale.ROOT, "on class-1 training rows %.1f %% (%d of %d rows drawn), top 50 %.1f %%, top 500 %.1f %%, once-drawn %d of %d distinct, max %d",
            100.0 * onTrain / n, train.stream().filter(count::containsKey).count(), train.size(), 100.0 * top50 / n, 100.0 * top500 / n, singles, count.size(), sorted.get(0));
    }

    /** "A:1.1+D:2:1" → {A: [1.1], D: [2, 1]} (one factor per value of the site, or one for all); "-" → none. */
    private static Map<String, List<Double>> stretches(String v) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        if (!v.equals("-")) {
            for (String part : v.split("\\+")) {
                String[] f = part.split(":");
                List<Double> k = new ArrayList<>();
                for (int i = 1; i < f.length; i++) {
                    k.add(Double.parseDouble(f[i]));
                }
                out.put(f[0], k);
            }
        }
        return out;
    }

    /**
     * "D:0.3+C:0.05" → {D: 0.3·unit, C: 0.05·unit}; "-" → none. The product's "D=0.3, C=0.05" read by the product's
     * parser ({@link SampleSettings#siteValues}), written without '=' and spaces so that it fits a key=value argument.
     */
    private static Map<String, Double> perSite(String v, double unit) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!v.equals("-")) {
            SampleSettings.siteValues("per-site value", v.replace('+', ',').replace(':', '='))
                .forEach((site, value) -> out.put(site, unit * value));
        }
        return out;
    }

    private static List<Integer> sizes(String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.split("x")) {
            out.add(Integer.parseInt(s));
        }
        return out;
    }
}
