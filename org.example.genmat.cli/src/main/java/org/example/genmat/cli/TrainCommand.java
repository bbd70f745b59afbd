package org.example.genmat.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.example.genmat.core.featurize.CompositionVector;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.featurize.PeriodicStructure;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.job.CsvRowSink;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.job.train.TrainJob;
import org.example.genmat.core.job.train.TrainResult;
import org.example.genmat.core.job.train.TrainSettings;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genmat train}: trains a VAE, WGAN-GP or VAE-GAN on a crystal table and writes a .genmat model. */
@Command(name = "train", mixinStandardHelpOptions = true, resourceBundle = "org.example.genmat.cli.TrainDefaults",
    description = "Train a generative model (VAE, WGAN-GP, VAE-GAN) on a crystal table and save it as a .genmat file."
        + " Progress goes to stderr; Ctrl-C stops within a second and writes nothing.")
public final class TrainCommand implements Callable<Integer>, SettingOptions.Ranged {

    @Option(names = "--model", required = true, description = "Model family: vae, wgan-gp or vae-gan.")
    String model;

    @Option(names = "--in", required = true, description = "Training table: CSV with the columns of 'genmat read' (cif, composition or formula), or a CIF file,"
        + " read as 'genmat read' reads it (POSCARs, folders, zips: 'genmat read' them into a table first).")
    Path in;

    @Option(names = "--representation", required = true, description = "elpasolite, perovskite, composition or structure.")
    String representation;

    @Option(names = "--max-sites", description = "Structure: number of site slots, at most " + PeriodicStructure.MAX_SITES
        + "; crystals with more sites are skipped (default: the largest training crystal of at most "
        + PeriodicStructure.MAX_SITES + " sites).")
    int maxSites;

    @Option(names = "--max-atoms", description = "Composition: largest decoded formula unit (default ${DEFAULT-VALUE}).",
        defaultValue = "" + CompositionVector.DEFAULT_MAX_ATOMS)
    int maxAtoms;

    @Option(names = "--one-hot-sites", description = "Prototype representations: one-hot per site instead of the (period, group) code.")
    boolean oneHotSites;

    @Option(names = "--no-swap", description = "Elpasolite: do not augment the training set with the A<->B swap.")
    boolean noSwap;

    @Option(names = "--class-column", description = "Condition on this class column (one-hot).")
    String classColumn;

    @Option(names = "--property-column", description = "Condition on this numeric column (standardised).")
    String propertyColumn;

    @Option(names = "--class-balanced", description = "Draw batches with probability inverse to class frequency.")
    boolean classBalanced;

    @Option(names = "--preset", description = "Hyperparameter preset: default (Türk et al.) or fast (Adam 1e-4, beta 0.5/0.9).", defaultValue = "default")
    String preset;

    @Option(names = "--steps", description = "Decoder/generator updates (default: ${bundle:default.steps}).")
    Integer steps;

    @Option(names = "--batch", description = "Batch size (default: ${bundle:default.batch}).")
    Integer batch;

    @Option(names = "--latent", description = "Latent size (default: ${bundle:default.latent}).")
    Integer latent;

    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes (default: ${bundle:default.hidden}).")
    List<Integer> hidden;

    @Option(names = "--critic-hidden", split = ",",
        description = "Critic hidden layer sizes (default: ${bundle:default.critic-hidden}).")
    List<Integer> criticHidden;

    @Option(names = "--beta", description = "KL weight (VAE, VAE-GAN; default: ${bundle:default.beta}).")
    Double beta;

    @Option(names = "--beta-warmup",
        description = "Steps over which beta grows from 0 (default: ${bundle:default.beta-warmup}).")
    Integer betaWarmup;

    @Option(names = "--layer-norm", negatable = true,
        description = "Layer normalisation in encoder/decoder (default: ${bundle:default.layer-norm}).")
    Boolean layerNorm;

    @Option(names = "--lr", description = "Adam learning rate (default: ${bundle:default.lr}).")
    Double lr;

    @Option(names = "--adam-beta1", description = "Adam beta1 (default: ${bundle:default.adam-beta1}).")
    Double adamBeta1;

