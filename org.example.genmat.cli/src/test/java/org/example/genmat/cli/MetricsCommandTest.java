package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.SampleFile;
import org.example.genmat.core.study.StudyTables;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {

    @TempDir
    Path dir;

    /** A P1 NaCl-type cell with one Na and one Cl (distance 4.9 Å): structure-valid. */
    static final String NACL_CIF = "data_NaCl\n_cell_length_a 5.64\n_cell_length_b 5.64\n_cell_length_c 5.64\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'P 1'\n"
        + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
        + "Na1 Na 0 0 0\nCl1 Cl 0.5 0.5 0.5\n";

    /**
     * A structure table's row without a structure is structure-invalid and counts in validity_structure's n (before, it
     * was left out of n there, yet counted valid in validity_both).
     */
    @Test
    void aStructureTableRowWithoutACifCountsAsStructureInvalid() throws Exception {
        Path gen = dir.resolve("gen.csv");
        Files.writeString(gen, "formula,cif,note\nNaCl,\"" + NACL_CIF + "\",\nNaCl,,invalid lattice\n");
        Path train = dir.resolve("train.csv"), out = dir.resolve("m.csv");
        Files.writeString(train, "formula\nKCl\n");
        int rc = GenmatCli.commandLine().execute("metrics", "--generated", gen.toString(), "--training", train.toString(),
            "--out", out.toString());
        assertThat(rc).isEqualTo(0);
        assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith("validity_composition,1,2,"))
            .anyMatch(l -> l.startsWith("validity_structure,0.500000,2,"))
            .anyMatch(l -> l.startsWith("validity_both,0.500000,2,"));
    }

    @Test
    void elpasoliteSitesClassesTagsAndCurve() throws Exception {
        Path gen = dir.resolve("gen.csv"), train = dir.resolve("train.csv"), ref = dir.resolve("ref.csv");
        Files.writeString(gen, "A,B,C,D\nNa,Bi,Cs,Cl\nBi,Na,Cs,Cl\nK,Bi,Cs,Cl\nNa,Na,Cs,Cl\nLi,Bi,Cs,F\n");
        Files.writeString(train, "formula\nCs2KBiCl6\n");
        Files.writeString(ref, "A,B,C,D,cls\nNa,Bi,Cs,Cl,1\nK,Bi,Cs,Cl,1\nRb,Bi,Cs,Cl,1\nLi,Bi,Cs,F,2\n");
        Path out = dir.resolve("m.csv"), tags = dir.resolve("t.csv"), curve = dir.resolve("c.csv");
        int rc = GenmatCli.commandLine().execute("metrics", "--generated", gen.toString(), "--training", train.toString(),
            "--reference", ref.toString(), "--class-column", "cls", "--target-class", "1", "--prototype", "elpasolite",
            "--out", out.toString(), "--tags", tags.toString(), "--curve", curve.toString(), "--curve-every", "2");
        assertThat(rc).isEqualTo(0);
        List<String> m = Files.readAllLines(out);
        assertThat(m.get(0)).isEqualTo("metric,value,n,definition");
        // 4 valid of 5 (Na on two sites is invalid); NaBiCs2Cl6 twice (A<->B swap) → 3 unique of 4
        assertThat(m).anyMatch(l -> l.startsWith("validity_composition,0.800000,5,"))
            .anyMatch(l -> l.startsWith("uniqueness,0.750000,4,"))
            .anyMatch(l -> l.startsWith("precision_right_class,0.750000,4,"))
            .anyMatch(l -> l.startsWith("precision_neighbouring_classes,0.250000,4,"))
            .anyMatch(l -> l.startsWith("coverage_right_class,0.666667,3,"))
            .anyMatch(l -> l.startsWith("js_distance_site_A,"));
        assertThat(Files.readAllLines(tags)).containsExactly("index,formula,valid,tag", "1,BiCl6Cs2Na,true,novel",
            "2,BiCl6Cs2Na,true,repetition", "3,BiCl6Cs2K,true,rediscovery", "4,,false,invalid", "5,BiCs2F6Li,true,novel");
        assertThat(Files.readAllLines(curve)).containsExactly("samples_drawn,valid_samples,unique,novel,rediscovered",
            "2,2,1,1,0", "4,3,2,1,1", "5,4,3,2,1");
    }

    /** A figure the tables cannot give is an empty value whose definition and a warning say why, not a silent blank or 0. */
    @Test
    void figuresThatCannotBeComputedSayWhy() throws Exception {
        Path gen = dir.resolve("gen.csv"), train = dir.resolve("train.csv"), ref = dir.resolve("ref.csv");
        Files.writeString(gen, "A,B,C,D\nNa,Bi,Cs,Cl\nK,Bi,Cs,Cl\n");
        Files.writeString(train, "formula\nCs2KBiCl6\n");
        Files.writeString(ref, "A,B,C,D,cls\nNa,Bi,Cs,Cl,1\nK,Bi,Cs,Cl,2\n");
        Path noSites = dir.resolve("m1.csv"), noClass = dir.resolve("m2.csv");
        TrainSampleCliTest.Run formulas = TrainSampleCliTest.run("metrics", "--generated", gen.toString(), "--training", train.toString(),
            "--prototype", "elpasolite", "--out", noSites.toString());
        assertThat(formulas.rc()).isZero();
        assertThat(Files.readAllLines(noSites)).anyMatch(l -> l.startsWith("js_distance,,2,\"not computed: no row of the training table"
            + " names an element on site A")).noneMatch(l -> l.startsWith("js_distance_site_A"));
        TrainSampleCliTest.Run absent = TrainSampleCliTest.run("metrics", "--generated", gen.toString(), "--training", ref.toString(),
            "--reference", ref.toString(), "--class-column", "cls", "--target-class", "77", "--prototype", "elpasolite",
            "--out", noClass.toString());
        assertThat(absent.rc()).isZero();
        assertThat(Files.readAllLines(noClass)).anyMatch(l -> l.startsWith("coverage_right_class,,0,\"not computed: no reference row is"
            + " of the target class 77"));
    }

    /**
     * A class cell that is no class, or empty, leaves that row out of the class figures with a warning naming it; the
     * other rows are used, and the row still counts by its composition (before, 'abc' ended the whole run).
     */
    @Test
    void aBadOrEmptyClassCellIsWarnedAndLeftOutOfTheClassFigures() throws Exception {
        Path gen = dir.resolve("gen.csv"), ref = dir.resolve("ref.csv"), out = dir.resolve("m.csv");
        Files.writeString(gen, "A,B,C,D\nNa,Bi,Cs,Cl\nK,Bi,Cs,Cl\nLi,Bi,Cs,F\n");
        Files.writeString(ref, "A,B,C,D,cls\nNa,Bi,Cs,Cl,1\nK,Bi,Cs,Cl,abc\nRb,Bi,Cs,Cl,\nLi,Bi,Cs,F,2\n");
        TrainSampleCliTest.Run run = TrainSampleCliTest.runWithStderr("metrics", "--generated", gen.toString(), "--training",
            ref.toString(), "--reference", ref.toString(), "--class-column", "cls", "--target-class", "1", "--prototype",
            "elpasolite", "--out", out.toString());
        String stderr = run.err();
        assertThat(run.rc()).as(stderr).isEqualTo(0);
        assertThat(stderr).contains("ref.csv row 2: class 'abc' in column cls is not a non-negative integer; row left out of"
            + " the class figures", "ref.csv row 3: no class in column cls; row left out of the class figures")
            .doesNotContain("error");
        // class 1 holds NaBiCs2Cl6 alone: KBiCs2Cl6 ('abc') is in no class, yet still a training composition
        assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith("precision_right_class,0.333333,3,"))
            .anyMatch(l -> l.startsWith("coverage_right_class,1,1,"))
            .anyMatch(l -> l.startsWith("rediscovery,1,3,"));
    }

    /**
     * A class column in which no row holds a class (a formula column named by mistake) is refused once, naming the column,
     * the table and a cell; before, every row was warned about (5,645 lines for the study's data) and the run went on
     * with precision 0.
     */
    @Test
    void aClassColumnWithoutAnyClassIsRefusedOnce() throws Exception {
        Path gen = dir.resolve("gen.csv"), train = dir.resolve("train.csv"), out = dir.resolve("m.csv");
        Files.writeString(gen, "A,B,C,D\nNa,Bi,Cs,Cl\n");
        Files.writeString(train, "A,B,C,D,formula\n" + "Na,Bi,Cs,Cl,Cs2NaBiCl6\n".repeat(30));
        TrainSampleCliTest.Run run = TrainSampleCliTest.runWithStderr("metrics", "--generated", gen.toString(), "--training",
            train.toString(), "--class-column", "formula", "--target-class", "1", "--prototype", "elpasolite", "--out", out.toString());
        assertThat(run.rc()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("genmat metrics: error: " + train + ": no row has a usable class in the class column"
            + " 'formula' (row 1 holds 'Cs2NaBiCl6'); a class is a non-negative integer");
        assertThat(out).doesNotExist();
    }

    /**
     * Rows with a bad class cell among good ones each cost only themselves, with a warning each, but the first
     * {@link org.example.genmat.core.job.WarningLines#SHOWN} only and then one line with the count of the rest.
     */
    @Test
    void classCellWarningsAreCapped() throws Exception {
        Path gen = dir.resolve("gen.csv"), train = dir.resolve("train.csv"), out = dir.resolve("m.csv");
        Files.writeString(gen, "A,B,C,D\nNa,Bi,Cs,Cl\n");
        Files.writeString(train, "A,B,C,D,cls\n" + "Na,Bi,Cs,Cl,1\n" + "K,Bi,Cs,Cl,abc\n".repeat(25));
        TrainSampleCliTest.Run run = TrainSampleCliTest.runWithStderr("metrics", "--generated", gen.toString(), "--training",
            train.toString(), "--class-column", "cls", "--target-class", "1", "--prototype", "elpasolite", "--out", out.toString());
        assertThat(run.rc()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("class 'abc' in column cls"))).hasSize(20);
        assertThat(run.err()).contains("train.csv row 21: class 'abc'", "metrics: ... and 5 more warnings about rows of " + train)
            .doesNotContain("row 22: class");
        assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith("precision_right_class,1,1,"));
    }

    /** An option that needs another names both (it was 'a target class needs the class column'). */
    @Test
    void aTargetClassWithoutAClassColumnNamesBothOptions() throws Exception {
        Path gen = Files.writeString(dir.resolve("gen.csv"), "formula\nNaCl\n");
        TrainSampleCliTest.Run run = TrainSampleCliTest.run("metrics", "--generated", gen.toString(), "--training", gen.toString(),
            "--target-class", "1", "--out", dir.resolve("m.csv").toString());
        assertThat(run.rc()).isEqualTo(2); // options that do not go together: a usage error
        assertThat(run.err().strip()).isEqualTo("genmat metrics: error: --target-class: a target class needs the class column;"
            + " give --class-column" + System.lineSeparator() + "(see genmat metrics --help)");
    }

    /**
     * The help says what the command compares with: the training table when there is no --reference (the class column
     * too), and CrystalNN structure fingerprints beside the Magpie ones for COV.
     */
    @Test
    void theHelpSaysWhatIsComparedWithWhat() {
        java.io.StringWriter help = new java.io.StringWriter();
        GenmatCli.commandLine().getSubcommands().get("metrics").usage(new java.io.PrintWriter(help));
        String text = help.toString().replaceAll("\\s+", " ");
        assertThat(text).contains("class column (non-negative integers) of --reference, or of the training table without"
            + " --reference", "CrystalNN structure and Magpie composition fingerprints", "or with the training table when it is"
            + " not given").doesNotContain("class column of the reference (integers)", "(composition-only Magpie fingerprints)");
    }

    /** {@code --study}: the generated elpasolites scored as the study scores a table, beside the baselines. */
    @Test
    void theElpasoliteStudyTableAndTheRankedCandidates() throws Exception {
        StringBuilder data = new StringBuilder("A,B,C,D,formation_energy_ev_per_atom,stability_class\n");
        StringBuilder samples = new StringBuilder("A,B,C,D,note\n");
        List<ElpasoliteDft.Row> dft = ElpasoliteDft.embedded().rows().subList(0, 400);
        dft.forEach(r -> data.append(DemoScoreCliTest.sites(r)).append(',').append(r.energy()).append(',')
            .append(r.stabilityClass()).append('\n'));
        // generated: the first 80 training rows with A and C exchanged (mostly novel), and a malformed row after each
        dft.subList(0, 80).forEach(r -> samples.append(ElpasoliteDft.symbol(r.c())).append(',').append(ElpasoliteDft.symbol(r.b()))
            .append(',').append(ElpasoliteDft.symbol(r.a())).append(',').append(ElpasoliteDft.symbol(r.d())).append(",\n")
            .append("He,He,Li,F,element repeated\n"));
        Path train = dir.resolve("dft.csv"), gen = dir.resolve("gen.csv");
        Files.writeString(train, data);
        Files.writeString(gen, samples);
        Path out = dir.resolve("m.csv"), study = dir.resolve("study.csv"), candidates = dir.resolve("candidates.csv");
        TrainSampleCliTest.Run run = TrainSampleCliTest.run("metrics", "--generated", gen.toString(), "--training", train.toString(),
            "--class-column", "stability_class", "--target-class", "1", "--prototype", "elpasolite", "--seed", "3",
            "--study", study.toString(), "--candidates", candidates.toString(), "--study-samples", "70", "--cache-dir",
            dir.resolve("cache").toString(), "--out", out.toString());
        assertThat(run.rc()).as(run.err()).isZero();

        TurkStudy.Prepared p = TurkStudy.prepare(ElpasoliteDft.read(train), Surrogate.Settings.defaults(), 1, dir.resolve("cache"), 2,
            JobMonitor.NONE);
        assertThat(p.surrogate().fromCache()).isTrue();
        SampleFile file = SampleFile.read(gen);
        List<TurkStudy.Run> runs = TurkStudy.scoreTables(p, List.of(file), 70, 3, JobMonitor.NONE);
        assertThat(runs.get(0).scores().drawn()).isEqualTo(139);
        assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith(String.format(java.util.Locale.ROOT,
            "surrogate_holdout_mae_ev_per_atom,%.6g,%d,", p.surrogate().holdoutMae(), p.surrogate().holdoutRows())))
            .anyMatch(l -> l.startsWith("study_target_class_compositions," + p.reference().classSizes()[1] + ",10,"));
        List<String> lines = Files.readAllLines(study);
        assertThat(lines.get(0)).isEqualTo(String.join(",", StudyTables.scores(1).names()));
        assertThat(lines).hasSize(4);
        List<List<Object>> expected = StudyTables.scoreRows(runs);
        for (int i = 0; i < 3; i++) {
            List<String> cells = List.of(lines.get(i + 1).split(",", -1));
            List<String> want = expected.get(i).stream().map(Column::text).toList();
            // the name of the generated row is the job's; the last two columns are seconds
            assertThat(cells.subList(1, cells.size() - 2)).isEqualTo(want.subList(1, want.size() - 2));
        }
        assertThat(lines.get(1)).startsWith("generated,table,3,70,139,");
        assertThat(lines.get(2)).startsWith("uniform,baseline,3,70,70,");
        List<String> ranked = Files.readAllLines(candidates);
        assertThat(ranked.get(0)).isEqualTo(String.join(",", StudyTables.CANDIDATES.names()));
        assertThat(ranked.subList(1, ranked.size())).hasSize(NovelCandidates.rank(p, runs).size());

        TrainSampleCliTest.Run refused = TrainSampleCliTest.run("metrics", "--generated", gen.toString(), "--training",
            train.toString(), "--class-column", "stability_class", "--target-class", "1", "--study", study.toString(),
            "--out", out.toString());
        assertThat(refused.rc()).isEqualTo(2);
        assertThat(refused.err()).contains("--study").contains("prototype Elpasolite").contains("(see genmat metrics --help)")
            .doesNotContain("Exception");
        TrainSampleCliTest.Run noEnergy = TrainSampleCliTest.run("metrics", "--generated", gen.toString(), "--training",
            train.toString(), "--class-column", "stability_class", "--target-class", "1", "--prototype", "elpasolite",
            "--study", dir.resolve("s2.csv").toString(), "--energy-column", "dft_energy", "--cache-dir",
            dir.resolve("cache").toString(), "--out", dir.resolve("m2.csv").toString());
        assertThat(noEnergy.rc()).isEqualTo(1);
        // the column is refused at once, as genmat demo --energy-column refuses it (it was 'row 1: the formation energy is
        // missing' for a column that is not there)
        assertThat(noEnergy.err().strip()).isEqualTo("genmat metrics: error: " + train + " has no column 'dft_energy' (columns: A, B,"
            + " C, D, formation_energy_ev_per_atom, stability_class)");
        assertThat(dir.resolve("m2.csv")).doesNotExist();
    }
}
