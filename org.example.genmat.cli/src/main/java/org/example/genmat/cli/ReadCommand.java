package org.example.genmat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.read.PassThrough;
import org.example.genmat.core.job.read.ReadJob;
import org.example.genmat.core.job.read.ReadResult;
import org.example.genmat.core.job.read.ReadSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genmat read}: crystals from files, folders, zips and CSV tables into the standard crystal table. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = {"Reads crystals from CIF, POSCAR and formula files, folders, zips and CSV tables into a crystal table.",
        "Inputs: CIF, POSCAR/CONTCAR, formula tables; files, folders, zip archives, CSV cells of CIF text. Output: a CSV"
            + " with the columns listed below.",
        "Reading one CSV/TSV table keeps its other columns after these (e.g. a class or an energy beside the"
            + " formulas), typed by their first 10,000 rows.",
        "A file that cannot be read gives one row whose error names the file, the line and the problem.",
        "An input that does not exist is refused before anything is written; a run that reads no good crystal exits 1"
            + " and leaves an earlier output as it was. Rerunning into an input folder never reads the earlier output;"
            + " a folder read passes over the crystal tables in it (earlier outputs) unless they are named."})
public final class ReadCommand implements Callable<Integer>, SettingOptions.Ranged {

    /** The help section that lists the crystal table's columns. */
    static final String COLUMNS_SECTION = "crystalTableColumns";

    /**
     * Adds to this command's help, before its footer, the columns of the crystal table with what each holds and its
     * unit, from {@link CrystalTable#SCHEMA} (picocli's annotations take constants only).
     */
    static void addColumnsHelp(CommandLine read) {
        List<String> keys = new ArrayList<>(read.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), COLUMNS_SECTION);
        read.setHelpSectionKeys(keys);
        read.getHelpSectionMap().put(COLUMNS_SECTION, help -> {
            int width = help.commandSpec().usageMessage().width() - 15;
            Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                new Help.Column(15, 2, Help.Column.Overflow.SPAN), new Help.Column(width, 0, Help.Column.Overflow.WRAP));
            for (CrystalTable.Column c : CrystalTable.SCHEMA) {
                // wrapped at spaces here: picocli's own wrapping splits "Na:4" and "zip!entry"
                List<String> lines = wrapped(c.meaning(), width - 1);
                for (int i = 0; i < lines.size(); i++) {
                    table.addRowValues(i == 0 ? c.name() : "", lines.get(i));
                }
            }
            return System.lineSeparator() + "Columns of the crystal table:" + System.lineSeparator() + table;
        });
    }

    /** The text in lines of at most {@code width} characters, broken at spaces (a longer word has a line of its own). */
    private static List<String> wrapped(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files, folders (read recursively), .zip archives, .csv tables.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|cif|poscar|formula",
        description = "Input format (default: ${DEFAULT-VALUE}: by file name and content).")
    String format;

    @Option(names = "--column", paramLabel = "NAME",
        description = "CSV column with CIF text or formulas (default: 'cif', else a 'formula' column).")
    String column;

    @Option(names = "--species", split = ",", paramLabel = "EL",
        description = "Elements of VASP 4 POSCARs without a species line, in order, e.g. --species Fe,O.")
    List<String> species;

    @Option(names = "--fail-fast", description = "Stop at the first unreadable input instead of writing an error row.")
    boolean failFast;

    @Option(names = "--threads", description = "Parsing threads (default: ${DEFAULT-VALUE}, all processors).")
    int threads = ReadSettings.defaults().threads();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output CSV ('-' for standard output).")
    String out;

    @Override
    public Integer call() throws IOException {
        ReadSettings settings = SettingOptions.build(Map.of(),
            () -> new ReadSettings(ReadSettings.format(format), column, species, failFast, threads));
        ReadJob.requireInputs(inputs); // a typo is refused before anything is written
        Progress progress = new Progress();
        ReadResult result;
        boolean toStdout = out.equals("-");
        // refused before anything is read: an output that is an input, a folder or a device
        try (OutputFiles outputs = OutputFiles.plan(inputs, "--out", toStdout ? null : Path.of(out))) {
            Writer w = toStdout ? new PrintWriter(System.out, false, StandardCharsets.UTF_8) : outputs.writer("--out");
            PassThrough kept = PassThrough.ofFiles(inputs, settings);
            try (CrystalTable.TableWriter table = new CrystalTable.TableWriter(w, ReadJob.table(kept).names())) {
                result = new ReadJob(settings, kept, (key, values) -> table.writeValues(values),
                    // quiet (read prints its own progress) but stopped by Ctrl-C, not after CtrlC's two seconds' grace
                    JobMonitor.cancelledWhen(CancelRequest::requested))
                    .files(inputs, progress::update, outputs.targets());
            }
            progress.finish();
            if (result.good() == 0 && !toStdout) {
                // nothing worth keeping: an earlier output stays (the temporary goes with the close)
                report(result);
                System.err.println("genmat read: error: no crystal read from " + Messages.value(inputs.toString())
                    + (result.errors() > 0 ? " (" + result.errors() + " unreadable; first: " + result.firstError() + ")"
                        : " (nothing to read there)") + "; " + out + " not written");
                return 1;
            }
            outputs.commit();
        }
        System.err.printf("genmat read: %d row%s (%d good, %d with errors) -> %s%n", result.rows(), result.rows() == 1 ? "" : "s",
            result.good(), result.errors(), out);
        report(result);
        return result.good() == 0 ? 1 : 0;
    }

    /** What the read said about whole inputs, the rows with a value left empty and what it passed over, on stderr. */
    private static void report(ReadResult result) {
        result.warnings().forEach(w -> System.err.println("genmat read: " + w));
        if (result.misfits() > 0) {
            System.err.printf("genmat read: %d rows with a value left empty (see their warning); first: %s%n",
                result.misfits(), result.firstMisfit());
        }
        // what the read passed over: a count per reason and a few examples (the summary Read Crystals warns with)
        result.skipped().lines().forEach(line -> System.err.println("genmat read: " + line));
    }

    @Override
    public Map<String, NumberRange> optionRanges() {
        return SettingOptions.ranges(Map.of(), ReadSettings.THREADS);
    }

    /** Progress on stderr, at most twice a second, only for runs longer than a second. */
    static final class Progress {
        private final long start = System.nanoTime();
        private long lastPrint;
        private boolean printed;

        void update(long inputs, long bytes, String current) {
            long now = System.nanoTime();
            if (now - start < 1_000_000_000L || now - lastPrint < 500_000_000L) {
                return;
            }
            lastPrint = now;
            printed = true;
            double s = (now - start) / 1e9;
            System.err.printf("\rgenmat read: %,d inputs, %.1f MB, %.0f inputs/s ...", inputs, bytes / 1e6, inputs / s);
        }

        void finish() {
            if (printed) {
                System.err.println();
            }
        }
    }
}
