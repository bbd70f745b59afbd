package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.example.genmat.core.job.CapturedRun;
import org.example.genmat.core.study.ElpasoliteDft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genmat demo --score}: tables of generated elpasolites scored as the demo scores a model, beside the baselines. */
class DemoScoreCliTest {

    @TempDir
    Path dir;

    /** A DFT row's elements as the CSV cells A,B,C,D. */
    static String sites(ElpasoliteDft.Row r) {
        return String.join(",", ElpasoliteDft.symbol(r.a()), ElpasoliteDft.symbol(r.b()), ElpasoliteDft.symbol(r.c()),
            ElpasoliteDft.symbol(r.d()));
    }

    /** A command's exit status, standard error and standard output (the demo prints its table there). */
    static CapturedRun runPrinting(String... args) {
        return GenmatRun.of(args);
    }

    @Test
    void aReportFolderThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CapturedRun p = runPrinting("demo", "--out-dir", file.resolve("report").toString(), "--cache-dir", dir.resolve("cache").toString());
        assertThat(p.rc()).isEqualTo(1);
        assertThat(p.err()).contains("--out-dir " + file.resolve("report") + ": " + file + " is not a folder")
            .doesNotContain("surrogate").doesNotContain("training");
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void scoresATableOfCandidatesBesideTheBaselinesAndRefusesATableWithoutSites() throws Exception {
        StringBuilder data = new StringBuilder("A,B,C,D,formation_energy_ev_per_atom\n");
        StringBuilder samples = new StringBuilder("origin,formula,A,B,C,D,note\n");
        int n = 0;
        for (ElpasoliteDft.Row r : ElpasoliteDft.embedded().rows().subList(0, 400)) {
            String sites = sites(r);
            data.append(sites).append(',').append(r.energy()).append('\n');
            if (n++ < 60) {
                samples.append(",x,").append(sites).append(",\n").append(",x,He,He,Li,F,element repeated\n");
            }
        }
        for (int i = 0; i < 7; i++) {
            data.append("Cs,Na,K,F,NaN\n"); // lines 402-408: left out, each named
        }
        Path dataCsv = dir.resolve("dft.csv");
        Files.writeString(dataCsv, data);
        Path candidates = dir.resolve("candidates-vae.csv");
        Files.writeString(candidates, samples);

        CapturedRun run = runPrinting("demo", "--data", dataCsv.toString(), "--cache-dir", dir.resolve("cache").toString(),
            "--samples", "50", "--score", candidates.toString(), "--out-dir", dir.resolve("report").toString());
        String printed = run.out();
        assertThat(run.rc()).as(run.err() + printed).isZero();
        // no report is written when scoring, so every row left out is listed on the console
        assertThat(printed).contains("scoring 1 table (no report is written)").doesNotContain("->")
            .contains("400 DFT formation energies (dft.csv), 7 rows left out:")
            .contains("dft.csv line 402: formation energy NaN").contains("dft.csv line 408:")
            .doesNotContain("more").doesNotContain("skipped-rows.csv");
        assertThat(printed).contains("candidates-vae: 120 rows, 60 well-formed, scored 50 of them in 99 draws; first malformed"
            + " row 2: note 'element repeated'");
        assertThat(printed.lines().filter(l -> l.startsWith("candidates-vae ") || l.startsWith("uniform ")
            || l.startsWith("prevalence "))).hasSize(3);
        assertThat(dir.resolve("report")).doesNotExist();

        Path noSites = dir.resolve("formulas.csv");
        Files.writeString(noSites, "formula\nCs2NaBiCl6\n");
        TrainSampleCliTest.Run refused = TrainSampleCliTest.run("demo", "--data", dataCsv.toString(), "--cache-dir",
            dir.resolve("cache").toString(), "--score", noSites.toString());
        assertThat(refused.rc()).isEqualTo(1);
        assertThat(refused.err()).contains("formulas.csv").contains("no column A").doesNotContain("Exception");
    }

    /** A user's table with its own column names: --site-columns and --energy-column name them; without --data they are refused. */
    @Test
    void readsAUsersTableWithOtherColumnNames() throws Exception {
        StringBuilder data = new StringBuilder("id,Ef,site_a,site_b,site_c,site_d\n");
        StringBuilder samples = new StringBuilder("A,B,C,D,note\n");
        int n = 0;
        for (ElpasoliteDft.Row r : ElpasoliteDft.embedded().rows().subList(0, 300)) {
            data.append(n).append(',').append(r.energy()).append(',').append(sites(r)).append('\n');
            if (n++ < 40) {
                samples.append(sites(r)).append(",\n");
            }
        }
        Path dataCsv = dir.resolve("mine.csv");
        Files.writeString(dataCsv, data);
        Path candidates = dir.resolve("candidates.csv");
        Files.writeString(candidates, samples);
        CapturedRun run = runPrinting("demo", "--data", dataCsv.toString(), "--site-columns", "site_a,site_b,site_c,site_d",
            "--energy-column", "Ef", "--cache-dir", dir.resolve("cache").toString(), "--samples", "20", "--score", candidates.toString());
        assertThat(run.rc()).as(run.err()).isZero();
        assertThat(run.out()).contains("300 DFT formation energies (mine.csv)");

        TrainSampleCliTest.Run wrong = TrainSampleCliTest.run("demo", "--data", dataCsv.toString(), "--score", candidates.toString(),
            "--cache-dir", dir.resolve("cache").toString());
        assertThat(wrong.rc()).isEqualTo(1);
        assertThat(wrong.err()).contains("mine.csv has no column 'A' (columns: id, Ef, site_a, site_b, site_c, site_d)");
        TrainSampleCliTest.Run three = TrainSampleCliTest.run("demo", "--data", dataCsv.toString(), "--site-columns", "site_a,site_b,site_c",
            "--energy-column", "Ef", "--score", candidates.toString(), "--cache-dir", dir.resolve("cache").toString());
        assertThat(three.rc()).isEqualTo(1);
        assertThat(three.err()).contains("the site columns must name the 4 sites A, B, C, D in that order, got 3");
        TrainSampleCliTest.Run noData = TrainSampleCliTest.run("demo", "--energy-column", "Ef", "--out-dir", dir.resolve("r").toString());
        assertThat(noData.rc()).isEqualTo(2); // an option without the one it needs: a usage error
        assertThat(noData.err()).contains("--energy-column names a column of --data, which is not given");
        assertThat(dir.resolve("r")).doesNotExist();
    }
}