    @Option(names = "--adam-beta2", description = "Adam beta2 (default: ${bundle:default.adam-beta2}).")
    Double adamBeta2;

    @Option(names = "--gp-lambda", description = "Gradient-penalty weight (default: ${bundle:default.gp-lambda}).")
    Double gpLambda;

    @Option(names = "--n-critic",
        description = "Critic updates per generator update (default: ${bundle:default.n-critic}).")
    Integer nCritic;

    @Option(names = "--critic-pack", description = "WGAN-GP, VAE-GAN: rows the critic scores at once (PacGAN; 1 = off, the"
        + " default). The batch must be a multiple of it.")
    Integer criticPack;

    @Option(names = "--adversarial-weight", description = "VAE-GAN: weight of the adversarial terms (decoded and"
        + " prior; default: ${bundle:default.adversarial-weight}).")
    Double adversarialWeight;

    @Option(names = "--device", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).", defaultValue = "auto")
    String device;

    @Option(names = "--threads", description = "TensorFlow threads (0 = one per core).", defaultValue = "0")
    int threads;

    @Option(names = "--history-every", description = "Record a history row every N steps.")
    Integer historyEvery;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", required = true, description = "Model file to write (.genmat).")
    Path out;

    @Option(names = "--history", description = "Training history CSV to write.")
    Path history;

    /** The option of each settings component, named in front of the settings' messages. */
    private static final Map<String, String> OPTIONS = Map.of("family", "--model", "latentSize", "--latent",
        "batchSize", "--batch", "hiddenLayers", "--hidden", "criticLayers", "--critic-hidden", "betaWarmupSteps",
        "--beta-warmup", "learningRate", "--lr", "adversarialWeightDecoded", "--adversarial-weight",
        "adversarialWeightPrior", "--adversarial-weight");

    @Override
    public Map<String, NumberRange> optionRanges() {
        return SettingOptions.ranges(OPTIONS, TrainingSettings.STEPS, TrainingSettings.BATCH_SIZE, TrainingSettings.LATENT_SIZE,
            TrainingSettings.HIDDEN_WIDTH, TrainingSettings.CRITIC_WIDTH, TrainingSettings.BETA, TrainingSettings.BETA_WARMUP_STEPS,
            TrainingSettings.LEARNING_RATE, TrainingSettings.ADAM_BETA1, TrainingSettings.ADAM_BETA2, TrainingSettings.GP_LAMBDA,
            TrainingSettings.N_CRITIC, TrainingSettings.CRITIC_PACK, TrainingSettings.ADVERSARIAL_WEIGHT_DECODED,
            TrainingSettings.HISTORY_EVERY, TrainingSettings.THREADS, Featurizers.Options.MAX_SITES, Featurizers.Options.MAX_ATOMS);
    }

    /** @throws SettingException (setting {@code family}, option --model) for a name that is no family */
    static ModelFamily family(String s) {
        try {
            return ModelFamily.parse(s);
        } catch (IllegalArgumentException e) {
            throw new SettingException("family", e.getMessage());
        }
    }

    TrainingSettings settings(ModelFamily fam) {
        TrainingSettings.Builder b = TrainingSettings.preset(fam, preset).toBuilder();
        if (steps != null) b.steps(steps);
        if (batch != null) b.batchSize(batch);
        if (latent != null) b.latentSize(latent);
        if (hidden != null) b.hiddenLayers(hidden);
        if (criticHidden != null) b.criticLayers(criticHidden);
        if (beta != null) b.beta(beta);
        if (betaWarmup != null) b.betaWarmupSteps(betaWarmup);
        if (layerNorm != null) b.layerNorm(layerNorm);
        if (lr != null) b.learningRate(lr);
        if (adamBeta1 != null) b.adamBeta1(adamBeta1);
        if (adamBeta2 != null) b.adamBeta2(adamBeta2);
        if (gpLambda != null) b.gpLambda(gpLambda);
        if (nCritic != null) b.nCritic(nCritic);
        if (criticPack != null) b.criticPack(criticPack);
        if (adversarialWeight != null) b.adversarialWeights(adversarialWeight, adversarialWeight);
        if (historyEvery != null) b.historyEvery(historyEvery);
        b.classBalanced(classBalanced).seed(seed.value()).threads(threads)
            .device(device(device));
        return b.build();
    }

