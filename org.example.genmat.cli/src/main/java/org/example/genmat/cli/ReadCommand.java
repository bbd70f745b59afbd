package org.example.genmat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genmat read}: crystals from files, folders, zips and CSV tables into the standard crystal table. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = {"Reads crystals (CIF, POSCAR/CONTCAR, formula tables; files, folders, zip archives, CSV cells of CIF"
        + " text) into a CSV with the columns source, formula, composition, a, b, c, alpha, beta, gamma, volume, nsites,"
        + " density, spacegroup, cif, error.",
        "A file that cannot be read gives one row whose error names the file, the line and the problem."})
public final class ReadCommand implements Callable<Integer> {

    private static final int ROW_BATCH = 512;

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

    @Option(names = "--threads", defaultValue = "0", description = "Parsing threads (default: all processors).")
    int threads;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output CSV ('-' for standard output).")
    String out;

    @Override
    public Integer call() throws IOException {
        CrystalReader.Format f = parseFormat(format);
        Progress progress = new Progress();
        CrystalReader.Options options = CrystalReader.Options.defaults().withFormat(f).withColumn(column).withSpecies(species)
            .withFailFast(failFast).withThreads(threads).withProgress(progress::update);
        long good = 0, bad = 0;
        Writer w = out.equals("-") ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
            : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8);
        try (CrystalTable.TableWriter table = new CrystalTable.TableWriter(w);
             Stream<CrystalRecord> records = CrystalReader.read(inputs, options)) {
            // rows (P1 CIF text, density ...) are made in parallel batches, then written in input order
            List<CrystalRecord> batch = new java.util.ArrayList<>(ROW_BATCH);
            java.util.Iterator<CrystalRecord> it = records.iterator();
            while (it.hasNext()) {
                CrystalRecord r = it.next();
                batch.add(r);
                if (r.ok()) {
                    good++;
                } else {
                    bad++;
                }
                if (batch.size() == ROW_BATCH || !it.hasNext()) {
                    for (java.util.Map<String, String> row : batch.parallelStream().map(CrystalTable::toRow).toList()) {
                        table.writeRow(row);
                    }
                    batch.clear();
                }
            }
        }
        progress.finish();
        System.err.printf("genmat read: %d rows (%d good, %d with errors) -> %s%n", good + bad, good, bad, out);
        return 0;
    }

    static CrystalReader.Format parseFormat(String s) {
        try {
            return CrystalReader.Format.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be auto, cif, poscar or formula, not '" + s + "'");
        }
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
