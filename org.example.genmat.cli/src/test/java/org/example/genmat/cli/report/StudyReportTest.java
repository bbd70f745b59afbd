package org.example.genmat.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.core.study.Baselines;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.job.CancelRequest;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report writer on a small surrogate and short streams (no model training). */
class StudyReportTest {

    @TempDir
    Path dir;

    private static final List<String> SKIPPED = List.of("head line 7: formation energy NaN eV/atom is not a plausible finite value",
        "head line 12: 'Xx' on B is not one of the 39 elements");

    /** A report's input on a small surrogate (300 rows of the embedded data, {@link #SKIPPED}) and short streams. */
    static StudyReport.Input smallInput() throws java.io.IOException {
        ElpasoliteDft.Table data = new ElpasoliteDft.Table("head", ElpasoliteDft.embedded().rows().subList(0, 300), SKIPPED);
        TurkStudy.Prepared p = TurkStudy.prepare(data, new Surrogate.Settings(List.of(8.0), List.of(1e-3), 3, 100, 0.2, 1), 2, null, 2,
            JobMonitor.NONE);
        List<TurkStudy.Run> runs = new ArrayList<>();
        // a stand-in "model" stream (prevalence draws of class 2) with a short history, so loss plots and candidates are written
        TurkStudy.Run drawn = TurkStudy.runBaseline(p, "x", Baselines.prevalence(p.reference().trainingRowsOfTarget(), 4), 4, 400, JobMonitor.NONE);
        List<HistoryRow> history = List.of(new HistoryRow(1, 0.1, 1.0, 0.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1e-3, 0.1, "CPU"),
            new HistoryRow(2, 0.2, 0.8, 0.6, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1e-3, 0.2, "CPU"));
        runs.add(new TurkStudy.Run("VAE", ModelFamily.VAE, 4, null, history, drawn.sites(), drawn.scores(), 1, 1));
        runs.add(TurkStudy.runBaseline(p, TurkStudy.UNIFORM, Baselines.uniform(4), 4, 400, JobMonitor.NONE));
        runs.add(TurkStudy.runBaseline(p, TurkStudy.PREVALENCE, Baselines.prevalence(p.reference().trainingRowsOfTarget(), 5), 5, 400,
            JobMonitor.NONE));
        return new StudyReport.Input("genmat demo --test", p, runs, NovelCandidates.rank(p, runs), List.of("a note"), 1.5);
    }

