package org.example.genmat.cli.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.io.TempFolders;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.job.CsvRowSink;
import org.example.genmat.core.job.TableSchema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.StudyScorer;
import org.example.genmat.core.study.StudyTables;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.StabilityClasses;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.train.HistoryRow;

/**
 * Writes the study's report folder: {@code index.html} (what was done, the table beside Türk et al.'s
 * Table 1, the plots), the PNG plots, the CSV behind every plot and table, {@code samples-<name>.csv}
 * for every model and baseline, the trained models ({@code models/<name>.genmat}) and
 * {@code candidates.csv}. Every file is written to a temporary file and renamed.
 */
public final class StudyReport {

    /**
     * What to report.
     *
     * @param command    the command line that made the report
     * @param notes      lines on settings (steps, seeds, temperature) shown under "What was done"
     * @param seconds    wall-clock seconds of the whole run
     */
    public record Input(String command, TurkStudy.Prepared prepared, List<TurkStudy.Run> runs, List<NovelCandidates.Candidate> candidates,
                        List<String> notes, double seconds) {

        /** How many of the valid candidates also pass with the ICSD-24 oxidation states. */
        long strictlyValid() {
            return candidates.stream().filter(c -> c.valid() && c.validIcsd24()).count();
        }

        /** How many candidates fail with smact14 but pass with the ICSD-24 states (which hold states smact14 lacks). */
        long validOnlyWithIcsd24() {
            return candidates.stream().filter(c -> !c.valid() && c.validIcsd24()).count();
        }
    }

    /** The rows of the data that could not be used, one message each naming its line; written only when there are any. */
    public static final String SKIPPED_ROWS = "skipped-rows.csv";
    /**
     * The compositions that more than one data row holds (an A↔B swap is the same one): a line per row, with its place in
     * the data, its energy and the spread of the composition's energies; written only when there are any.
     */
    public static final String REPEATED_COMPOSITIONS = "duplicate-compositions.csv";
    /**
     * The files a report wrote, one per line: a later report into the same folder removes those of them it does not
     * write again (a model or a skipped-rows file of the earlier run would otherwise sit beside the new index.html as if it
     * were the new run's), and nothing else in the folder.
     */
    static final String MANIFEST = ".genmat-report";

    private StudyReport() {
    }

