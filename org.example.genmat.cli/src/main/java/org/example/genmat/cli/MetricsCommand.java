package org.example.genmat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.example.genmat.core.io.Messages;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.CsvRowSink;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.metrics.MetricsJob;
import org.example.genmat.core.job.metrics.MetricsSettings;
import org.example.genmat.core.job.metrics.MetricsTables;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.StudyTable;
import org.example.genmat.core.study.StudyTables;
import org.example.genmat.core.validity.ValidityOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genmat metrics}: validity, uniqueness, novelty, Türk and CDVAE metrics of a generated set. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Measures a generated set against its training set and an optional reference population.",
        "Validity (SMACT/CDVAE), uniqueness, novelty, rediscovery, repetitions, per-sample tags and the discovery"
            + " curve; with --class-column/--target-class Türk et al. precision and coverage; site-wise Jensen–Shannon"
            + " distance; EMD of #elements (and of density where both tables hold structures) on --emd-samples valid"
            + " samples; diversity (mean pairwise distance) and Fréchet distance of standardised Magpie composition"
            + " fingerprints; with --cutoffs CDVAE COV-R/COV-P on CrystalNN structure and Magpie composition"
            + " fingerprints where both tables hold structures, and composition-only (Magpie) COV rows always.",
        "The classes, Jensen–Shannon distance, COV, EMDs and Fréchet distance compare with --reference, or with the"
            + " training table when it is not given.",
        "Output: metric,value,n,definition."})
public final class MetricsCommand implements Callable<Integer>, SettingOptions.Ranged {

    @Mixin
    ValidityOptionsMixin validity = new ValidityOptionsMixin();

    @Option(names = "--generated", required = true, arity = "1..*",
        description = {"generated samples in generation order (CSV); several files or a glob (quote it) are the "
            + "shards 0..K-1 of one 'genmat sample --shard k/K' run, in shard order, and give exactly the "
            + "unsharded run's metrics" + SampleCommand.SHARDS_CHECKED})
    List<String> generated;

    @Option(names = "--training", required = true, description = "training set (CSV)")
    Path training;

    @Option(names = "--reference", description = "reference population: test set or enumerated space (CSV); default:"
        + " the training table")
    Path reference;

    @Option(names = "--class-column", description = "class column (non-negative integers) of --reference, or of the"
        + " training table without --reference")
    String classColumn;

    @Option(names = "--target-class", description = "class the generation was conditioned on")
    Integer targetClass;

    @Option(names = "--cutoffs", description = "COV cutoffs: perov5 (0.2/4), carbon24 (0.2/4), mp20 (0.4/10) or S,C"
        + " (default: none, no COV rows; each preset is calibrated for its own dataset)")
    String cutoffs;

    @Option(names = "--emd-samples", defaultValue = "1000", description = "valid samples drawn for the EMDs (default 1000)")
    int emdSamples;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the random draws (default 42)")
    long seed;

    @Option(names = "--curve-every", defaultValue = "100", description = "one curve point every N drawn samples")
    long curveEvery;

    @Option(names = "--out", required = true, description = "metrics table (CSV)")
    Path out;

    @Option(names = "--tags", description = "per-sample tags novel/repetition/rediscovery/invalid (CSV)")
    Path tags;

    @Option(names = "--curve", description = "cumulative discovery curve (CSV)")
    Path curve;

    @Option(names = "--elements", description = "element distribution per site, generated vs reference (CSV)")
    Path elements;

    @Option(names = "--study", description = {"Türk et al.'s elpasolite study table (CSV): a surrogate fitted on the training table's "
        + "formation energies labels the whole space, and the first --study-samples well-formed generated rows are scored "
        + "against --target-class (1..10) beside the uniform and prevalence baselines (seed --seed), as 'genmat demo --score' "
        + "does; needs --prototype elpasolite"})
    Path study;

    @Option(names = "--candidates", description = "with --study: the novel target-class compositions generated, ranked by "
        + "predicted formation energy, with their validity verdict (CSV)")
    Path candidates;

    @Option(names = "--energy-column", defaultValue = ElpasoliteDft.ENERGY, description = "with --study: the training table's "
        + "formation energy column, eV/atom (default ${DEFAULT-VALUE})")
    String energyColumn;

    @Option(names = "--study-samples", defaultValue = "10000", description = "with --study: well-formed generated rows scored, "
        + "and the baselines' samples (default ${DEFAULT-VALUE})")
    int studySamples;

    @Option(names = "--cache-dir", description = "with --study: folder of the surrogate cache (default ~/.cache/genmat)")
    Path cacheDir;