    static TrainingSettings.Device device(String name) {
        try {
            return TrainingSettings.Device.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingException("device", "the device must be auto, cpu or gpu, not '" + name + "'");
        }
    }

    @Override
    public Integer call() throws Exception {
        ModelFamily fam = SettingOptions.build(OPTIONS, () -> family(model));
        Map<String, Path> targets = new LinkedHashMap<>();
        targets.put("--out", out);
        targets.put("--history", history);
        // refused before the training table is read: an output that is the input, the other output, a folder, a device
        try (OutputFiles outputs = OutputFiles.plan(List.of(in), targets)) {
            return train(fam, outputs);
        }
    }

    private int train(ModelFamily fam, OutputFiles outputs) throws Exception {
        TrainingSettings s = SettingOptions.build(OPTIONS, () -> settings(fam));
        Map<String, String> user = new LinkedHashMap<>();
        user.put("command", "train");
        user.put("model", model);
        user.put("in", in.toString());
        user.put("representation", representation);
        user.put("preset", preset);
        if (classColumn != null) user.put("classColumn", classColumn);
        if (propertyColumn != null) user.put("propertyColumn", propertyColumn);
        TrainSettings job = SettingOptions.build(OPTIONS, () -> new TrainSettings(fam, representation,
            new Featurizers.Options(maxSites, maxAtoms, oneHotSites, !noSwap), classColumn, propertyColumn, s, user));
        long t0 = System.nanoTime();
        // the history lines below are the command's progress, so the monitor passed on only cancels (Ctrl-C)
        ConsoleMonitor monitor = CtrlC.monitor("genmat train");
        // the job runs on a thread of its own while this one looks for Ctrl-C every 50 ms: reading the table, fitting the
        // featurizer, loading TensorFlow and its first session run are calls of a second or more that look at no cancel
        // (a Ctrl-C then waited for the 2 s grace); the steps look themselves, and nothing is written before the job ends
        TrainResult result;
        try {
            result = monitor.await(() -> {
                try {
                    return TrainJob.run(job, in, JobMonitor.cancelledWhen(monitor::cancelled), historyLines(s.steps()),
                        line -> System.err.println(line));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        CancelRequest.checkNotRequested();
        try (java.io.OutputStream o = new java.io.BufferedOutputStream(outputs.stream("--out"))) {
            result.model().save(o);
        }
        if (history != null) {
            try (CsvRowSink rows = new CsvRowSink(outputs.writer("--history"), TrainJob.HISTORY)) {
                TrainJob.writeHistory(result.history(), rows);
            }
        }
        outputs.commit();
        List<HistoryRow> h = result.history();
        System.err.printf(Locale.ROOT, "trained %s in %.1f s on %s; model written to %s%n", fam.displayName(), (System.nanoTime() - t0) / 1e9,
            h.isEmpty() ? "?" : h.get(h.size() - 1).device(), out);
        return 0;
    }

    /** A history row as a line with its losses: at most about two lines a second, plus the last step. */
    static Consumer<HistoryRow> historyLines(int totalSteps) {
        return new Consumer<>() {
            private long lastPrint;

            @Override
            public void accept(HistoryRow r) {
                long now = System.nanoTime();
                int step = r.step();
                if (step < totalSteps && now - lastPrint < 500_000_000L) {
                    return;
                }
                lastPrint = now;
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %d/%d", step, totalSteps));
                add(sb, "recon", r.reconstruction());
                add(sb, "kl", r.kl());
                add(sb, "critic", r.critic());
                add(sb, "gen", r.generator());
                add(sb, "gp", r.gradientPenalty());
                add(sb, "W", r.wassersteinEstimate());
                sb.append(String.format(Locale.ROOT, " %.1fs %s", r.seconds(), r.device()));
                System.err.println(sb);
            }
        };
    }

    private static void add(StringBuilder sb, String name, double v) {
        if (!Double.isNaN(v)) {
            sb.append(String.format(Locale.ROOT, " %s=%.4g", name, v));
        }
    }
}
