package org.example.genmat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.job.CsvRowSink;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.sample.CandidateTable;
import org.example.genmat.core.job.sample.SampleInput;
import org.example.genmat.core.job.sample.SampleJob;
import org.example.genmat.core.job.sample.SampleMode;
import org.example.genmat.core.job.sample.SampleResult;
import org.example.genmat.core.job.sample.SampleSettings;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genmat sample}: maps its options onto {@link SampleSettings}, runs {@link SampleJob} and writes the
 * {@link CandidateTable} as CSV.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Samples candidates from a trained model, or decodes interpolated, re-encoded or given latents.",
        "Sample candidates from a trained model (--mode prior), decode along the line between two encoded"
        + " rows (--mode interpolate), encode rows and decode them again (--mode encode) or decode a latent table"
        + " (--mode decode, columns z1 ... zk).",
        "Every mode writes the candidate table: origin, formula, composition, condition, the prototype site columns,"
            + " for structure models a, b, c, alpha, beta, gamma, volume, nsites, density, spacegroup, cif (P1),"
            + " then z1 ... zk and note — the table Sample Latent writes."})
public final class SampleCommand implements java.util.concurrent.Callable<Integer>, SettingOptions.Ranged {

    @Option(names = "--model", required = true, description = "Model file (.genmat).")
    Path model;

    // no picocli default: the engine's default depends on the mode (SampleSettings.defaultCount)
    @Option(names = "--n", description = "Number of samples (prior; default " + SampleSettings.DEFAULT_SAMPLES
        + ") or points on the line, both ends included (interpolate; default " + SampleSettings.DEFAULT_STEPS + ").")
    Long n;

    @Option(names = "--class", description = "Class label to generate (class-conditioned models; default: drawn from the training frequencies).")
    String classLabel;

    @Option(names = "--condition", description = "Property value to generate at (property-conditioned models; default: training mean).")
    String condition;

