package org.example.genmat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.core.validity.ValidityResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code genmat filter}: splits samples into valid and rejected rows (SMACT/CDVAE rules). */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = {"Checks every row for validity and writes the valid and the rejected rows, each with all its",
        "input columns unchanged plus composition_valid, structure_valid, failed_check and reason.",
        "Composition: SMACT/CDVAE rule (gcd, single element, alloy rule, one oxidation state per element,",
        "charge balance, Pauling test). Structure (rows with a cif column): volume >= 0.1 Å³, positive",
        "lengths, no NaN, no partial occupancy, minimum-image distance >= --min-distance between distinct sites.",
        "Rows with missing or unreadable data are rejected with the reason; counts per reason go to stderr."})
public final class FilterCommand implements Callable<Integer> {

    @Mixin
    ValidityOptionsMixin validity = new ValidityOptionsMixin();

    @Option(names = "--in", required = true, arity = "1..*",
        description = {"input CSV (crystal table of genmat read, or formula/composition column); several files or a "
            + "glob (quote it) are the shards 0..K-1 of one 'genmat sample --shard k/K' run, in shard order, and "
            + "give exactly the unsharded run's output"})
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
        try (OutputFiles outputs = OutputFiles.plan(inFiles, targets)) {
            filter(outputs, inFiles);
            outputs.commit();
        }
        return 0;
    }

    private void filter(OutputFiles outputs, List<Path> inFiles) throws Exception {
        ValidityOptions options = validity.options();
        ValidityChecker checker = options.newChecker();
        SampleRows rows = new SampleRows(checker, SampleRows.PrototypeColumns.of(options));
        Map<String, Integer> perCheck = new TreeMap<>();
        Map<String, Integer> perReason = new LinkedHashMap<>();
        long[] counts = new long[2];
        Printers out = new Printers(outputs);
        long start = System.nanoTime();
        try {
            rows.forEach(inFiles, null, row -> {
                ValidityResult v = row.sample().validity();
                boolean ok = row.sample().valid();
                out.write(ok, row.columns(), v);
                counts[ok ? 0 : 1]++;
                if (!ok) {
                    perCheck.merge(v.failedCheck(), 1, Integer::sum);
                    perReason.merge(generalise(v.reason()), 1, Integer::sum);
                }
                if ((counts[0] + counts[1]) % 100_000 == 0) {
                    System.err.printf("filter: %,d rows...%n", counts[0] + counts[1]);
                }
            });
        } finally {
            out.close();
        }
        long n = counts[0] + counts[1];
        System.err.printf("filter: %,d rows -> %,d valid (%.2f %%), %,d rejected; %s; %.1f s%n", n, counts[0],
            n == 0 ? 0.0 : 100.0 * counts[0] / n, counts[1], checker.settings().describe(),
            (System.nanoTime() - start) / 1e9);
        perCheck.forEach((k, v) -> System.err.printf("  failed check %-18s %,d%n", k, v));
        perReason.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
            .forEach(e -> System.err.printf("  %,8d  %s%n", e.getValue(), e.getKey()));
    }

    /** Reasons that name a row or a distance are grouped by their kind. */
    static String generalise(String reason) {
        if (reason == null) {
            return "";
        }
        String r = reason.replaceAll("^.*? row \\d+: ", "");
        r = r.replaceAll("^\\S+–\\S+ [0-9.]+ Å < ", "distance < ");
        r = r.replaceAll("^volume [0-9.Ee+-]+ Å³ < ", "volume < ");
        return r.length() > 120 ? r.substring(0, 120) + "…" : r;
    }

    /** Both outputs, opened lazily with the input header plus the filter's columns. */
    private static final class Printers {
        private final OutputFiles outputs;
        private CSVPrinter valid;
        private CSVPrinter invalid;
        private List<String> extra;

        Printers(OutputFiles outputs) {
            this.outputs = outputs;
        }

        void write(boolean ok, Map<String, String> columns, ValidityResult v) {
            try {
                if (valid == null) {
                    List<String> header = new ArrayList<>(columns.keySet());
                    extra = new ArrayList<>();
                    for (String c : Arrays.asList("composition_valid", "structure_valid", "failed_check", "reason")) {
                        String name = c;
                        while (header.contains(name)) {
                            name = "filter_" + name;
                        }
                        extra.add(name);
                    }
                    header.addAll(extra);
                    valid = open("--out-valid", header);
                    invalid = open("--out-invalid", header);
                }
                List<String> values = new ArrayList<>(columns.values());
                values.add(Boolean.toString(v.compositionValid()));
                values.add(Boolean.toString(v.structureValid()));
                values.add(v.failedCheck() == null ? "" : v.failedCheck());
                values.add(v.reason() == null ? "" : v.reason());
                (ok ? valid : invalid).printRecord(values);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
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
                valid = open("--out-valid", List.of("composition_valid", "structure_valid", "failed_check", "reason"));
                invalid = open("--out-invalid", List.of("composition_valid", "structure_valid", "failed_check", "reason"));
            }
            valid.close(true);
            invalid.close(true);
        }
    }
}
