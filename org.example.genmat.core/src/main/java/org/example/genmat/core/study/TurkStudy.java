package org.example.genmat.core.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.surrogate.StabilityClasses;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.TrainingSettings;

/**
 * Türk et al.'s elpasolite study (Chem. Mater. 34, 9455, 2022, §2–3 and Table 1) on DFT data: a
 * surrogate labels the whole space ({@link Surrogate}); each model family is trained on the DFT rows
 * (A↔B swap augmentation, the stability class as one-hot condition, class-balanced batches), conditioned
 * on the target class and sampled until N well-formed compositions; every stream — models and the
 * {@link Baselines} — is scored by {@link StudyScorer} against the surrogate's labels.
 */
public final class TurkStudy {

    /** Türk et al. 2022, Table 1 (class 1, 10,000 valid samples, 86 class-1 training rows): precision, coverage (right class), JS. */
    public static final Map<String, String> TABLE_1 = Map.of(
        "VAE", "precision 83 ± 1 %, coverage 54 ± 2 %, JS 0.16",
        "WGAN-GP", "precision 66 %, coverage 62 %, JS 0.16");

    /** Name of the class column of the training rows. */
    public static final String CLASS_COLUMN = "stability_class";
    /** Draws per requested well-formed sample after which a stream gives up. */
    static final int MAX_DRAWS_PER_SAMPLE = 50;

    /** The data, the surrogate and what samples are measured against. */
    public record Prepared(ElpasoliteDft.Table data, Surrogate.Result surrogate, StudyReference reference) {
    }

    /**
     * One scored stream.
     *
     * @param family       null for a baseline
     * @param model        the trained model, null for a baseline
     * @param sites        the well-formed samples in the order drawn, four element indices each
     * @param baseline     whether it is a baseline (not a model, not a scored table of generated samples)
     */
    public record Run(String name, ModelFamily family, long seed, GenerativeModel model, List<HistoryRow> history, int[] sites,
                      StudyScorer.Scores scores, double trainSeconds, double sampleSeconds, boolean baseline) {

        /** A model's run (a baseline when {@code family} is null). */
        public Run(String name, ModelFamily family, long seed, GenerativeModel model, List<HistoryRow> history, int[] sites,
                   StudyScorer.Scores scores, double trainSeconds, double sampleSeconds) {
            this(name, family, seed, model, history, sites, scores, trainSeconds, sampleSeconds, family == null);
        }

        public int samples() {
            return sites.length / 4;
        }
    }

    private TurkStudy() {
    }

    /** Builds (or reads from {@code cacheDir}) the surrogate of {@code data} and the reference of {@code targetClass}. */
    public static Prepared prepare(ElpasoliteDft.Table data, Surrogate.Settings surrogate, int targetClass, Path cacheDir, int threads,
                                   JobMonitor monitor) throws IOException {
        if (targetClass >= 1 && targetClass <= StabilityClasses.COUNT && data.rows().stream().noneMatch(r -> r.stabilityClass() == targetClass)) {
            // found before the surrogate's fit and the training, not after them
            throw new IllegalArgumentException(data.source() + " has no row of stability class " + targetClass + " (formation energy "
                + StabilityClasses.range(targetClass) + "): the study conditions its models on that class and draws its prevalence"
                + " baseline from those rows");
        }
        Surrogate.Result s = Surrogate.build(data.sites(), data.energies(), surrogate, cacheDir, threads, monitor);
        return new Prepared(data, s, new StudyReference(s.labels(), targetClass, data.rows()));
    }

    /** The study's training settings of a family: its defaults (Türk et al.), class-balanced, with the given steps and seed. */
    public static TrainingSettings trainingSettings(ModelFamily family, int steps, long seed) {
        return TrainingSettings.defaults(family).toBuilder().classBalanced(true).steps(steps).seed(seed)
            .historyEvery(Math.max(1, steps / 200)).build();
    }