    @Test
    void writesEveryFileReferencesEveryPngAndCsvsParse() throws Exception {
        ElpasoliteDft.Table all = ElpasoliteDft.embedded();
        List<String> skipped = SKIPPED;
        StudyReport.Input small = smallInput();
        TurkStudy.Prepared p = small.prepared();
        List<TurkStudy.Run> runs = small.runs();
        List<NovelCandidates.Candidate> candidates = small.candidates();
        List<String> files = StudyReport.write(dir, small);

        for (String f : List.of("index.html", "table.csv", "discovery.png", "discovery-curves.csv", "parity.png", "surrogate-parity.csv",
            "surrogate-cv.csv", "class-sizes.csv", "candidates.csv", "site-distributions.csv", "loss-vae.png", "training-history-vae.csv",
            "heatmap-vae.png", "heatmap-uniform.png", "heatmap-prevalence.png", "samples-vae.csv", "samples-uniform.csv",
            "samples-prevalence.csv", "training-data.csv", "skipped-rows.csv")) {
            assertThat(dir.resolve(f)).isRegularFile();
            assertThat(files).contains(f);
        }
        String html = Files.readString(dir.resolve("index.html"));
        List<Path> pngs;
        try (Stream<Path> s = Files.list(dir)) {
            pngs = s.filter(x -> x.toString().endsWith(".png")).toList();
        }
        assertThat(pngs).hasSize(6);
        for (Path png : pngs) {
            assertThat(html).contains("<img src=\"" + png.getFileName() + "\"");
            byte[] head = Arrays8.head(png);
            assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        assertThat(html).contains("VAE").contains("uniform").contains("prevalence").contains("a note").contains("precision 83 ± 1 %");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path csv : s.filter(x -> x.toString().endsWith(".csv")).toList()) {
                List<CSVRecord> rows = parse(csv);
                assertThat(rows).as(csv.toString()).isNotEmpty();
                int width = rows.get(0).size();
                assertThat(rows).allMatch(r -> r.size() == width);
                assertThat(html).contains(csv.getFileName().toString());
            }
        }
        // a file of the user's is named as the source, not the embedded data's citation; its skipped rows are listed
        assertThat(html).contains("read from <code>head</code>; 2 rows of it could not be used").doesNotContain("Faber");
        assertThat(parse(dir.resolve("skipped-rows.csv"))).extracting(r -> r.get("problem")).containsExactlyElementsOf(skipped);
        Path clean = dir.resolve("clean");
        TurkStudy.Prepared embedded = new TurkStudy.Prepared(all, p.surrogate(), p.reference());
        assertThat(StudyReport.write(clean, new StudyReport.Input("genmat demo", embedded, runs, candidates, List.of(), 1.5)))
            .doesNotContain("skipped-rows.csv").contains(StudyReport.REPEATED_COMPOSITIONS);
        // the embedded data's 17 repeated compositions: every row kept, each pair listed by line, said where the data is described
        List<CSVRecord> repeats = parse(clean.resolve(StudyReport.REPEATED_COMPOSITIONS));
        assertThat(repeats).hasSize(34);
        assertThat(repeats.subList(0, 2)).extracting(r -> r.get("composition") + " " + r.get("row") + " " + r.get(ElpasoliteDft.ENERGY))
            .containsExactly("SbBPb2Si6 line 47 0.7513989616666678", "SbBPb2Si6 line 1629 0.7515370616666672");
        assertThat(Files.readString(clean.resolve("index.html"))).contains("17 compositions occur twice (A&lt;-&gt;B swaps counted as one),"
            + " e.g. line 47 and line 1629; all rows kept").contains("<a href=\"duplicate-compositions.csv\">");
        assertThat(Files.readString(clean.resolve("index.html"))).contains("5,645 DFT formation energies").contains(ElpasoliteDft.CITATION)
            .doesNotContain("could not be used")
            // the embedded data has no noble gas: the report says plainly that their class-1 labels are artefacts
            .contains("No DFT row holds He, Ne, Ar, Kr, Xe.").contains("noble gases form no anions")
            .contains("rejects every candidate with a noble gas on D")
            // class 1 holds every energy below -2.26 eV/atom (the best candidates are near -3.7), not only those from -3.07
            .contains("all four for the VAE-GAN")
            // which files recompute the table: each one it names is in the folder
            .contains("Every figure of the table can be recomputed from this folder").contains("<a href=\"class-sizes.csv\">")
            .contains("<a href=\"site-distributions.csv\">").contains("<a href=\"training-data.csv\">")
            .contains("<a href=\"discovery-curves.csv\">")
            .contains("each 0.81 eV/atom wide from -3.07 eV/atom, the first and the last open-ended; class 1 (below -2.26 eV/atom)");
        // no candidates (a short run): one sentence, no "0 best of 0" above an empty table
        Path none = dir.resolve("none");
        StudyReport.write(none, new StudyReport.Input("genmat demo", embedded, runs, List.of(), List.of(), 1.5));
        assertThat(Files.readString(none.resolve("index.html"))).contains("No model proposed a composition that is not in the DFT data")
            .doesNotContain("best of 0").doesNotContain("<th class=\"l\">proposed by</th>");
        assertThat(Files.readAllLines(none.resolve("candidates.csv"))).hasSize(1);
        // a second report into the same folder removes the files only the first wrote, and nothing the first did not write,
        // whatever its manifest says
        Files.writeString(clean.resolve("my-notes.txt"), "mine");
        Files.writeString(dir.resolve("victim.txt"), "outside the report");
        Files.writeString(clean.resolve(StudyReport.MANIFEST), "../victim.txt\nmodels/../../victim.txt\n/etc/hostname\n",
            java.nio.file.StandardOpenOption.APPEND);
        assertThat(clean.resolve("samples-vae.csv")).isRegularFile();
        List<String> again = StudyReport.write(clean, new StudyReport.Input("genmat demo", embedded, runs.subList(1, 3), candidates,
            List.of(), 1.5));
        assertThat(again).doesNotContain("samples-vae.csv", "loss-vae.png", "heatmap-vae.png");
        assertThat(clean.resolve("samples-vae.csv")).doesNotExist();
        assertThat(clean.resolve("loss-vae.png")).doesNotExist();
        assertThat(clean.resolve("heatmap-vae.png")).doesNotExist();
        assertThat(clean.resolve("samples-uniform.csv")).isRegularFile();
        assertThat(clean.resolve("my-notes.txt")).hasContent("mine");
        assertThat(dir.resolve("victim.txt")).hasContent("outside the report");
        assertThat(Files.readAllLines(clean.resolve(StudyReport.MANIFEST))).containsExactlyElementsOf(again);
        List<CSVRecord> samples = parse(dir.resolve("samples-uniform.csv"));
        assertThat(samples).hasSize(400);
        assertThat(Files.readAllLines(dir.resolve("samples-uniform.csv")).get(0)).startsWith("formula,composition,A,B,C,D,");
        List<CSVRecord> table = parse(dir.resolve("table.csv"));
        assertThat(table).extracting(r -> r.get("name")).containsExactly("VAE", "uniform", "prevalence");
        // classes 1 and 10 are open at their outer end (a class-1 energy of -3.7 eV/atom is class 1): no bound is written there
        List<CSVRecord> classes = parse(dir.resolve("class-sizes.csv"));
        assertThat(classes).hasSize(10);
        assertThat(classes.get(0).get("from_ev_per_atom")).isEmpty();
        assertThat(Double.parseDouble(classes.get(0).get("to_ev_per_atom"))).isEqualTo(-2.26, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(classes.get(9).get("from_ev_per_atom"))).isEqualTo(4.22, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(classes.get(9).get("to_ev_per_atom")).isEmpty();
        List<CSVRecord> cands = parse(dir.resolve("candidates.csv"));
        assertThat(cands).hasSize(candidates.size());
        if (!cands.isEmpty()) {
            assertThat(cands.get(0).get("rank")).isEqualTo("1");
            assertThat(Double.parseDouble(cands.get(0).get("predicted_energy_ev_per_atom")))
                .isLessThanOrEqualTo(Double.parseDouble(cands.get(cands.size() - 1).get("predicted_energy_ev_per_atom")));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(x -> x.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
        // a report that fails while it is written (here: no candidate list, met after the tables, samples and plots) leaves
        // the earlier report exactly as it was and no staging folder; a staging folder a killed run left is removed
        Map<String, byte[]> before = contents(clean);
        assertThatThrownBy(() -> StudyReport.write(clean, new StudyReport.Input("genmat demo", embedded, runs, null, List.of(), 1.5)))
            .isInstanceOf(NullPointerException.class);
        assertThat(contents(clean)).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(clean.resolve(name)).as(name).hasBinaryContent(bytes));
        Files.createDirectories(clean.resolve(StudyReport.STAGING_PREFIX + "123").resolve("models"));
        StudyReport.write(clean, new StudyReport.Input("genmat demo", embedded, runs, candidates, List.of(), 1.5));
        assertThat(clean.resolve("samples-vae.csv")).isRegularFile();
        try (Stream<Path> s = Files.list(clean)) {
            assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.startsWith(StudyReport.STAGING_PREFIX));
        }
    }

