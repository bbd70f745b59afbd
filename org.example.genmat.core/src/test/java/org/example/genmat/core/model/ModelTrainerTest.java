package org.example.genmat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.featurize.PeriodicStructure;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.featurize.PrototypeSites;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {

    @Test
    void defaultDataFollowsItsEnumerationRule() {
        List<DefaultElpasolites.Entry> e = DefaultElpasolites.entries();
        assertThat(e).hasSize(600).doesNotHaveDuplicates();
        assertThat(e.stream().filter(x -> x.d().equals("I"))).hasSize(150);
        PrototypeSites f = PrototypeSites.elpasolite(false);
        for (DefaultElpasolites.Entry x : e) {
            assertThat(f.keyIsValid(f.decodeKey(f.encode(CrystalRecord.ofComposition("t", x.composition()))))).isTrue();
        }
    }

    @Test
    void preparesAugmentedVectorsConditionsAndLabelsAndReportsSkippedRows() {
        List<ModelTrainer.Row> rows = new ArrayList<>(DefaultElpasolites.rows().subList(0, 5));
        rows.addAll(DefaultElpasolites.rows().subList(150, 155));
        rows.add(new ModelTrainer.Row(CrystalRecord.ofComposition("bad-formula", org.example.genmat.core.crystal.Composition.parse("NaCl")), "Cl"));
        rows.add(new ModelTrainer.Row(CrystalRecord.failed("broken.cif", "no cell"), "F"));
        rows.add(new ModelTrainer.Row(rows.get(0).record(), " "));
        ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.VAE, "elpasolite", Featurizers.Options.defaults(), "halogen", null,
            TrainingSettings.defaults(ModelFamily.VAE), Map.of());
        ModelTrainer.Prepared p = ModelTrainer.prepare(rows, req);
        assertThat(p.rowsUsed()).isEqualTo(10);
        assertThat(p.data().rows()).isEqualTo(20); // A<->B swap
        assertThat(p.skipped()).hasSize(3);
        assertThat(p.skipped().get(0)).startsWith("row 12 (broken.cif): no cell");
        assertThat(p.skipped().get(1)).startsWith("row 13").contains("empty value in column 'halogen'");
        assertThat(p.skipped().get(2)).startsWith("row 11 (bad-formula)").contains("1:1:2:6");
        assertThat(p.conditioning().kind()).isEqualTo(Conditioning.Kind.CLASS);
        assertThat(p.conditioning().classes()).containsExactly("Cl", "F");
        assertThat(p.data().classLabels()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(p.data().condition()[0]).containsExactly(0f, 1f);
    }

    @Test
    void readsTablesAndNamesMissingColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "formula,halogen\nK2NaAlF6,F\nK2NaAlCl6,Cl\nXx2,F\n");
        List<ModelTrainer.Row> rows = ModelTrainer.readRows(csv, "halogen");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).condition()).isEqualTo("F");
        assertThat(rows.get(2).record().ok()).isFalse();
        assertThat(rows.get(2).record().error()).contains("Xx");
        assertThatThrownBy(() -> ModelTrainer.readRows(csv, "energy")).hasMessageContaining("no column 'energy'");
        // rows named as every reader names them: "t.csv#row 3"
        assertThat(rows.get(2).record().source()).isEqualTo("t.csv#row 3");
    }

    /**
     * A table without a crystal column is named first, before the condition column it also lacks ('genmat sample --mode
     * encode' blamed the class option and column for it).
     */
    @Test
    void aTableWithoutACrystalColumnIsNamedFirst(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> ModelTrainer.readRows(csv, "halogen"))
            .hasMessage(csv + " has no cif, composition or formula column (columns: x, y)");
        assertThatThrownBy(() -> ModelTrainer.readRows(csv, null))
            .hasMessage(csv + " has no cif, composition or formula column (columns: x, y)");
    }

    @Test
    void aMalformedCsvRowBecomesASkippedRowAndTheRestIsRead(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "formula,halogen\nK2NaAlF6,F\nK2Na\"AlCl6,Cl\nRb2NaAlCl6,Cl\n");
        List<ModelTrainer.Row> rows = ModelTrainer.readRows(csv, "halogen");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).record().ok()).isTrue();
        assertThat(rows.get(1).record().ok()).isFalse();
        assertThat(rows.get(1).record().error()).contains("line 3").contains("quote");
        assertThat(rows.get(2).record().ok()).isTrue();
        assertThat(rows.get(2).condition()).isEqualTo("Cl");
        ModelTrainer.Prepared p = ModelTrainer.prepare(rows, new ModelTrainer.Request(ModelFamily.VAE, "elpasolite", null,
            "halogen", null, TrainingSettings.defaults(ModelFamily.VAE), null));
        assertThat(p.rowsUsed()).isEqualTo(2);
        assertThat(p.skipped()).singleElement().asString().startsWith("row 2 (t.csv#row 2): line 3");
    }

    @Test
    void aNaNClassCellIsAMissingValueAndAHugePropertyIsRefusedByTheScaling() {
        List<ModelTrainer.Row> rows = new ArrayList<>(DefaultElpasolites.rows().subList(0, 5));
        rows.addAll(DefaultElpasolites.rows().subList(150, 155));
        rows.add(new ModelTrainer.Row(rows.get(0).record(), "NaN"));
        ModelTrainer.Prepared p = ModelTrainer.prepare(rows, new ModelTrainer.Request(ModelFamily.VAE, "elpasolite",
            Featurizers.Options.defaults(), "halogen", null, TrainingSettings.defaults(ModelFamily.VAE), Map.of()));
        assertThat(p.conditioning().classes()).containsExactly("Cl", "F");
        assertThat(p.skipped()).singleElement().asString().startsWith("row 11").contains("empty value 'NaN' in column 'halogen'");
        assertThatThrownBy(() -> Conditioning.classes("c", List.of("1", "2", "nan"))).hasMessageContaining("empty class label 'nan'");
        assertThatThrownBy(() -> Conditioning.property("e", new double[] {1, 2, 1e300}))
            .hasMessageContaining("property column 'e' has the value 1.0E300");
        assertThat(Conditioning.propertyProblem("e", "-3.5e38")).contains("'-3.5e38' in column 'e' is beyond the property range");
        assertThat(Conditioning.propertyProblem("e", "3e38")).isNull();
    }

    @Test
    void aPropertyColumnWithOneValueWarnsInTrainingAndWhenSampledAtAnotherValue() {
        List<ModelTrainer.Row> rows = new ArrayList<>();
        for (DefaultElpasolites.Entry e : DefaultElpasolites.entries().subList(0, 12)) {
            rows.add(new ModelTrainer.Row(CrystalRecord.ofComposition("r", e.composition()), "1.5"));
        }
        ModelTrainer.Prepared p = ModelTrainer.prepare(rows, new ModelTrainer.Request(ModelFamily.VAE, "composition",
            Featurizers.Options.defaults(), null, "prop", TrainingSettings.defaults(ModelFamily.VAE), Map.of()));
        Conditioning c = p.conditioning();
        assertThat(p.warnings()).singleElement().asString()
            .contains("property column 'prop' has one value only (1.5)").contains("carries no information");
        assertThat(c.toString()).doesNotContain("std").contains("one value only: 1.5");
        assertThat(c.farConditionWarning("9")).contains("the condition 9 differs from 1.5, the only value of 'prop'");
        assertThat(c.farConditionWarning(" 1.5 ")).isNull();
        // the model file keeps it, so that sampling a saved model warns too
        Conditioning read = Conditioning.fromJson(c.toJson());
        assertThat(read).isEqualTo(c);
        assertThat(read.farConditionWarning("9")).isNotNull();
        // a spread column is unchanged: no training warning, the far rule in standard deviations
        Conditioning spread = Conditioning.property("e", new double[] {1, 3});
        assertThat(spread.singleValueWarning()).isNull();
        assertThat(spread.farConditionWarning("9")).isNull();
        assertThat(spread.farConditionWarning("99")).contains("training standard deviations");
    }

    @Test
    void veryFewTrainingRowsWarnAndOneRowIsSingular() {
        List<ModelTrainer.Row> rows = new ArrayList<>(DefaultElpasolites.rows().subList(0, 5));
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(8)).batchSize(4).steps(1).seed(1).build();
        ModelTrainer.Request unconditional = new ModelTrainer.Request(ModelFamily.VAE, "composition", null, null, null, s, null);
        ModelTrainer.Prepared p = ModelTrainer.prepare(rows, unconditional);
        assertThat(p.warnings()).singleElement().asString()
            .isEqualTo("only " + p.rowsUsed() + " rows to train on (fewer than " + ModelTrainer.FEW_ROWS + "): the model can only"
                + " memorise them, and its samples say little");
        List<String> log = new ArrayList<>();
        ModelTrainer.train("t", rows.subList(2, 3), unconditional, JobMonitor.NONE, null, log::add);
        assertThat(log).contains("warning: only 1 row to train on (fewer than 10): the model can only memorise them,"
            + " and its samples say little");
        assertThat(log).anyMatch(l -> l.startsWith("training VAE on 1 row ("));
    }

    @Test
    void propertyConditionedModelsSampleAtAGivenValueOrTheTrainingMean() throws Exception {
        List<ModelTrainer.Row> rows = new ArrayList<>();
        int i = 0;
        for (DefaultElpasolites.Entry e : DefaultElpasolites.entries()) {
            rows.add(new ModelTrainer.Row(CrystalRecord.ofComposition("r" + i, e.composition()), Double.toString(i++ % 7)));
        }
        rows.add(new ModelTrainer.Row(rows.get(0).record(), "n/a"));
        // a value the scaling cannot hold and a NaN cell are skipped like the non-number, each naming its row
        rows.add(new ModelTrainer.Row(rows.get(1).record(), "1e300"));
        rows.add(new ModelTrainer.Row(rows.get(2).record(), "NaN"));
        TrainingSettings s = TrainingSettings.builder(ModelFamily.WGAN_GP).hiddenLayers(List.of(16)).criticLayers(List.of(16))
            .batchSize(32).steps(3).nCritic(1).seed(1).build();
        ModelTrainer.Request req = new ModelTrainer.Request(ModelFamily.WGAN_GP, "composition", Featurizers.Options.defaults(), null,
            "gap", s, Map.of());
        List<String> log = new ArrayList<>();
        GenerativeModel m = ModelTrainer.train("t", rows, req, JobMonitor.NONE, null, log::add);
        assertThat(log).anyMatch(l -> l.contains("row 601") && l.contains("'n/a' in column 'gap' is not a number"));
        assertThat(m.conditioning().kind()).isEqualTo(Conditioning.Kind.PROPERTY);
        assertThat(m.conditioning().mean()).isCloseTo(2.99, org.assertj.core.api.Assertions.within(0.02));
        assertThat(log).anyMatch(l -> l.contains("row 602") && l.contains("'1e300' in column 'gap' is beyond the property range"));
        assertThat(log).anyMatch(l -> l.contains("row 603") && l.contains("'NaN' in column 'gap' is not a number"));
        assertThat(Double.isFinite(m.conditioning().std())).isTrue();
        assertThat(m.provenance().skippedRows()).isEqualTo(3);
        assertThatThrownBy(() -> Sampler.sample(m, 5, null, 1.0, new Sampler.Decoding(0, 1), 1, 0, 1))
            .hasMessage("guidance needs a class-conditioned model; this one is property-conditioned (column gap)");
        // the engine notes a latent that is not finite, naming the column (Sample Latent's decode mode gets it too)
        List<List<Object>> decoded = new ArrayList<>();
        float[] good = new float[m.latentSize()];
        float[] inf = good.clone();
        inf[1] = Float.POSITIVE_INFINITY;
        float[] nan = good.clone();
        nan[0] = Float.NaN;
        org.example.genmat.core.job.sample.SampleJob.latents(m,
            org.example.genmat.core.job.sample.SampleSettings.prior(1, 1).withMode(org.example.genmat.core.job.sample.SampleMode.DECODE),
            List.of(new org.example.genmat.core.job.sample.SampleInput.Latent("a", good, null),
                new org.example.genmat.core.job.sample.SampleInput.Latent("b", inf, null),
                new org.example.genmat.core.job.sample.SampleInput.Latent("c", nan, null)).iterator(),
            (key, values) -> decoded.add(values), JobMonitor.NONE);
        assertThat(decoded).hasSize(3);
        assertThat(decoded.get(0).toString()).doesNotContain("not a finite number");
        assertThat(decoded.get(1)).contains("z2 is 'Infinity', not a finite number");
        assertThat(decoded.get(2)).contains("z1 is 'NaN', not a finite number");
        try (var st = Sampler.sample(m, 5, "1.5", 1.0, 1, 0, 1)) {
            assertThat(st.toList()).hasSize(5).allMatch(c -> c.condition().equals("1.5"));
        }
        try (var st = Sampler.sample(m, 5, null, 1.0, 1, 0, 1)) {
            assertThat(st.toList()).allMatch(c -> c.condition().equals(Double.toString(m.conditioning().mean())));
        }
        assertThatThrownBy(() -> Sampler.sample(m, 5, "warm", 1.0, 1, 0, 1)).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> ModelTrainer.train("t", rows, new ModelTrainer.Request(ModelFamily.VAE, "perovskite",
            Featurizers.Options.defaults(), null, null, s, Map.of()), JobMonitor.NONE, null, null))
            .hasMessageContaining("no row fits the perovskite representation").hasMessageContaining("5 atoms");
    }

    @Test
    void trainedVaeReconstructsTheTrainingSetFarBetterThanChance() throws Exception {
        GenerativeModel m = TestModels.classConditionedVae();
        List<ModelTrainer.Row> rows = DefaultElpasolites.rows();
        List<CrystalRecord> recs = rows.stream().map(ModelTrainer.Row::record).toList();
        float[][] z = Sampler.encode(m, recs, rows.stream().map(ModelTrainer.Row::condition).toList());
        PrototypeSites f = (PrototypeSites) m.featurizer();
        int exact = 0, sites = 0;
        try (NetworkRunner r = new NetworkRunner(m.network())) {
            float[][] cond = new float[rows.size()][];
            for (int i = 0; i < cond.length; i++) {
                cond[i] = m.conditioning().encode(rows.get(i).condition());
            }
            float[][] out = r.decode(z, cond);
            for (int i = 0; i < out.length; i++) {
                long want = f.decodeKey(f.encode(recs.get(i)));
                long got = f.decodeKey(out[i]);
                exact += want == got ? 1 : 0;
                for (int s = 0; s < 4; s++) {
                    sites += ((want >>> (7 * s)) & 0x7F) == ((got >>> (7 * s)) & 0x7F) ? 1 : 0;
                }
            }
        }
        double exactRate = exact / (double) rows.size();
        double siteRate = sites / (4.0 * rows.size());
        // chance: 1/39 per site, (1/39)^4 for a whole composition
        System.out.printf(java.util.Locale.ROOT, "VAE reconstruction of the 600 training rows: %.3f exact, %.3f per site%n", exactRate, siteRate);
        assertThat(siteRate).as("site accuracy").isGreaterThan(0.6);
        assertThat(exactRate).as("exact reconstruction").isGreaterThan(0.3);
        assertThat(m.provenance().rowCount()).isEqualTo(600);
        assertThat(m.conditioning().classes()).containsExactly("Br", "Cl", "F", "I");
    }
    /** The CdCuN3 cell of QA 7 (5 ordered sites), with {@code Cd} replaced by {@code a}. */
    private static String nitride(String a) {
        return "data_" + a + "CuN3\n_cell_length_a 4.279\n_cell_length_b 4.279\n_cell_length_c 4.279\n"
            + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'P 1'\n"
            + "loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "_atom_site_occupancy\nCu Cu0 0 0 0 1\n" + a + " " + a + "1 .5 .5 .5 1\nN N2 .5 0 .5 1\nN N3 .5 .5 0 1\n"
            + "N N4 0 .5 .5 1\n";
    }

    private static List<ModelTrainer.Row> cifRows(String... cifs) {
        List<ModelTrainer.Row> rows = new ArrayList<>();
        for (int i = 0; i < cifs.length; i++) {
            rows.add(new ModelTrainer.Row(org.example.genmat.core.io.CifReader.read(cifs[i], "set/" + i + ".cif").get(0), null));
        }
        return rows;
    }

    private static ModelTrainer.Prepared prepareStructure(List<ModelTrainer.Row> rows, int maxSites) {
        return ModelTrainer.prepare(rows, new ModelTrainer.Request(ModelFamily.VAE, "structure",
            new Featurizers.Options(maxSites, 20, false, true), null, null, TrainingSettings.defaults(ModelFamily.VAE), Map.of()));
    }

    /**
     * QA 7 D5: a disordered crystal (a hydrate with a partially occupied H) larger than the ordered ones and with the only
     * V was skipped as "has 7 sites, more than max sites 5" or, with more slots, "element V is not in the vocabulary of
     * the training data": disorder is its reason at any size, and a row that is skipped for a reason never shapes the
     * vocabulary, so no training row meets the vocabulary message.
     */
    @Test
    void aDisorderedCrystalIsSkippedForItsDisorderWhateverItsSizeAndElements() {
        String hydrate = "data_v\n_cell_length_a 7.1\n_cell_length_b 7.3\n_cell_length_c 9.2\n_cell_angle_alpha 90\n"
            + "_cell_angle_beta 90\n_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'P 1'\nloop_\n_atom_site_label\n"
            + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\nV(1) .12 .70 .81 1\n"
            + "S(1) .92 .43 .77 1\nO(1) .99 .24 .71 1\nO(2) .80 .44 .96 1\nO(3) .79 .58 .66 1\nO(4) .11 .47 .75 1\n"
            + "H(6) .49 .41 .77 0.6\n";
        List<ModelTrainer.Row> rows = cifRows(nitride("Cd"), hydrate, nitride("Zn"));
        for (int maxSites : new int[] {0, 5, 100}) {
            ModelTrainer.Prepared p = prepareStructure(rows, maxSites);
            assertThat(p.rowsUsed()).as("max sites %d", maxSites).isEqualTo(2);
            assertThat(p.skipped()).as("max sites %d", maxSites).containsExactly("row 2 (set/1.cif#v): site 7 (H(6)) is"
                + " partially occupied; the structure representation needs ordered crystals");
            assertThat(((PeriodicStructure) p.featurizer()).vocabulary()).extracting(Element::symbol)
                .containsExactly("N", "Cu", "Zn", "Cd");
        }
    }

    /**
     * QA 7 D5: by default the site slots are the largest training crystal's, which failed the whole run ("max sites must
     * be 1..500, was 948") when one crystal had more sites than any model takes; that crystal is now one skipped row
     * naming its size and the setting, and the slots are the largest crystal that fits.
     */
    @Test
    void aCrystalAboveTheMostSiteSlotsIsOneSkippedRowByDefault() {
        List<ModelTrainer.Row> rows = cifRows(nitride("Cd"), nitride("Zn"));
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < 948; i++) {
            sites.add(Site.of(Element.of(i % 2 == 0 ? "Na" : "Cl"), i / 948.0, (i * 7 % 948) / 948.0, (i * 13 % 948) / 948.0));
        }
        rows.add(1, new ModelTrainer.Row(CrystalRecord.of(new Crystal(Lattice.cubic(40), sites, "big.cif"), "P 1"), null));
        ModelTrainer.Prepared p = prepareStructure(rows, 0);
        assertThat(p.rowsUsed()).isEqualTo(2);
        assertThat(p.skipped()).containsExactly("row 2 (big.cif): crystal Cl474Na474 has 948 sites; the structure representation"
            + " takes at most 500 whatever the site slots");
        assertThat(((PeriodicStructure) p.featurizer()).maxSites()).isEqualTo(5);
        // with the slots set lower, the crystals above them are named with the setting
        ModelTrainer.Prepared four = prepareStructure(cifRows(nitride("Cd"), "data_x\n_cell_length_a 4\n_cell_length_b 4\n"
            + "_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n"
            + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCs1 0 0 0\nCl1 .5 .5 .5\n"), 4);
        assertThat(four.rowsUsed()).isEqualTo(1);
        // named as both faces name the setting's range (no CLI option a KNIME user does not have)
        assertThat(four.skipped()).containsExactly("row 1 (set/0.cif#CdCuN3): crystal CdCuN3 has 5 sites, more than the"
            + " site slots (4)");
    }
}