    /** The training rows: every DFT row with its stability class as condition. */
    public static List<ModelTrainer.Row> trainingRows(ElpasoliteDft.Table data) {
        List<ModelTrainer.Row> rows = new ArrayList<>();
        int i = 0;
        for (ElpasoliteDft.Row r : data.rows()) {
            i++;
            rows.add(new ModelTrainer.Row(CrystalRecord.ofComposition(data.source() + "#" + i,
                ElpasoliteSpace.composition(r.a(), r.b(), r.c(), r.d())), Integer.toString(r.stabilityClass())));
        }
        return rows;
    }

    /** Trains {@code family} and samples it conditioned on the target class; {@code monitor} sees both stages. */
    public static Run runModel(Prepared p, String name, ModelFamily family, TrainingSettings settings, int samples, double temperature,
                               Sampler.Decoding decoding, long sampleSeed, JobMonitor monitor) {
        long t0 = System.nanoTime();
        String trainingStage = "training " + family.displayName();
        GenerativeModel model;
        try {
            model = train(p.data(), family, settings, monitor.renamingStage(trainingStage, "training " + name));
        } catch (CancellationException e) {
            // a plan's name tells the user which of two models of one family stopped
            throw name.equals(family.displayName()) ? e : new CancellationException(name + ": " + e.getMessage());
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        return sample(p, name, model, samples, temperature, decoding, sampleSeed, trainSeconds, monitor);
    }

    /** Trains {@code family} on the DFT rows conditioned on their stability class, as every run of the study does. */
    public static GenerativeModel train(ElpasoliteDft.Table data, ModelFamily family, TrainingSettings settings, JobMonitor monitor) {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("study", "Türk et al. elpasolites");
        user.put("class_column", CLASS_COLUMN);
        ModelTrainer.Request req = new ModelTrainer.Request(family, "elpasolite", Featurizers.Options.defaults(), CLASS_COLUMN, null,
            settings, user);
        return ModelTrainer.train(data.provenance(), trainingRows(data), req, monitor, null, null);
    }

    /** Samples a trained model conditioned on the target class and scores the stream. */
    public static Run sample(Prepared p, String name, GenerativeModel model, int samples, double temperature, long sampleSeed,
                             double trainSeconds, JobMonitor monitor) {
        return sample(p, name, model, samples, temperature, Sampler.Decoding.MEAN, sampleSeed, trainSeconds, monitor);
    }

    /** As {@link #sample(Prepared, String, GenerativeModel, int, double, long, double, JobMonitor)} decoded as {@code decoding} says. */
    public static Run sample(Prepared p, String name, GenerativeModel model, int samples, double temperature, Sampler.Decoding decoding,
                             long sampleSeed, double trainSeconds, JobMonitor monitor) {
        String target = Integer.toString(p.reference().targetClass());
        try (Stream<Candidate> stream = Sampler.sample(model, maxDraws(samples), target, temperature, decoding, sampleSeed, 0, 1)) {
            return score(p, name, model, samples, stream, sampleSeed, trainSeconds, monitor);
        }
    }

    /** Most draws a stream of {@code samples} well-formed samples may take. */
    public static long maxDraws(int samples) {
        return (long) samples * MAX_DRAWS_PER_SAMPLE;
    }

    /**
     * Scores a model's stream of candidates: its first {@code samples} well-formed compositions, within
     * {@link #maxDraws} draws. The stream may end early (a filtered stream); the message then says so.
     */
    public static Run score(Prepared p, String name, GenerativeModel model, int samples, Stream<Candidate> stream, long sampleSeed,
                            double trainSeconds, JobMonitor monitor) {
        long t0 = System.nanoTime();
        Iterator<Candidate> it = stream.iterator();
        CompositionSource source = sites -> {
            if (!it.hasNext()) {
                throw new IllegalStateException(name + ": the stream ended before " + samples + " well-formed samples");
            }
            Candidate c = it.next();
            if (!c.clean()) {
                return false;
            }
            String[] names = {"A", "B", "C", "D"};
            for (int k = 0; k < 4; k++) {
                sites[k] = ElpasoliteDft.index(c.sites().get(names[k]));
                if (sites[k] < 0) {
                    return false;
                }
            }
            return true;
        };
        Drawn d = draw(p.reference(), source, samples, maxDraws(samples), name, monitor);
        return new Run(name, model.family(), sampleSeed, model, model.network().history(), d.sites, d.scores, trainSeconds,
            (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Scores a table of generated elpasolites as a model's stream is scored: its first {@code samples} well-formed rows,
     * all of them when it has fewer, its malformed rows counted as malformed draws. The run has no family or model.
     */
    public static Run scoreFile(Prepared p, SampleFile file, int samples, long seed, JobMonitor monitor) {
        return scoreStream(p, file.name(), file.source(), seed, Math.min(samples, file.wellFormed()), false, monitor);
    }

    /**
     * Scores tables of generated elpasolites ({@link #scoreFile}, each its first {@code samples} well-formed rows) and
     * then the two baselines of {@code seed} drawn to {@code samples}, in that order.
     */
    public static List<Run> scoreTables(Prepared p, List<SampleFile> files, int samples, long seed, JobMonitor monitor) {
        List<Run> runs = new ArrayList<>();
        for (SampleFile file : files) {
            runs.add(scoreFile(p, file.requireWellFormed(), samples, seed, monitor));
        }
        runs.addAll(runBaselines(p, samples, seed, monitor));
        return runs;
    }

    /** Draws a baseline stream and scores it. */
    public static Run runBaseline(Prepared p, String name, CompositionSource source, long seed, int samples, JobMonitor monitor) {
        return scoreStream(p, name, source, seed, samples, true, monitor);
    }

    private static Run scoreStream(Prepared p, String name, CompositionSource source, long seed, int samples, boolean baseline,
                                   JobMonitor monitor) {
        long t0 = System.nanoTime();
        Drawn d = draw(p.reference(), source, samples, maxDraws(samples), name, monitor);
        return new Run(name, null, seed, null, List.of(), d.sites, d.scores, 0, (System.nanoTime() - t0) / 1e9, baseline);
    }

    /**
     * A model family with its training settings and how it is sampled.
     *
     * @param temperature standard deviation of the latent prior
     * @param decoding    how latent vectors become outputs (observation noise, class guidance)
     * @param variant     "" for a family's one plan; else what tells a second plan of the same family apart, appended
     *                    to its name ("wide": VAE-wide)
     */
    public record ModelPlan(ModelFamily family, TrainingSettings settings, double temperature, Sampler.Decoding decoding,
                            String variant) {

        public ModelPlan {
            if (variant == null || !variant.matches("[a-z0-9]*")) {
                throw new IllegalArgumentException("a plan variant is lower-case letters and digits, was '" + variant + "'");
            }
        }

        /** The family's one plan. */
        public ModelPlan(ModelFamily family, TrainingSettings settings, double temperature, Sampler.Decoding decoding) {
            this(family, settings, temperature, decoding, "");
        }

        /** The name in tables, file names and notes: the family's ("VAE"), with the variant appended ("VAE-wide"). */
        public String name() {
            return variant.isEmpty() ? displayName(family) : displayName(family) + "-" + variant;
        }

        /** The plan sampled at another temperature. */
        public ModelPlan withTemperature(double t) {
            return new ModelPlan(family, settings, t, decoding, variant);
        }

        /** Training, sampling and decoding in one line, for tables and notes. */
        public String describe() {
            TrainingSettings s = settings;
            // the KL weight only for the families with an encoder; the learning rate as a plain decimal (0.0001, 0.001)
            return String.format(java.util.Locale.ROOT, "%s: %d steps, hidden %s, latent %d, batch %d, learning rate %s%s%s; temperature %s, output noise %.3f, guidance %s%s",
                name(), s.steps(), s.hiddenLayers().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("×")),
                s.latentSize(), s.batchSize(), new java.math.BigDecimal(Double.toString(s.learningRate())).stripTrailingZeros().toPlainString(),
                family.hasEncoder() ? ", KL weight β " + s.beta() : "",
                s.criticPack() > 1 ? ", critic pack " + s.criticPack() : "",
                temperature, decoding.outputNoise(), decoding.guidance(),
                perSite(", output noise on ", decoding.siteNoise()) + perSite(", guidance on ", decoding.siteGuidance())
                    + perSite(", condition guidance on ", decoding.siteConditionGuidance())
                    + (decoding.guidanceSpread() > 0 ? ", guidance spread " + decoding.guidanceSpread() : "")
                    + stretches(decoding.siteStretch()));
        }

        private static String stretches(Map<String, List<Double>> values) {
            StringBuilder sb = new StringBuilder();
            new java.util.TreeMap<>(values).forEach((site, k) -> sb.append(", stretch on ").append(site).append(' ')
                .append(k.stream().map(v -> String.format(java.util.Locale.ROOT, "%.2f", v)).collect(java.util.stream.Collectors.joining(":"))));
            return sb.toString();
        }

        private static String perSite(String what, Map<String, Double> values) {
            StringBuilder sb = new StringBuilder();
            new java.util.TreeMap<>(values).forEach((site, v) -> sb.append(String.format(java.util.Locale.ROOT, "%s%s %.3f", what, site, v)));
            return sb.toString();
        }
    }

    /** Which settings a plan takes. */
    public enum Setup {
        /** Türk et al.'s published hyperparameters, the decoder's mean output at temperature 1. */
        PAPER,
        /** The settings tuned on this data ({@link #tuned}; measurements in docs/main-job.md). */
        TUNED;

        /** "paper" or "tuned" (any case); a clear message naming the option for anything else. */
        public static Setup parse(String option, String optionName) {
            return switch (option == null ? "" : option.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "tuned" -> TUNED;
                case "paper" -> PAPER;
                default -> throw new IllegalArgumentException(optionName + " must be tuned or paper, was '" + option + "'");
            };
        }
    }

    /**
     * The study's tuned plans of a family (the search is logged in docs/main-job.md): one per family, two for the
     * VAE; Türk et al.'s training settings at the given steps unless said. The plans are tuned towards different
     * goals (the issue's best-model goals may come from different models):
     * <ul>
     *   <li>the VAE towards precision: KL weight β 0.2 (the paper: 0.1), which keeps the decoder closer to
     *       what each class's rows share; a draw of the decoder's Gaussian observation model at 0.2 of its own
     *       standard deviation √(β/2) instead of its mean, class guidance 0.1 on A, B, C and 0.2 on D;</li>
     *   <li>the VAE-wide towards coverage and JS: hidden 512×512 and a 16-wide latent (the paper: 256×256, 8) at
     *       β 0.1, observation noise 0.4·√(β/2), guidance 0.1 on A and B, none on C (guidance pulls C to Cs and Rb
     *       and away from Li); D is guided through the condition instead of its output (D decoded from c + 0.8·(c − c̄),
     *       the class vector moved beyond class 1 away from the mean class), which reaches He in more training seeds
     *       than output guidance did; each sample's guidance drawn between none and twice the set strength (spread 1: on D it reaches F,
     *       Ne and He rather than mostly Ne). The wider decoder keeps more variety inside class 1 at the same
     *       precision;</li>
     *   <li>the VAE-GAN towards coverage and JS as well: observation noise 0.3·√(β/2), class guidance 0.1 on A, B, C and
     *       0.2 on D, where class 1 differs (F on every class-1 training row; the guidance moves part of D to the
     *       code neighbours Ne and He). Per-site guidance is a decoding option: it reads no label beyond the
     *       training classes, the strengths were chosen by the measurements;</li>
     *   <li>the WGAN-GP (no likelihood, no observation noise) trains with Adam 1e-4 (β 0.5, 0.9) and a 16-wide latent
     *       (1e-5 undertrains), a packed critic (PacGAN, 2 rows per critic input: unpacked, 5 of 10 seeds fell behind the prevalence
     *       baseline) at batch 400, so the critic sees 200 inputs (at batch 200, 1 of 10 still fell behind) and samples at temperature 0.8
     *       with class guidance 0.15.</li>
     * </ul>
     */
    public static List<ModelPlan> tuned(ModelFamily family, int steps) {
        TrainingSettings base = trainingSettings(family, steps, 0);
        return switch (family) {
            case VAE -> {
                TrainingSettings vae = base.toBuilder().beta(0.2).build();
                TrainingSettings wide = base.toBuilder().hiddenLayers(List.of(512, 512)).latentSize(16).build();
                yield List.of(
                    new ModelPlan(family, vae, 1.0,
                        new Sampler.Decoding(0.2 * Sampler.likelihoodSd(vae.beta()), 0.1, Map.of(), Map.of("D", 0.2))),
                    new ModelPlan(family, wide, 1.0, new Sampler.Decoding(0.4 * Sampler.likelihoodSd(wide.beta()), 0.1,
                        Map.of(), Map.of("D", 0.0, "C", 0.0), 1, Map.of("D", 0.8)), "wide"));
            }
            case VAE_GAN -> List.of(new ModelPlan(family, base, 1.0,
                new Sampler.Decoding(0.3 * Sampler.likelihoodSd(base.beta()), 0.1, Map.of(), Map.of("D", 0.2))));
            case WGAN_GP -> List.of(new ModelPlan(family, base.toBuilder().learningRate(1e-4).adam(0.5, 0.9).latentSize(16)
                .criticPack(2).batchSize(400).build(), 0.8, new Sampler.Decoding(0, 0.15)));
        };
    }

    /** Training steps at which the tuned plans were measured (the paper: 10,000). */
    public static final int TUNED_STEPS = 4_000;

    /**
     * The paper's training steps of a family: the VAE 10,000 updates and the WGAN-GP 200,000 generator steps (each
     * with its 5 critic steps), as Türk et al. trained them; the VAE-GAN, which the paper does not have, its defaults'
     * 10,000. The families' defaults ({@link TrainingSettings#defaults}) keep 10,000 for the WGAN-GP too, because
     * a node or a {@code genmat train} run should end in minutes, not hours.
     */
    public static int paperSteps(ModelFamily family) {
        return family == ModelFamily.WGAN_GP ? PAPER_WGAN_GP_STEPS : TrainingSettings.defaults(family).steps();
    }

    /** Türk et al.'s WGAN-GP training length: 200,000 generator steps. */
    public static final int PAPER_WGAN_GP_STEPS = 200_000;

    /** The paper's plan of a family: its defaults, mean decoding at temperature 1. */
    public static ModelPlan paper(ModelFamily family, int steps) {
        return new ModelPlan(family, trainingSettings(family, steps, 0), 1.0, Sampler.Decoding.MEAN);
    }

    /** The name of a family in tables: VAE, WGAN-GP, VAE-GAN. */
    public static String displayName(ModelFamily family) {
        return family.displayName();
    }

    /**
     * The model plans: families by name, steps from {@code steps} or else {@code defaults} (null defaults: {@link #TUNED_STEPS}
     * for the tuned setup, {@link #paperSteps} for the paper's).
     */
    public static List<ModelPlan> plans(List<String> families, Map<String, Integer> steps, Map<String, Integer> defaults, Setup setup) {
        // the keys are the user's, not the families': checked once, whatever --families holds
        Map<ModelFamily, Integer> stepsOf = new java.util.EnumMap<>(ModelFamily.class);
        for (Map.Entry<String, Integer> e : steps.entrySet()) {
            ModelFamily fam = ModelFamily.parseOption("--steps", e.getKey());
            if (stepsOf.put(fam, e.getValue()) != null) {
                throw new IllegalArgumentException("--steps names the model family " + fam.optionName() + " twice");
            }
        }
        List<ModelPlan> plans = new ArrayList<>();
        java.util.Set<ModelFamily> given = java.util.EnumSet.noneOf(ModelFamily.class);
        for (String f : families) {
            ModelFamily fam = ModelFamily.parseOption("--families", f);
            String canonical = fam.optionName();
            // refused before any training: the same plans twice would train twice and then write their files over each other
            if (!given.add(fam)) {
                throw new IllegalArgumentException("--families names the model family " + canonical + " twice");
            }
            Integer n = stepsOf.containsKey(fam) ? stepsOf.get(fam) : defaults == null ? null : defaults.get(canonical);
            int st = n != null ? n : setup == Setup.TUNED ? TUNED_STEPS : paperSteps(fam);
            if (st < 1) {
                throw new IllegalArgumentException("--steps for " + canonical + " must be positive, was " + st);
            }
            plans.addAll(setup == Setup.TUNED ? tuned(fam, st) : List.of(paper(fam, st)));
        }
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("--families names no model family");
        }
        for (ModelFamily fam : stepsOf.keySet()) {
            // a step count for a family that is not run would look as if it had been used
            if (!given.contains(fam)) {
                throw new IllegalArgumentException("--steps names " + fam.optionName() + ", which --families does not run"
                    + " (it runs " + given.stream().map(ModelFamily::optionName).collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
        }
        return plans;
    }

    /** Names of the two baselines. */
    public static final String UNIFORM = "uniform", PREVALENCE = "prevalence";

    /**
     * One seed of the study: every planned model trained with {@code seed} and sampled with it, then
     * the two baselines with it. {@code monitor} sees every stage (training and sampling each model, each baseline).
     */
    public static List<Run> runSeed(Prepared p, List<ModelPlan> plans, int samples, long seed,
                                    JobMonitor monitor) {
        List<Run> runs = new ArrayList<>();
        for (ModelPlan m : plans) {
            TrainingSettings s = m.settings().toBuilder().seed(seed).build();
            runs.add(runModel(p, m.name(), m.family(), s, samples, m.temperature(), m.decoding(), seed,
                monitor));
        }
        runs.addAll(runBaselines(p, samples, seed, monitor));
        return runs;
    }

    /** The two baselines of a seed: uniform random compositions and per-site prevalence of the training class. */
    public static List<Run> runBaselines(Prepared p, int samples, long seed, JobMonitor monitor) {
        return List.of(runBaseline(p, UNIFORM, Baselines.uniform(seed), seed, samples, monitor),
            runBaseline(p, PREVALENCE, Baselines.prevalence(p.reference().trainingRowsOfTarget(), seed), seed, samples, monitor));
    }

    private record Drawn(int[] sites, StudyScorer.Scores scores) {
    }

    /** Draws until {@code samples} well-formed samples or {@code maxDraws} draws, scoring as it goes. */
    static Drawn draw(StudyReference ref, CompositionSource source, int samples, long maxDraws, String name, JobMonitor monitor) {
        StudyScorer scorer = new StudyScorer(ref, Math.max(1, samples / 100));
        int[] out = new int[4 * samples];
        int[] s = new int[4];
        int n = 0;
        String stage = "sampling " + name;
        monitor.progress(stage, 0, samples);
        while (n < samples && scorer.drawn() < maxDraws) {
            if (source.next(s)) {
                scorer.add(s[0], s[1], s[2], s[3]);
                System.arraycopy(s, 0, out, 4 * n, 4);
                n++;
                if (n % 1000 == 0) {
                    monitor.progress(stage, n, samples);
                    monitor.checkCancelled();
                }
            } else {
                scorer.malformed();
            }
        }
        if (n % 1000 != 0 || n == 0) {
            monitor.progress(stage, n, samples);
        }
        return new Drawn(n == samples ? out : java.util.Arrays.copyOf(out, 4 * n), scorer.scores());
    }
}
