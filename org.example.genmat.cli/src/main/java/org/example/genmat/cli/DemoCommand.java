package org.example.genmat.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.example.genmat.cli.report.StudyReport;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.SampleFile;
import org.example.genmat.core.study.StudyTable;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.StabilityClasses;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.surrogate.SurrogateCache;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code genmat demo}: Türk et al.'s elpasolite study on the embedded DFT data ({@link ElpasoliteDft}),
 * one seed, shortened training: surrogate, the models of three families, two baselines, the table beside
 * Türk et al.'s Table 1 and the report folder ({@link StudyReport}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The main job: Türk et al.'s elpasolite study on the embedded DFT data (5,645 formation energies, Faber et al. 2016).",
        "Labels all 1,974,024 site assignments with a kernel-ridge surrogate (cached), trains a VAE, a WGAN-GP and a VAE-GAN"
            + " (the tuned setup: two VAEs, one towards precision, a wider one towards coverage) conditioned on the stability class, samples 10,000 well-formed class-1 compositions from each and from two baselines,"
            + " prints the table beside Türk et al.'s Table 1 and writes a report folder (index.html, plots, CSVs, models, candidates)."})
public final class DemoCommand implements Callable<Integer> {

    /** Skipped data rows printed on the console; the report lists all of them. */
    private static final int SKIPPED_SHOWN = 5;

    /**
     * Training steps of the demo (the paper: VAE 10,000, WGAN-GP 200,000): 4,000, at which the tuned settings were measured
     * (docs/main-job.md; the VAE's precision is higher at 4,000 than at 10,000), so that the whole demo stays well under
     * 10 minutes on 2 cores.
     */
    public static final Map<String, Integer> DEMO_STEPS = Map.of("vae", 4_000, "wgan-gp", 4_000, "vae-gan", 4_000);

    @Option(names = "--out-dir", description = "Report folder (default ${DEFAULT-VALUE}).", defaultValue = "genmat-demo")
    Path outDir;

    @Option(names = "--seed", description = "Seed of training, sampling and baselines (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--samples", description = "Well-formed class-1 samples per model and baseline (default ${DEFAULT-VALUE}).",
        defaultValue = "10000")
    int samples;

    @Option(names = "--families", split = ",", description = "Model families (default vae,wgan-gp,vae-gan); with --setup tuned, vae runs its two plans, VAE and VAE-wide.",
        defaultValue = "vae,wgan-gp,vae-gan")
    List<String> families;

    @Option(names = "--steps", split = ",", paramLabel = "FAMILY=STEPS", description = "Training steps per family, e.g. --steps vae=10000,wgan-gp=20000 (demo defaults: 4000 each; the paper: VAE 10,000, WGAN-GP 200,000).")
    Map<String, Integer> steps = new LinkedHashMap<>();

    @Option(names = "--temperature", description = "Standard deviation of the latent prior when sampling, for every model"
        + " (default: each plan's own, see --setup).")
    Double temperature;

    @Option(names = "--setup", description = "tuned (default): the settings tuned on this data (docs/main-job.md); paper: Türk et al.'s"
        + " hyperparameters with the decoder's mean output.", defaultValue = "tuned")
    String setup;

    @Option(names = "--data", description = "CSV with columns A, B, C, D, formation_energy_ev_per_atom (default: the embedded DFT data).")
    Path data;

    @Option(names = "--site-columns", split = ",", description = "with --data: its columns of the sites A, B, C (x2), D (x6), in that"
        + " order (default A,B,C,D).")
    List<String> siteColumns;

    @Option(names = "--energy-column", description = "with --data: its formation energy column, eV/atom (default "
        + ElpasoliteDft.ENERGY + ").")
    String energyColumn;

    @Option(names = "--cache-dir", description = "Folder of the surrogate cache (default ~/.cache/genmat).")
    Path cacheDir;

    @Option(names = "--threads", description = "Threads of the surrogate (default: all cores).", defaultValue = "0")
    int threads;