    @Test
    void validIcsd24AgreesWithFilterUnderTheIcsd24States() throws Exception {
        StudyReport.Input small = smallInput();
        StudyReport.write(dir, small);
        List<CSVRecord> cands = parse(dir.resolve("candidates.csv"));
        assertThat(cands).isNotEmpty();
        // the other entry point of the same question: genmat filter with the ICSD-24 table on the candidates' sites
        picocli.CommandLine cl = org.example.genmat.cli.GenmatCli.commandLine();
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        Path valid = dir.resolve("valid-icsd24.csv");
        assertThat(cl.execute("filter", "--in", dir.resolve("candidates.csv").toString(), "--prototype", "elpasolite",
            "--oxidation-states", "icsd24", "--out-valid", valid.toString(), "--out-invalid", dir.resolve("rejected.csv").toString()))
            .isZero();
        List<String> passing = parse(valid).stream().map(r -> r.get("formula")).toList();
        // both answers occur, so the agreement below is not that of an empty or a full list
        assertThat(cands).extracting(r -> r.get("valid_icsd24")).contains("true", "false");
        assertThat(cands.stream().filter(r -> r.get("valid_icsd24").equals("true")).map(r -> r.get("formula")))
            .containsExactlyElementsOf(passing);
        // the report counts those valid under both tables: a candidate can fail smact14 and pass ICSD-24
        assertThat(Files.readString(dir.resolve("index.html"))).contains(String.format(java.util.Locale.ROOT, "%,d of the %,d valid ones",
            cands.stream().filter(r -> r.get("valid").equals("true") && passing.contains(r.get("formula"))).count(),
            cands.stream().filter(r -> r.get("valid").equals("true")).count()));
        // and those that pass only with ICSD-24, so that no reader takes valid_icsd24 for a stricter valid
        assertThat(Files.readString(dir.resolve("index.html"))).contains(String.format(java.util.Locale.ROOT, "and %,d that fail smact14 pass it",
            cands.stream().filter(r -> r.get("valid").equals("false") && passing.contains(r.get("formula"))).count()));
    }