    @Option(names = "--temperature", description = "Prior: standard deviation of the latent prior (default ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double temperature;

    @Option(names = "--output-noise", defaultValue = "0", description = "Prior: standard deviation of Gaussian noise"
        + " added to every decoded value, a draw from the decoder's observation model (default ${DEFAULT-VALUE}: its mean).")
    double outputNoise;

    @Option(names = "--guidance", defaultValue = "0", description = "Prior, class models: class guidance weight w,"
        + " dec(z,c) + w*(dec(z,c) - dec(z,mean class)) (default ${DEFAULT-VALUE}: plain conditional decoding).")
    double guidance;

    @Option(names = "--site-guidance", paramLabel = "SITE=W,...", description = "Prior, class models: class guidance"
        + " of single sites, replacing --guidance there, e.g. D=0.2 or D=0,C=0 (prototype models: the site names).")
    String siteGuidance;

    @Option(names = "--condition-guidance", paramLabel = "SITE=W,...", description = "Prior, class models: guidance"
        + " through the condition of single sites: the site decoded from c + w*(c - mean class), e.g. D=0.8.")
    String conditionGuidance;

    @Option(names = "--guidance-spread", defaultValue = "0", description = "Prior, class models: each sample's"
        + " guidance multiplied by 1 + s*u, u uniform in [-1, 1] per sample (0 to 1; default ${DEFAULT-VALUE}).")
    double guidanceSpread;

    @Mixin
    SeedOption seed = new SeedOption();

    /** What filter and metrics check of the shards they are given (their --in / --generated help). */
    static final String SHARDS_CHECKED = "; the origin column of each shard names its run and shard, and files of"
        + " other runs, a missing shard or one out of place are refused";

    @Option(names = "--shard", description = "k/K: write only shard k (0-based) of K of the seed's stream (default"
        + " ${DEFAULT-VALUE}). With K > 1 every row's origin names the run and shard ('shard k/K of seed S, n N, model M,"
        + " options O'; M: the model file's SHA-256, first 8 digits), which filter and metrics check when merging.",
        defaultValue = "0/1")
    String shard;

    @Option(names = "--mode", description = "prior, interpolate, encode or decode (default ${DEFAULT-VALUE}). interpolate:"
        + " each of the two rows is encoded with its own value of the model's condition column and the condition moves"
        + " from one to the other along the line; --class/--condition puts the whole line under one condition instead.",
        defaultValue = "prior")
    String mode;

    @Option(names = "--in", description = "Input table for --mode interpolate, encode (crystals) and decode (z1 ... zk).")
    Path in;

    @Option(names = "--rows", split = ",", description = "Interpolate: the two rows (1-based) of --in to interpolate between (default 1,2).")
    List<Integer> rows;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Spec
    CommandSpec spec;

    /** The option of each settings component, named in front of the settings' messages. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("samples", "--n"), Map.entry("steps", "--n"),
        Map.entry("firstRow", "--rows"), Map.entry("secondRow", "--rows"), Map.entry("shards", "--shard"),
        Map.entry("input", "--in"));

    @Override
    public Map<String, NumberRange> optionRanges() {
        return SettingOptions.ranges(OPTIONS, SampleSettings.SAMPLES, SampleSettings.TEMPERATURE, SampleSettings.FIRST_ROW,
            SampleSettings.OUTPUT_NOISE, SampleSettings.GUIDANCE, SampleSettings.GUIDANCE_SPREAD);
    }

    /** The options as the job's settings (checked there; a message names the option). */
    SampleSettings settings() {
        return SettingOptions.build(OPTIONS, this::checkedSettings);
    }

    private SampleSettings checkedSettings() {
        if (classLabel != null && condition != null) {
            throw new UsageException("give either --class or --condition, not both");
        }
        SampleMode m = SampleMode.forName(mode);
        requireOptionsOfMode(m);
        List<Integer> pick = rows == null ? List.of(1, 2) : rows;
        if (pick.size() != 2) {
            throw new UsageException("--rows needs exactly two row numbers, e.g. 1,2");
        }
        int[] sh = SampleSettings.parseShard(shard);
        // --n counts samples in prior mode and points on the line in interpolate mode
        long count = n != null ? n : SampleSettings.defaultCount(m);
        long samples = m == SampleMode.INTERPOLATE ? 0 : count;
        int steps = m == SampleMode.INTERPOLATE ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, count))
            : SampleSettings.DEFAULT_STEPS;
        return new SampleSettings(m, samples, steps, classLabel != null ? classLabel : condition, temperature, seed.value(), sh[0],
            sh[1], pick.get(0), pick.get(1), SampleSettings.decoding(outputNoise, guidance, siteGuidance, conditionGuidance,
            guidanceSpread));
    }

    /**
     * Refuses an option given in a mode its setting does not act in ({@link SampleMode#modesOf}), naming the modes where
     * it does: ignored, it would look as if it had acted (an --output-noise of encode gave the same bytes as none).
     */
    private void requireOptionsOfMode(SampleMode m) {
        if (spec == null || spec.commandLine().getParseResult() == null) {
            return; // not run from a command line: nothing was given
        }
        for (OptionSpec given : spec.commandLine().getParseResult().matchedOptions()) {
            String option = given.longestName();
            Set<SampleMode> modes = EnumSet.noneOf(SampleMode.class);
            for (String setting : SampleMode.modeBoundSettings()) {
                if (SettingOptions.option(OPTIONS, setting).equals(option)) {
                    modes.addAll(SampleMode.modesOf(setting));
                }
            }
            if (!modes.isEmpty() && !modes.contains(m)) {
                List<String> names = modes.stream().map(SampleMode::label).toList();
                throw new UsageException(option + " applies to --mode " + (names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1))
                    + " only, not to --mode " + m.label());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        SampleSettings s = settings();
        if (s.mode().readsInput() && in == null) {
            throw new UsageException("--mode " + mode + " needs --in with the rows to read");
        }
        // refused before the model is read: an output that is the model, the input table, a folder or a device
        try (OutputFiles outputs = OutputFiles.plan(Arrays.asList(model, in), "--out", out)) {
            GenerativeModel m = GenerativeModel.load(model);
            requireConditionOption(m.conditioning());
            // the option a condition's message names: the one given, else the one the model's kind of condition takes
            Map<String, String> conditionOption = Map.of("condition", classLabel != null ? "--class" : condition != null ? "--condition"
                : m.conditioning().kind() == Conditioning.Kind.CLASS ? "--class" : "--condition");
            if (s.condition() != null) {
                // checked against the model before any work, so that the message names the option
                SettingOptions.build(conditionOption, () -> m.conditioning().encode(s.condition()));
            }
            if (s.mode() == SampleMode.DECODE) {
                SettingOptions.build(conditionOption, () -> {
                    SampleJob.requireDecodeCondition(m, s.condition());
                    return null;
                });
            }
            ConsoleMonitor monitor = CtrlC.monitor("sample");
            SampleResult r;
            try (CsvRowSink sink = new CsvRowSink(outputs.writer("--out"), CandidateTable.of(m).schema())) {
                r = switch (s.mode()) {
                    case PRIOR -> SampleJob.prior(m, s, sink, monitor);
                    case DECODE -> decode(m, s, sink, monitor);
                    default -> {
                        Crystals in = crystals(m);
                        if (s.mode() == SampleMode.ENCODE) {
                            // the table's condition column or --class/--condition, exactly one; the message names the option
                            SettingOptions.build(conditionOption, () -> {
                                SampleJob.requireOneConditionSource(m, s.condition(), in.hasConditionColumn());
                                return null;
                            });
                        }
                        yield SampleJob.crystals(m, s, in.rows().iterator(), in.hasConditionColumn(), sink, monitor);
                    }
                };
            }
            outputs.commit();
            System.err.printf(Locale.ROOT, "wrote %d candidate%s (%d decoded cleanly)%s to %s in %.1f s%n", r.rows(),
                r.rows() == 1 ? "" : "s",
                r.rows() - r.unclean(), s.mode() == SampleMode.PRIOR ? " of shard " + s.shard() + "/" + s.shards() : "", out,
                monitor.seconds());
        }
        return 0;
    }

    /**
     * --class is for a class-conditioned model and --condition for a property-conditioned one: the engine takes either
     * as "the condition", so a class given to a property model sampled silently at that property value.
     */
    private void requireConditionOption(Conditioning c) {
        if (classLabel != null && c.kind() == Conditioning.Kind.PROPERTY) {
            throw new UsageException("--class is for class-conditioned models; this model is " + c.describeKind()
                + ": give its property value with --condition");
        }
        if (condition != null && c.kind() == Conditioning.Kind.CLASS) {
            throw new UsageException("--condition is for property-conditioned models; this model is " + c.describeKind()
                + ": give its class with --class (one of " + c.knownClasses() + ")");
        }
    }

    /** The crystals of --in, and whether the table has the model's condition column (their conditions, then). */
    private record Crystals(List<SampleInput.Crystal> rows, boolean hasConditionColumn) {
    }

    private Crystals crystals(GenerativeModel m) throws IOException {
        String col = m.conditioning().column();
        List<ModelTrainer.Row> rs;
        boolean hasColumn = col != null;
        try {
            rs = ModelTrainer.readRows(in, col);
        } catch (IllegalArgumentException e) {
            // the table may lack the model's condition column; then --class/--condition applies to all rows
            rs = ModelTrainer.readRows(in, null);
            hasColumn = false;
        }
        return new Crystals(rs.stream().map(r -> new SampleInput.Crystal(r.record().source(), r.record(), r.condition())).toList(),
            hasColumn);
    }

    private SampleResult decode(GenerativeModel m, SampleSettings s, CsvRowSink sink, ConsoleMonitor monitor)
        throws IOException {
        int latent = m.latentSize();
        try (Stream<Map<String, String>> table = CrystalTable.readRows(in)) {
            long[] row = {0};
            Iterator<SampleInput.Latent> it = table.map(values -> latentRow(values, ++row[0], latent)).iterator();
            return SampleJob.latents(m, s, it, sink, monitor);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Row {@code number} of a latent table: z1 ... zk as floats, or why they cannot be read. */
    private SampleInput.Latent latentRow(Map<String, String> values, long number, int latent) {
        String key = CrystalTable.rowSource(in.getFileName().toString(), number);
        String extra = CandidateTable.latentColumn(latent + 1);
        if (values.containsKey(extra)) {
            // a wider latent table belongs to another model: its extra values would be dropped silently
            throw new IllegalArgumentException(in + " has a column " + extra + " beyond the model's latent size " + latent
                + " (columns z1 ... z" + latent + ")");
        }
        float[] z = new float[latent];
        for (int j = 1; j <= latent; j++) {
            String column = CandidateTable.latentColumn(j);
            String v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException(in + " has no column " + column + " (the model's latent size is " + latent
                    + ": columns z1 ... z" + latent + ")");
            }
            double value;
            try {
                z[j - 1] = Float.parseFloat(v.trim());
                value = Double.parseDouble(v.trim()); // 1e39 is a number out of a float's range, not "not finite"
            } catch (NumberFormatException e) {
                return new SampleInput.Latent(key, null, column + " is '" + v + "', not a number");
            }
            String notFinite = SampleInput.Latent.notFinite(column, value, v.trim()); // the note shows the cell as written
            if (notFinite != null) {
                return new SampleInput.Latent(key, null, notFinite);
            }
        }
        return new SampleInput.Latent(key, z, null);
    }
}
