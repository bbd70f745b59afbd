package org.example.genmat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.job.read.ReadJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code genmat bench cif-column}: how long the jobs take to turn the {@code cif} cells of a crystal table back into
 * crystals ({@link CrystalTable#fromRow}, as the nodes, training, filter and metrics do), once through the general
 * CIF path ({@link CifReader#readGeneral}) and once through the default entry point with its P1 fast path, in the
 * same run and alternating, and whether both give the same records.
 */
@Command(name = "cif-column", mixinStandardHelpOptions = true,
    description = "Times turning the cif cells of a crystal table back into crystals: the general CIF path vs the P1 fast"
        + " path (the default), same rows, alternating passes; prints rows/s and the ratio.")
public final class BenchCifColumnCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT",
        description = "Crystals to put in the cif column: crystal tables of 'genmat read', candidate tables of 'genmat"
            + " sample', CIF files, folders, zip archives.")
    List<Path> inputs;

    @Option(names = "--rows", defaultValue = "10000",
        description = "Rows per pass; the crystals read are repeated to reach it (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--repeat", defaultValue = "5", description = "Passes of each path (default ${DEFAULT-VALUE}).")
    int repeat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BenchOptions.atLeast(spec, "--rows", rows, 1);
        BenchOptions.atLeast(spec, "--repeat", repeat, 1);
        // genmat read's check: a missing input is named as missing, not as one without crystals
        ReadJob.requireInputs(inputs);
        List<Map<String, String>> table = table();
        if (table.isEmpty()) {
            throw new IllegalArgumentException("no crystal structure in " + Messages.value(inputs.toString()));
        }
        long chars = table.stream().mapToLong(r -> r.get("cif").length()).sum();
        System.out.printf(Locale.ROOT, "%s: %d rows (%.1f MB of cif text), %d passes of each path%n", spec.qualifiedName(),
            table.size(), chars / 1e6, repeat);
        int differ = differences(table);
        Path csv = Files.createTempFile("genmat-bench-cif-column", ".csv");
        try (CrystalTable.TableWriter w = new CrystalTable.TableWriter(Files.newBufferedWriter(csv))) {
            for (Map<String, String> row : table) {
                w.writeRow(row);
            }
        } catch (IOException e) {
            Files.deleteIfExists(csv);
            throw e;
        }
        double[] general = new double[repeat];
        double[] fast = new double[repeat];
        double[] cells = new double[repeat];
        try {
            for (int i = 0; i < repeat; i++) {
                cells[i] = csvPass(csv);
            }
        } finally {
            csv.toFile().delete();
        }
        for (int i = 0; i < repeat; i++) {
            // alternate which path goes first, so warm-up and machine load fall on both
            if (i % 2 == 0) {
                general[i] = pass(table, CifReader::readGeneral);
                fast[i] = pass(table, CifReader::read);
            } else {
                fast[i] = pass(table, CifReader::read);
                general[i] = pass(table, CifReader::readGeneral);
            }
            System.out.printf(Locale.ROOT, "  pass %d: general %.3f s, fast path %.3f s%n", i + 1, general[i], fast[i]);
        }
        double g = median(general), f = median(fast), c = median(cells);
        System.out.printf(Locale.ROOT, "for scale, the CSV cells alone (CrystalTable.readRows of the same rows): %.0f rows/s"
            + " (median %.3f s)%n", table.size() / c, c);
        System.out.printf(Locale.ROOT, "general path: %.0f rows/s (median %.3f s)%n", table.size() / g, g);
        System.out.printf(Locale.ROOT, "P1 fast path: %.0f rows/s (median %.3f s)%n", table.size() / f, f);
        System.out.printf(Locale.ROOT, "ratio general/fast: %.2f; rows whose records differ: %d%n", g / f, differ);
        return differ == 0 ? 0 : 1;
    }

    /** The standard table rows (P1 cif cells written by CifWriter) of the inputs' crystals, repeated to --rows. */
    private List<Map<String, String>> table() {
        List<Map<String, String>> crystals = new ArrayList<>();
        try (Stream<CrystalRecord> s = CrystalReader.read(inputs)) {
            s.filter(r -> r.ok() && r.hasStructure()).forEach(r -> crystals.add(CrystalTable.toRow(r)));
        }
        List<Map<String, String>> out = new ArrayList<>(Math.max(rows, crystals.size()));
        for (int i = 0; !crystals.isEmpty() && i < rows; i++) {
            out.add(crystals.get(i % crystals.size()));
        }
        return out;
    }

    /** Rows whose record from the fast path is not the general path's (crystal, source, space group, warning, error). */
    private static int differences(List<Map<String, String>> table) {
        int differ = 0;
        for (Map<String, String> row : table) {
            if (!Objects.equals(CrystalTable.fromRow(row, CifReader::readGeneral), CrystalTable.fromRow(row))) {
                differ++;
            }
        }
        return differ;
    }

    /** Seconds to read every row's record with the cif reader given. */
    private static double pass(List<Map<String, String>> table, BiFunction<String, String, List<CrystalRecord>> reader) {
        long start = System.nanoTime();
        long sites = 0;
        for (Map<String, String> row : table) {
            CrystalRecord r = CrystalTable.fromRow(row, reader);
            sites += r.hasStructure() ? r.crystal().numSites() : 0;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (sites < 0) {
            throw new IllegalStateException(); // keeps the records alive to the JIT
        }
        return secs;
    }

    /** Seconds to read the rows of the table file as cell maps (the CSV parsing every job does before fromRow). */
    private static double csvPass(Path csv) {
        long start = System.nanoTime();
        long chars = 0;
        try (Stream<Map<String, String>> rows = CrystalTable.readRows(csv)) {
            for (Map<String, String> row : (Iterable<Map<String, String>>) rows::iterator) {
                chars += row.get("cif").length();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (chars < 0) {
            throw new IllegalStateException();
        }
        return secs;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