    @Option(names = "--score", split = ",", paramLabel = "CSV", description = "Score these tables of generated"
        + " elpasolites instead of training (Sample Latent's or genmat sample's candidate table, columns A, B, C, D and"
        + " note; or a report's samples-<name>.csv): the first --samples well-formed rows of each, in file order, beside"
        + " the two baselines. Prints the table; writes no report.")
    List<Path> score;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        // refused before the long work starts: the report folder must be a folder we can write (created when missing)
        if (score == null || score.isEmpty()) {
            OutputFiles.requireWritableFolder("--out-dir", outDir);
        }
        return run(t0, CtrlC.monitor("genmat demo"), "genmat demo");
    }

    private int run(long t0, ConsoleMonitor monitor, String command) throws Exception {
        if (samples < 1) {
            throw new UsageException("--samples must be positive");
        }
        List<TurkStudy.ModelPlan> plans = SettingOptions.parse(() -> TurkStudy.plans(families, steps, DEMO_STEPS,
            TurkStudy.Setup.parse(setup, "--setup")));
        if (temperature != null) {
            double t = SettingOptions.build(Map.of(), () -> SampleSettings.TEMPERATURE.check(temperature));
            plans = plans.stream().map(m -> m.withTemperature(t)).toList();
        }
        SettingOptions.build(Map.of(), () -> Surrogate.THREADS.check((long) threads));
        // tables to score are read before the surrogate, so that a wrong file is refused at once
        List<SampleFile> scored = score == null || score.isEmpty() ? null : readScored();
        if (data == null && (siteColumns != null || energyColumn != null)) {
            throw new UsageException((siteColumns != null ? "--site-columns" : "--energy-column") + " names a column of --data,"
                + " which is not given (the embedded data has the columns " + String.join(", ", ElpasoliteDft.SITES) + ", "
                + ElpasoliteDft.ENERGY + ")");
        }
        ElpasoliteDft.Table table = data == null ? ElpasoliteDft.embedded()
            : ElpasoliteDft.read(data, siteColumns != null ? siteColumns : ElpasoliteDft.SITES,
                energyColumn != null ? energyColumn : ElpasoliteDft.ENERGY);
        System.out.printf(Locale.ROOT, "GenMat demo: Türk et al.'s elpasolite study %s%n", scored == null ? "-> " + outDir.toAbsolutePath()
            : "scoring " + scored.size() + " table" + (scored.size() == 1 ? "" : "s") + " (no report is written)");
        System.out.printf(Locale.ROOT, "1. data: %,d DFT formation energies (%s)%s%n", table.rows().size(),
            table.embedded() ? ElpasoliteDft.CITATION : table.source(), skippedText(table.skipped(), scored == null));
        String repeats = ElpasoliteDft.repeatsNote(table.repeatedCompositions());
        if (!repeats.isEmpty()) {
            System.out.printf(Locale.ROOT, "   %s%s%n", repeats, scored == null ? " (all in the report's " + StudyReport.REPEATED_COMPOSITIONS
                + ")" : "");
        }
        TurkStudy.Prepared p = TurkStudy.prepare(table, Surrogate.Settings.defaults(), 1, cacheDir(cacheDir), threads(threads), monitor);
        Surrogate.Result s = p.surrogate();
        long[] sizes = p.reference().classSizes();
        System.out.printf(Locale.ROOT, "2. surrogate: kernel ridge regression, sigma %s, lambda %s (CV), hold-out MAE %.3f eV/atom on %d rows;"
            + " labelled the space %s%s%n   compositions per class 1..10: %s%n", s.sigma(), s.lambda(), s.holdoutMae(), s.holdoutRows(),
            s.fromCache() ? "(from the cache)" : String.format(Locale.ROOT, "in %.1f s (fits %.1f s)", s.labelSeconds(), s.fitSeconds()),
            s.subsetNote().isEmpty() ? "" : "\n   " + s.subsetNote(),
            java.util.Arrays.toString(java.util.Arrays.copyOfRange(sizes, 1, StabilityClasses.COUNT + 1)));
        if (scored != null) {
            return score(p, scored, monitor);
        }
        System.out.printf(Locale.ROOT, "3. models (class-balanced, conditioned on the class; seed %d; steps %s) and baselines, %,d well-formed"
            + " class-1 samples each%n", seed, stepsText(plans), samples);
        List<TurkStudy.Run> runs = TurkStudy.runSeed(p, plans, samples, seed, monitor);
        List<NovelCandidates.Candidate> candidates = NovelCandidates.rank(p, runs);
        System.out.println();
        System.out.print(StudyTable.format(runs));
        System.out.println();
        List<String> notes = new ArrayList<>(whichModelIsWhich(TurkStudy.Setup.parse(setup, "--setup"), plans));
        notes.add(String.format(Locale.ROOT, "Settings (%s): seed %d for every model and baseline; training steps %s (Türk et al.: VAE 10,000, WGAN-GP 200,000);"
            + " %,d well-formed samples each.", setup, seed, stepsText(plans), samples));
        for (TurkStudy.ModelPlan m : plans) {
            notes.add(m.describe());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> files = StudyReport.write(outDir, new StudyReport.Input(typedCommand(command), p, runs, candidates, notes, seconds));
        long valid = candidates.stream().filter(NovelCandidates.Candidate::valid).count();
        System.out.printf(Locale.ROOT, "4. %,d novel class-1 candidates proposed by the models (%,d pass GenMat's validity check) -> candidates.csv%n",
            candidates.size(), valid);
        System.out.printf(Locale.ROOT, "5. report: %s (%d files) in %.0f s%n", outDir.resolve("index.html").toAbsolutePath(), files.size(),
            (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /**
     * The report's lines on what the setup is and which model is which: the tuned setup's two VAEs and what each was tuned
     * towards, and that the VAE-GAN is not in Türk et al.'s study (so no Table 1 figures); the seeds the tuned settings
     * were chosen on, which the paper's setup was not.
     */
    static List<String> whichModelIsWhich(TurkStudy.Setup setup, List<TurkStudy.ModelPlan> plans) {
        List<String> names = plans.stream().map(TurkStudy.ModelPlan::name).toList();
        List<String> lines = new ArrayList<>();
        if (setup == TurkStudy.Setup.PAPER) {
            lines.add("Setup paper: Türk et al.'s hyperparameters, each model decoded to its mean output (no output noise, no"
                + " guidance), at the training steps below.");
        } else {
            lines.add("Setup tuned: settings tuned on this data by measuring these scores on seeds 1–10, the demo's seed among"
                + " them; genmat bench turk --setup tuned --seeds 11-50 measures them on seeds they were not chosen on.");
            if (names.contains("VAE") && names.contains("VAE-wide")) {
                TurkStudy.ModelPlan vae = plans.get(names.indexOf("VAE")), wide = plans.get(names.indexOf("VAE-wide"));
                lines.add(String.format(Locale.ROOT, "VAE and VAE-wide are two VAEs trained separately on the same rows, because no"
                    + " one VAE reached both ends: VAE (KL weight %s) is tuned towards precision, VAE-wide (a wider network, hidden %s"
                    + " and latent %d) towards coverage and JS.", vae.settings().beta(), wide.settings().hiddenLayers().stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining("×")), wide.settings().latentSize()));
            }
        }
        if (names.contains("VAE-GAN")) {
            lines.add("The VAE-GAN (a VAE whose decoder also learns against a critic) is not in Türk et al.'s study"
                + (setup == TurkStudy.Setup.PAPER ? " (this setup trains it with GenMat's defaults)" : "")
                + ", so its row has no Table 1 figures.");
        }
        return lines;
    }

    /**
     * The command as it was typed, for the report's "made by": {@code command} with the options given, so that a report of
     * {@code --seed 5 --families vae} does not read as if the plain {@code genmat demo} had made it.
     */
    String typedCommand(String command) {
        ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        return parsed == null ? command : commandLine(command, parsed.originalArgs().subList(parsed.originalArgs().indexOf("demo") + 1,
            parsed.originalArgs().size()));
    }

    /** {@code command} followed by {@code args}, each quoted for a POSIX shell where it needs it (spaces, quotes, $, *). */
    static String commandLine(String command, List<String> args) {
        StringBuilder s = new StringBuilder(command);
        for (String a : args) {
            s.append(' ').append(a.matches("[A-Za-z0-9_./=,:@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }

    /** The tables of {@code --score}; each must have a well-formed row. */
    private List<SampleFile> readScored() throws java.io.IOException {
        List<SampleFile> files = new ArrayList<>();
        for (Path f : score) {
            files.add(SampleFile.read(f).requireWellFormed());
        }
        return files;
    }

    /** {@code --score}: the tables' rows scored as streams, beside the baselines; the table printed, no report. */
    private int score(TurkStudy.Prepared p, List<SampleFile> files, ConsoleMonitor monitor) {
        System.out.printf(Locale.ROOT, "3. scoring %d table(s) of generated elpasolites, the first %,d well-formed rows of each, and the"
            + " baselines (seed %d)%n", files.size(), samples, seed);
        List<TurkStudy.Run> runs = TurkStudy.scoreTables(p, files, samples, seed, monitor);
        for (int i = 0; i < files.size(); i++) {
            SampleFile file = files.get(i);
            TurkStudy.Run run = runs.get(i);
            System.out.printf(Locale.ROOT, "   %s: %,d rows, %,d well-formed, scored %,d of them in %,d draws%s%s%n", file.name(), file.rows(),
                file.wellFormed(), run.samples(), run.scores().drawn(),
                run.samples() < samples ? " (fewer than --samples " + samples + ")" : "",
                file.firstProblem() == null ? "" : "; first malformed " + file.firstProblem());
        }
        System.out.println();
        System.out.print(StudyTable.format(runs));
        return 0;
    }

    /** The rows of the data left out: the count, the first few messages and, when a report is written, the file with all of them. */
    static String skippedText(List<String> skipped, boolean report) {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, ", %,d row%s left out:", skipped.size(),
            skipped.size() == 1 ? "" : "s"));
        // without a report the console is the only place that can list them: all are shown
        int shown = report ? Math.min(SKIPPED_SHOWN, skipped.size()) : skipped.size();
        for (String problem : skipped.subList(0, shown)) {
            text.append(System.lineSeparator()).append("   ").append(problem);
        }
        if (shown < skipped.size()) {
            text.append(System.lineSeparator()).append(String.format(Locale.ROOT, "   … %,d more (all in the report's %s)",
                skipped.size() - shown, StudyReport.SKIPPED_ROWS));
        }
        return text.toString();
    }

    public static String stepsText(List<TurkStudy.ModelPlan> plans) {
        List<String> parts = new ArrayList<>();
        for (TurkStudy.ModelPlan m : plans) {
            parts.add(m.name() + " " + m.settings().steps());
        }
        return String.join(", ", parts);
    }

    /** The cache folder: the option, else {@link SurrogateCache#defaultDir}. */
    public static Path cacheDir(Path option) {
        return option != null ? option : SurrogateCache.defaultDir();
    }

    public static int threads(int option) {
        return option > 0 ? option : Runtime.getRuntime().availableProcessors();
    }
}