    /** File-name form of a run name. */
    public static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /**
     * Writes the report into {@code dir}; returns the files written, relative to it. A Ctrl-C ({@link CancelRequest})
     * stops it between files with a {@link java.util.concurrent.CancellationException}, up to the commit.
     */
    public static List<String> write(Path dir, Input in) throws IOException {
        Files.createDirectories(dir);
        removeStaleStaging(dir);
        // the whole report is written into a hidden folder inside dir first and moved into place only when it is
        // complete: a run that fails while writing (a full disk, a cancel) leaves the earlier report as it was
        Path staging = Files.createTempDirectory(dir, STAGING_PREFIX);
        try {
            List<String> files = writeAll(staging, in);
            // the commit: a Ctrl-C before it leaves the earlier report, one after it (the moves) the whole new one
            CancelRequest.checkNotRequested();
            List<String> earlier = earlierFiles(dir);
            List<String> moved = new ArrayList<>(files);
            moved.add(MANIFEST); // last, so that the folder names the new files only once they are all in place
            for (String name : moved) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                try {
                    Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String name : earlier) {
                if (!files.contains(name)) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
            return files;
        } finally {
            TempFolders.deleteQuietly(staging);
        }
    }

    /** The hidden folder a report is written into before it is moved into place ({@link #write}). */
    static final String STAGING_PREFIX = ".genmat-report-staging-";

    /** Staging folders a cancelled or killed run left behind: only folders of that name directly in {@code dir}. */
    private static void removeStaleStaging(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.getFileName().toString().startsWith(STAGING_PREFIX)
                && Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS)).toList()) {
                TempFolders.deleteQuietly(p);
            }
        }
    }


    /** Writes every file of the report into {@code dir} (the staging folder); returns them, relative to it. */
    private static List<String> writeAll(Path dir, Input in) throws IOException {
        List<String> files = new ArrayList<>();
        TurkStudy.Prepared p = in.prepared();
        Surrogate.Result s = p.surrogate();
        int target = p.reference().targetClass();
        String[] elements = new String[ElpasoliteSpace.N];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = ElpasoliteDft.symbol(i);
        }

        // table
        table(dir, "table.csv", files, StudyTables.scores(target), StudyTables.scoreRows(in.runs()));
        // samples of every run
        for (TurkStudy.Run r : in.runs()) {
            csv(dir, "samples-" + slug(r.name()) + ".csv", files, List.of("formula", "composition", "A", "B", "C", "D",
                "predicted_energy_ev_per_atom", "stability_class"), out -> {
                int[] x = r.sites();
                for (int i = 0; i < x.length; i += 4) {
                    out.printRecord(ElpasoliteDft.formula(x[i], x[i + 1], x[i + 2], x[i + 3]),
                        ElpasoliteSpace.composition(x[i], x[i + 1], x[i + 2], x[i + 3]).reducedFormula(), elements[x[i]], elements[x[i + 1]],
                        elements[x[i + 2]], elements[x[i + 3]], f(p.reference().labels().energy(x[i], x[i + 1], x[i + 2], x[i + 3])),
                        p.reference().labels().classOf(x[i], x[i + 1], x[i + 2], x[i + 3]));
                }
            });
            if (r.model() != null) {
                CancelRequest.checkNotRequested();
                Path model = dir.resolve("models").resolve(slug(r.name()) + ".genmat");
                r.model().save(model); // GenerativeModel.save writes through a temporary file
                files.add("models/" + slug(r.name()) + ".genmat");
            }
        }
        // discovery curves
        csv(dir, "discovery-curves.csv", files, List.of("name", "drawn", "well_formed", "unique", "novel", "novel_class" + target), out -> {
            for (TurkStudy.Run r : in.runs()) {
                for (StudyScorer.CurvePoint c : r.scores().curve()) {
                    out.printRecord(r.name(), c.drawn(), c.wellFormed(), c.unique(), c.novel(), c.novelTarget());
                }
            }
        });
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (TurkStudy.Run r : in.runs()) {
            List<StudyScorer.CurvePoint> c = r.scores().curve();
            double[][] xy = new double[2][c.size()];
            for (int i = 0; i < c.size(); i++) {
                xy[0][i] = c.get(i).wellFormed();
                xy[1][i] = c.get(i).novelTarget();
            }
            curves.put(r.name(), xy);
        }
        png(dir, "discovery.png", files, f -> Charts.lines(f, "Discovery: distinct novel class-" + target + " compositions",
            "well-formed samples drawn", "novel class-" + target + " compositions", curves));
        // training histories
        for (TurkStudy.Run r : in.runs()) {
            if (r.history().isEmpty()) {
                continue;
            }
            String name = slug(r.name());
            csv(dir, "training-history-" + name + ".csv", files, HistoryRow.COLUMNS, out -> {
                for (HistoryRow h : r.history()) {
                    out.printRecord(h.values());
                }
            });
            Map<String, double[][]> loss = new LinkedHashMap<>();
            String[] cols = {"reconstruction", "kl", "critic", "generator"};
            for (int k = 0; k < cols.length; k++) {
                double[][] xy = new double[2][r.history().size()];
                boolean any = false;
                for (int i = 0; i < r.history().size(); i++) {
                    HistoryRow h = r.history().get(i);
                    xy[0][i] = h.step();
                    xy[1][i] = switch (k) {
                        case 0 -> h.reconstruction();
                        case 1 -> h.kl();
                        case 2 -> h.critic();
                        default -> h.generator();
                    };
                    any |= Double.isFinite(xy[1][i]);
                }
                if (any) {
                    loss.put(cols[k], xy);
                }
            }
            png(dir, "loss-" + name + ".png", files, f -> Charts.lines(f, "Training losses: " + r.name(), "step", "loss", loss));
        }
        // element-by-site distributions
        double[][] ref = p.reference().siteCounts();
        String[] sites = {"A+B", "C", "D"};
        csv(dir, "site-distributions.csv", files, List.of("name", "site", "element", "count", "share"), out -> {
            writeSites(out, "reference class " + target + " (surrogate, whole space)", ref, sites, elements);
            for (TurkStudy.Run r : in.runs()) {
                writeSites(out, r.name(), r.scores().siteCounts(), sites, elements);
            }
        });
        double shareMax = maxShare(ref);
        for (TurkStudy.Run r : in.runs()) {
            shareMax = Math.max(shareMax, maxShare(r.scores().siteCounts()));
        }
        double scaleMax = shareMax;
        for (TurkStudy.Run r : in.runs()) {
            double[][] g = r.scores().siteCounts();
            List<String> labels = List.of("A+B " + r.name(), "A+B reference", "C " + r.name(), "C reference", "D " + r.name(), "D reference");
            double[][] rows = {g[0], ref[0], g[1], ref[1], g[2], ref[2]};
            png(dir, "heatmap-" + slug(r.name()) + ".png", files, f -> Charts.heatMap(f, "Elements by site: " + r.name()
                + " vs the class-" + target + " reference", labels, elements, rows, scaleMax));
        }
        // surrogate
        csv(dir, "surrogate-parity.csv", files, List.of("formula", "A", "B", "C", "D", "dft_ev_per_atom", "predicted_ev_per_atom"), out -> {
            for (Surrogate.ParityPoint q : s.parity()) {
                out.printRecord(ElpasoliteDft.formula(q.a(), q.b(), q.c(), q.d()), elements[q.a()], elements[q.b()], elements[q.c()],
                    elements[q.d()], f(q.dft()), f(q.predicted()));
            }
        });
        double[] dft = s.parity().stream().mapToDouble(Surrogate.ParityPoint::dft).toArray();
        double[] pred = s.parity().stream().mapToDouble(Surrogate.ParityPoint::predicted).toArray();
        png(dir, "parity.png", files, f -> Charts.parity(f, String.format(Locale.ROOT, "Surrogate on %d held-out DFT rows: MAE %.3f eV/atom",
            s.holdoutRows(), s.holdoutMae()), dft, pred));
        csv(dir, "surrogate-cv.csv", files, List.of("sigma", "lambda", "cv_mae_ev_per_atom"), out -> {
            for (Surrogate.CvPoint c : s.cv()) {
                out.printRecord(c.sigma(), c.lambda(), f(c.mae()));
            }
        });
        long[] sizes = p.reference().classSizes();
        long[] dftRows = new long[StabilityClasses.COUNT + 1];
        for (ElpasoliteDft.Row r : p.data().rows()) {
            dftRows[r.stabilityClass()]++;
        }
        // the training rows with their class, as the models saw them (also the input of the KNIME examples in examples/)
        // energies written exactly (shortest round trip): the table read back (Read Crystals and Diversity Metrics, genmat
        // metrics --study) fits the demo's surrogate and finds it in the cache
        csv(dir, "training-data.csv", files, List.of("formula", "A", "B", "C", "D", ElpasoliteDft.ENERGY, TurkStudy.CLASS_COLUMN),
            out -> {
                for (ElpasoliteDft.Row r : p.data().rows()) {
                    out.printRecord(r.formula(), elements[r.a()], elements[r.b()], elements[r.c()], elements[r.d()],
                        Double.toString(r.energy()), r.stabilityClass());
                }
            });
        // the first and last classes are open (StabilityClasses.of puts every energy below and above them in them): their
        // outer bound is left empty, as index.html writes "(open)", not the -3.07 and 5.03 eV/atom a fixed width would give
        csv(dir, "class-sizes.csv", files, List.of("class", "from_ev_per_atom", "to_ev_per_atom", "compositions_surrogate", "dft_rows"), out -> {
            for (int k = 1; k <= StabilityClasses.COUNT; k++) {
                out.printRecord(k, k == 1 ? "" : f(StabilityClasses.lowerBound(k)), k == StabilityClasses.COUNT ? "" : f(StabilityClasses.upperBound(k)),
                    sizes[k], dftRows[k]);
            }
        });
        table(dir, "candidates.csv", files, StudyTables.CANDIDATES, StudyTables.candidateRows(in.candidates()));
        if (!p.data().skipped().isEmpty()) {
            csv(dir, SKIPPED_ROWS, files, List.of("problem"), out -> {
                for (String problem : p.data().skipped()) {
                    out.printRecord(problem);
                }
            });
        }
        List<ElpasoliteDft.RepeatedComposition> repeated = p.data().repeatedCompositions();
        if (!repeated.isEmpty()) {
            csv(dir, REPEATED_COMPOSITIONS, files, List.of("composition", "row", "A", "B", "C", "D", ElpasoliteDft.ENERGY,
                "energy_spread_ev_per_atom"), out -> {
                    for (ElpasoliteDft.RepeatedComposition r : repeated) {
                        for (int i = 0; i < r.rows().size(); i++) {
                            ElpasoliteDft.Row row = r.rows().get(i);
                            out.printRecord(r.formula(), r.names().get(i), ElpasoliteDft.symbol(row.a()), ElpasoliteDft.symbol(row.b()),
                                ElpasoliteDft.symbol(row.c()), ElpasoliteDft.symbol(row.d()), row.energy(), r.spread());
                        }
                    }
                });
        }
        List<String> written = new ArrayList<>(files);
        OutputFiles.write(dir.resolve("index.html"), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(Html.page(in, sizes, dftRows, written));
            w.flush();
        });
        files.add("index.html");
        OutputFiles.write(dir.resolve(MANIFEST), out -> out.write((String.join("\n", files) + "\n").getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /**
     * The files the earlier report in {@code dir} wrote, from its manifest: only plain names of regular files inside the
     * folder (or its models/ folder), so that an edited manifest can never make a report delete anything else.
     */
    private static List<String> earlierFiles(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.matches("(models/)?[A-Za-z0-9][A-Za-z0-9._-]*") && !line.contains("..")
                && Files.isRegularFile(dir.resolve(line), LinkOption.NOFOLLOW_LINKS)) {
                names.add(line);
            }
        }
        return names;
    }

    private static void writeSites(CSVPrinter out, String name, double[][] counts, String[] sites, String[] elements) throws IOException {
        for (int s = 0; s < sites.length; s++) {
            double total = 0;
            for (double v : counts[s]) {
                total += v;
            }
            for (int e = 0; e < elements.length; e++) {
                out.printRecord(name, sites[s], elements[e], (long) counts[s][e], f(total > 0 ? counts[s][e] / total : 0));
            }
        }
    }

    static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    @FunctionalInterface
    private interface Rows {
        void write(CSVPrinter out) throws IOException;
    }

    @FunctionalInterface
    private interface Png {
        void write(Path file) throws IOException;
    }

    // each file first looks for a Ctrl-C: the report has no monitor, and writing it all takes seconds
    private static void csv(Path dir, String name, List<String> files, List<String> header, Rows rows) throws IOException {
        CancelRequest.checkNotRequested();
        OutputFiles.write(dir.resolve(name), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
            p.printRecord(header);
            rows.write(p);
            p.flush();
        });
        files.add(name);
    }

    private static void table(Path dir, String name, List<String> files, TableSchema schema, List<List<Object>> rows) throws IOException {
        CancelRequest.checkNotRequested();
        OutputFiles.write(dir.resolve(name), out -> CsvRowSink.write(new OutputStreamWriter(out, StandardCharsets.UTF_8), schema, rows));
        files.add(name);
    }

    private static void png(Path dir, String name, List<String> files, Png png) throws IOException {
        CancelRequest.checkNotRequested();
        png.write(dir.resolve(name));
        files.add(name);
    }

    /** The largest share of one element on one site (each site's counts normalised to shares). */
    private static double maxShare(double[][] siteCounts) {
        double max = 0;
        for (double[] site : siteCounts) {
            double sum = java.util.Arrays.stream(site).sum();
            for (double v : site) {
                max = sum > 0 ? Math.max(max, v / sum) : max;
            }
        }
        return max;
    }
}