    /**
     * Writes {@link #smallInput} into {@code args[0]} and asks for a cancel ({@link CancelRequest}, as Ctrl-C does) once
     * the staging folder is there; a process of its own, since the request is the process's.
     */
    public static final class CancelledReport {

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            StudyReport.Input in = smallInput();
            Thread ctrlC = new Thread(() -> {
                while (!CancelRequest.requested()) {
                    try (Stream<Path> s = Files.list(dir)) {
                        if (s.anyMatch(x -> x.getFileName().toString().startsWith(StudyReport.STAGING_PREFIX))) {
                            CancelRequest.request();
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            ctrlC.setDaemon(true);
            ctrlC.start();
            try {
                StudyReport.write(dir, in);
                System.out.println("written");
            } catch (CancellationException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    @Test
    void aCtrlCWhileTheReportIsWrittenStopsItBeforeTheCommitAndKeepsTheEarlierOne() throws Exception {
        Path report = Files.createDirectories(dir.resolve("report"));
        Files.writeString(report.resolve("index.html"), "the earlier report");
        Files.writeString(report.resolve(StudyReport.MANIFEST), "index.html\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), CancelledReport.class.getName(), report.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as(out).contains("cancelled").doesNotContain("written");
        try (Stream<Path> s = Files.list(report)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("index.html", StudyReport.MANIFEST);
        }
        assertThat(report.resolve("index.html")).hasContent("the earlier report");
    }

    /** Every file under a folder (relative name → bytes). */
    private static Map<String, byte[]> contents(Path folder) throws Exception {
        Map<String, byte[]> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                m.put(folder.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return m;
    }

    static List<CSVRecord> parse(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    /** First bytes of a file. */
    static final class Arrays8 {
        static byte[] head(Path f) throws Exception {
            try (var in = Files.newInputStream(f)) {
                return in.readNBytes(4);
            }
        }
    }
}