    @Override
    public Integer call() throws Exception {
        List<Path> generatedFiles = SampleRows.files(generated);
        for (Path p : new Path[] {training, reference}) {
            if (p != null) {
                Messages.requireReadableFile(p);
            }
        }
        Map<String, Path> targets = new LinkedHashMap<>();
        targets.put("--out", out);
        targets.put("--tags", tags);
        targets.put("--curve", curve);
        targets.put("--elements", elements);
        targets.put("--study", study);
        targets.put("--candidates", candidates);
        List<Path> inputs = new ArrayList<>(generatedFiles);
        inputs.add(training);
        inputs.add(reference);
        inputs.addAll(validity.options().inputFiles()); // an --oxidation-states file is an input too
        try (OutputFiles outputs = OutputFiles.plan(inputs, targets)) {
            measure(outputs, generatedFiles);
            outputs.commit();
        }
        return 0;
    }

    /** The options of the job's settings, named in front of the settings' messages. */
    private static final Map<String, String> OPTIONS = Map.of("structureCutoff", "--cutoffs", "compositionCutoff",
        "--cutoffs", "energyColumn", "--energy-column", "studySamples", "--study-samples", "study", "--study", "targetClass",
        "--target-class");

    @Override
    public Map<String, NumberRange> optionRanges() {
        return SettingOptions.ranges(OPTIONS, MetricsSettings.EMD_SAMPLES, MetricsSettings.TARGET_CLASS, MetricsSettings.CURVE_EVERY,
            MetricsSettings.Study.SAMPLES);
    }

    /** The options as the job's settings (checked there; a message names the option). */
    MetricsSettings settings() {
        ValidityOptions rule = validity.options();
        if (candidates != null && study == null) {
            throw new UsageException("--candidates needs --study");
        }
        MetricsEngine.Cutoffs cov = cutoffs == null ? MetricsSettings.DEFAULT_CUTOFFS
            : SettingOptions.parse("--cutoffs", () -> MetricsEngine.Cutoffs.forName(cutoffs));
        return SettingOptions.build(OPTIONS, () -> new MetricsSettings(rule, classColumn, targetClass, cov, emdSamples, seed, curveEvery,
            study == null ? null : new MetricsSettings.Study(energyColumn, studySamples, cacheDir)));
    }

    /**
     * A CSV table's rows for the job, named by its file when it is one; a malformed row is skipped with a warning (the
     * job caps the warnings).
     */
    private static MetricsJob.Input csv(List<Path> files, ConsoleMonitor monitor) {
        MetricsJob.Input rows = (reader, column, sink, warnings) -> reader.forEach(files, column,
            row -> sink.accept(new MetricsJob.Keyed("row " + row.rowNumber(), row.sample(), row.columns())), warnings,
            SampleRows.Malformed.SKIP, monitor::cancelled);
        return files.size() == 1 ? MetricsJob.Input.named(rows, files.get(0).toString()) : rows;
    }

    private void measure(OutputFiles outputs, List<Path> generatedFiles) throws Exception {
        MetricsSettings s = settings();
        ConsoleMonitor monitor = CtrlC.monitor("metrics");
        MetricsJob.Result run;
        try (CsvRowSink tagOut = tags == null ? null : new CsvRowSink(outputs.writer("--tags"), MetricsTables.TAGS)) {
            run = MetricsJob.run(s, csv(List.of(training), monitor),
                reference == null ? null : csv(List.of(reference), monitor), csv(generatedFiles, monitor), tagOut, monitor);
        }
        MetricsEngine.Result result = run.metrics();
        CsvRowSink.write(outputs.writer("--out"), MetricsTables.METRICS, MetricsTables.metricRows(run));
        if (curve != null) {
            CsvRowSink.write(outputs.writer("--curve"), MetricsTables.CURVE, MetricsTables.curveRows(result));
        }
        if (elements != null) {
            CsvRowSink.write(outputs.writer("--elements"), MetricsTables.ELEMENTS, MetricsTables.elementRows(result));
        }
        for (MetricRow r : MetricsTables.metrics(run)) {
            System.err.printf(Locale.ROOT, "  %-36s %12s  (n=%,d)%n", r.metric(), Column.text(r.value()), r.n());
        }
        if (run.study() != null) {
            MetricsJob.Study st = run.study();
            CsvRowSink.write(outputs.writer("--study"), StudyTables.scores(s.targetClass()), StudyTables.scoreRows(st.runs()));
            if (candidates != null) {
                CsvRowSink.write(outputs.writer("--candidates"), StudyTables.CANDIDATES, StudyTables.candidateRows(st.candidates()));
            }
            if (!st.skippedTraining().isEmpty()) {
                monitor.warning(st.skippedTraining().size() + " training rows left out of the surrogate, first: " + st.skippedTraining().get(0));
            }
            System.err.println();
            System.err.print(StudyTable.format(st.runs()));
        }
        System.err.printf("metrics: %s; %.1f s%n", s.validity().checker().describe(), monitor.seconds());
    }
}
