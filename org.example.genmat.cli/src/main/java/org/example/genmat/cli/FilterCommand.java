package org.example.genmat.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.filter.FilterJob;
import org.example.genmat.core.job.filter.FilterResult;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genmat filter}: splits samples into valid and rejected rows (SMACT/CDVAE rules). */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = {"Checks every row for validity and writes the valid and the rejected rows.",
        "Each row keeps all its input columns unchanged, plus composition_valid, structure_valid, failed_check and"
            + " reason.",
        "Composition: SMACT/CDVAE rule (gcd, single element, alloy rule, one oxidation state per element, charge"
            + " balance, Pauling test). Structure (rows with a cif column): volume >= 0.1 Å³, positive lengths, no NaN,"
            + " no partial occupancy, minimum-image distance >= --min-distance between distinct sites.",
        "Rows with missing or unreadable data are rejected with the reason; counts per reason go to stderr."})
public final class FilterCommand implements Callable<Integer> {

    @Mixin
    ValidityOptionsMixin validity = new ValidityOptionsMixin();

    @Option(names = "--in", required = true, arity = "1..*",
        description = {"input CSV (crystal table of genmat read, or formula/composition column); several files or a "
            + "glob (quote it) are the shards 0..K-1 of one 'genmat sample --shard k/K' run, in shard order, and "
            + "give exactly the unsharded run's output" + SampleCommand.SHARDS_CHECKED})
    List<String> in;

    @Option(names = "--out-valid", required = true, description = "valid rows (CSV)")
    Path outValid;

    @Option(names = "--out-invalid", required = true, description = "rejected rows with failed_check and reason (CSV)")
    Path outInvalid;

    @Override
    public Integer call() throws Exception {
        List<Path> inFiles = SampleRows.files(in);
        Map<String, Path> targets = new LinkedHashMap<>();
        targets.put("--out-valid", outValid);
        targets.put("--out-invalid", outInvalid);
        ValidityOptions options = validity.options();
        List<Path> inputs = new ArrayList<>(inFiles);
        inputs.addAll(options.inputFiles()); // an --oxidation-states file is an input too
        try (OutputFiles outputs = OutputFiles.plan(inputs, targets)) {
            filter(outputs, inFiles, options);
            outputs.commit();
        }
        return 0;
    }

    private void filter(OutputFiles outputs, List<Path> inFiles, ValidityOptions options) throws Exception {
        ConsoleMonitor monitor = CtrlC.monitor("filter");
        // the row being judged: the job hands on its verdict, the command writes its columns unchanged
        @SuppressWarnings("unchecked")
        Map<String, String>[] current = new Map[1];
        FilterResult r;
        try (Printers out = new Printers(outputs::writer)) {
            r = FilterJob.run(options, (reader, handler) -> reader.forEach(inFiles, null, row -> {
                current[0] = row.columns();
                handler.row("row " + row.rowNumber(), row.sample());
            }, monitor::warning, SampleRows.Malformed.REJECT, monitor::cancelled), new FilterJob.Output() {
                @Override
                public void valid(String key, List<Object> verdict) throws IOException {
                    out.write(true, current[0], verdict);
                }

                @Override
                public void rejected(String key, List<Object> verdict) throws IOException {
                    out.write(false, current[0], verdict);
                }
            }, monitor);
            out.finish();
        }
        long n = r.rows();
        System.err.printf("filter: %,d row%s -> %,d valid (%.2f %%), %,d rejected; %s; %.1f s%n", n, n == 1 ? "" : "s", r.valid(),
            n == 0 ? 0.0 : 100.0 * r.valid() / n, r.rejected(), options.checker().describe(), monitor.seconds());
        r.perCheck().forEach((k, v) -> System.err.printf("  failed check %-18s %,d%n", k, v));
        r.perReason().forEach((k, v) -> System.err.printf("  %,8d  %s%n", v, k));
        if (r.moreReasons() > 0) {
            System.err.printf("  %,8d  and %,d more reason%s%n", r.moreReasonRows(), r.moreReasons(), r.moreReasons() == 1 ? "" : "s");
        }
    }

    private static final List<String> VERDICT_NAMES = FilterJob.VERDICT_COLUMNS.stream().map(Column::name).toList();

    /**
     * Both outputs, opened together on the first row with the input header plus the filter's columns. A failure to open
     * or write one of them is what the user sees: closing the other on the way out never hides it.
     */
    static final class Printers implements AutoCloseable {

        /** Opens an output's writer by its option ({@link OutputFiles#writer}). */
        @FunctionalInterface
        interface Opener {
            Writer open(String label) throws IOException;
        }

        private final Opener opener;
        private CSVPrinter valid;
        private CSVPrinter invalid;

        Printers(Opener opener) {
            this.opener = opener;
        }

        /** @param verdict the job's verdict columns */
        void write(boolean ok, Map<String, String> columns, List<Object> verdict) throws IOException {
            if (valid == null) {
                List<String> header = new ArrayList<>(columns.keySet());
                header.addAll(FilterJob.verdictNames(columns.keySet()));
                openBoth(header);
            }
            List<String> values = new ArrayList<>(columns.values());
            for (Object v : verdict) {
                values.add(Column.text(v));
            }
            (ok ? valid : invalid).printRecord(values);
        }

        private void openBoth(List<String> header) throws IOException {
            valid = open("--out-valid", header);
            invalid = open("--out-invalid", header);
        }

        private CSVPrinter open(String label, List<String> header) throws IOException {
            CSVPrinter printer = new CSVPrinter(opener.open(label), CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
            printer.printRecord(header);
            return printer;
        }

        /** The job is done: both files complete (header-only for an empty input) and closed, a failure to flush thrown. */
        void finish() throws IOException {
            if (valid == null) {
                openBoth(VERDICT_NAMES);
            }
            close();
        }

        /**
         * Closes what is open: after {@link #finish} nothing; after a failure the outputs that did open (their
         * temporaries are deleted). A failure while closing comes after the first one, never in its place.
         */
        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (CSVPrinter p : new CSVPrinter[] {valid, invalid}) {
                if (p == null) {
                    continue;
                }
                try {
                    p.close(true);
                } catch (IOException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            valid = null;
            invalid = null;
            if (failed != null) {
                throw failed;
            }
        }
    }
}
