package org.example.genmat.cli;

import java.io.IOException;
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
        Printers out = new Printers(outputs);
        ConsoleMonitor monitor = CtrlC.monitor("filter");
        // the row being judged: the job hands on its verdict, the command writes its columns unchanged
        @SuppressWarnings("unchecked")
        Map<String, String>[] current = new Map[1];
        FilterResult r;
        try {
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
        } finally {
            out.close();
        }
        long n = r.rows();
        System.err.printf("filter: %,d row%s -> %,d valid (%.2f %%), %,d rejected; %s; %.1f s%n", n, n == 1 ? "" : "s", r.valid(),
            n == 0 ? 0.0 : 100.0 * r.valid() / n, r.rejected(), options.checker().describe(), monitor.seconds());
        r.perCheck().forEach((k, v) -> System.err.printf("  failed check %-18s %,d%n", k, v));
        r.perReason().forEach((k, v) -> System.err.printf("  %,8d  %s%n", v, k));
    }

    private static final List<String> VERDICT_NAMES = FilterJob.VERDICT_COLUMNS.stream().map(Column::name).toList();

    /** Both outputs, opened lazily with the input header plus the filter's columns. */
    private static final class Printers {
        private final OutputFiles outputs;
        private CSVPrinter valid;
        private CSVPrinter invalid;

        Printers(OutputFiles outputs) {
            this.outputs = outputs;
        }

        /** @param verdict the job's verdict columns */
        void write(boolean ok, Map<String, String> columns, List<Object> verdict) throws IOException {
            {
                if (valid == null) {
                    List<String> header = new ArrayList<>(columns.keySet());
                    header.addAll(FilterJob.verdictNames(columns.keySet()));
                    valid = open("--out-valid", header);
                    invalid = open("--out-invalid", header);
                }
                List<String> values = new ArrayList<>(columns.values());
                for (Object v : verdict) {
                    values.add(Column.text(v));
                }
                (ok ? valid : invalid).printRecord(values);
            }
        }

        private CSVPrinter open(String label, List<String> header) throws java.io.IOException {
            java.io.Writer w = outputs.writer(label);
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
            printer.printRecord(header);
            return printer;
        }

        void close() throws java.io.IOException {
            if (valid == null) { // empty input: still write header-only files
                valid = open("--out-valid", VERDICT_NAMES);
                invalid = open("--out-invalid", VERDICT_NAMES);
            }
            valid.close(true);
            invalid.close(true);
        }
    }
}
