package org.example.genmat.core.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.io.CrystalRecord;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

    static CrystalRecord formula(String f) {
        return new CrystalRecord("test", null, Composition.parse(f), null, null);
    }

    static CrystalRecord crystal(Crystal c) {
        return new CrystalRecord("test", c, c.composition(), null, null);
    }

    static Featurizer viaJson(Featurizer f) {
        return Featurizers.fromJson(JsonParser.parseString(f.toJson().toString()).getAsJsonObject());
    }

    @Test
    void mainGroupCodeHasTheThirtyNineElementsOfTuerkEtAl() {
        assertThat(ElementCode.MAIN_GROUP.elements()).hasSize(39);
        assertThat(ElementCode.MAIN_GROUP.contains(Element.of("Bi"))).isTrue();
        assertThat(ElementCode.MAIN_GROUP.contains(Element.of("Po"))).isFalse();
        assertThat(ElementCode.MAIN_GROUP.contains(Element.of("Fe"))).isFalse();
        assertThat(ElementCode.MAIN_GROUP.group(Element.of("F"))).isEqualTo(7);
        // x' = (2x - 1)/n - 1: period 1 of 6 -> -5/6, main group 8 of 8 -> 7/8
        assertThat(ElementCode.scale(1, 6)).isCloseTo(-5f / 6, within(1e-6f));
        assertThat(ElementCode.scale(8, 8)).isCloseTo(7f / 8, within(1e-6f));
        for (int n : new int[] {6, 8, 18}) {
            for (int x = 1; x <= n; x++) {
                assertThat(ElementCode.unscale(ElementCode.scale(x, n), n)).isEqualTo(x);
            }
        }
        assertThat(ElementCode.PERIODIC_TABLE.contains(Element.of("La"))).isTrue();
        assertThat(ElementCode.PERIODIC_TABLE.contains(Element.of("Ce"))).isFalse();
    }

    @Test
    void elpasoliteRoundTripsWithSwapAugmentation() {
        PrototypeSites f = PrototypeSites.elpasolite(true);
        assertThat(f.layout().dimension()).isEqualTo(8);
        float[] v = f.encode(formula("K2NaAlF6"));
        Candidate c = f.decode(v);
        assertThat(c.clean()).isTrue();
        assertThat(c.composition()).isEqualTo(Composition.parse("K2NaAlF6"));
        assertThat(c.sites()).containsEntry("A", "Na").containsEntry("B", "Al").containsEntry("C", "K").containsEntry("D", "F");
        // cell contents of 4 formula units reduce to the same sites
        assertThat(f.encode(formula("K8Na4Al4F24"))).containsExactly(v);
        List<float[]> aug = f.encodeAugmented(formula("K2NaAlF6"));
        assertThat(aug).hasSize(2);
        assertThat(f.decode(aug.get(1)).sites()).containsEntry("A", "Al").containsEntry("B", "Na");
        assertThat(f.decode(aug.get(1)).composition()).isEqualTo(c.composition());
        assertThat(f.decodeKey(aug.get(0))).isEqualTo(f.decodeKey(aug.get(1)));
        assertThat(f.keyIsValid(f.decodeKey(v))).isTrue();
        assertThat(viaJson(f)).isEqualTo(f);
    }

    @Test
    void elpasoliteDecodingNotesNonExistentAndRepeatedElements() {
        PrototypeSites f = PrototypeSites.elpasolite(false);
        float[] v = f.encode(formula("Cs2NaBiCl6"));
        float[] bad = v.clone();
        bad[0] = ElementCode.scale(1, 6); // period 1, main group of Na (1) -> H: valid
        assertThat(f.decode(bad).sites()).containsEntry("A", "H");
        bad[1] = ElementCode.scale(3, 8); // period 1, main group 3: no element
        Candidate c = f.decode(bad);
        assertThat(c.clean()).isFalse();
        assertThat(c.decodeNote()).contains("site A").contains("period 1").contains("no element");
        assertThat(c.sites()).containsEntry("A", "?");
        assertThat(f.keyIsValid(f.decodeKey(bad))).isFalse();
        float[] rep = v.clone();
        rep[0] = v[4];
        rep[1] = v[5]; // A := C (Cs)
        Candidate r = f.decode(rep);
        assertThat(r.decodeNote()).contains("Cs repeated on sites A and C");
        assertThat(r.formula()).isNotNull();
        assertThat(f.keyIsValid(f.decodeKey(rep))).isFalse();
        // out-of-range outputs clamp to the nearest code
        float[] far = v.clone();
        far[6] = 5f;
        far[7] = Float.NaN;
        assertThat(f.decode(far).sites().get("D")).isNotNull();
    }

    @Test
    void elpasoliteRejectsOtherFormulasClearly() {
        PrototypeSites f = PrototypeSites.elpasolite(false);
        assertThatThrownBy(() -> f.encode(formula("NaCl"))).hasMessageContaining("1:1:2:6").hasMessageContaining("ClNa");
        assertThatThrownBy(() -> f.encode(formula("K2NaFeF6"))).hasMessageContaining("Fe");
        assertThatThrownBy(() -> f.encode(formula("Li0.5CoO2"))).hasMessageContaining("fractional");
    }

    @Test
    void perovskiteAssignsAnionsByElectronegativityAndCationByGeometry() {
        PrototypeSites f = PrototypeSites.perovskite();
        Candidate c = f.decode(f.encode(formula("SrTiO3")));
        assertThat(c.composition()).isEqualTo(Composition.parse("SrTiO3"));
        assertThat(c.sites()).containsEntry("A", "Sr").containsEntry("B", "Ti").containsEntry("X1", "O").containsEntry("X3", "O");
        assertThat(c.clean()).isTrue();
        Candidate mixed = f.decode(f.encode(formula("BaTaO2N")));
        assertThat(mixed.sites()).containsEntry("X1", "N").containsEntry("X2", "O").containsEntry("X3", "O");
        // geometry: put the more electronegative cation on the A corner; geometry wins
        Lattice l = Lattice.cubic(4.0);
        Crystal cr = new Crystal(l, List.of(Site.of(Element.of("Ti"), 0, 0, 0), Site.of(Element.of("Sr"), .5, .5, .5),
            Site.of(Element.of("O"), 0, .5, .5), Site.of(Element.of("O"), .5, 0, .5), Site.of(Element.of("O"), .5, .5, 0)), "t");
        assertThat(f.decode(f.encode(crystal(cr))).sites()).containsEntry("A", "Ti").containsEntry("B", "Sr");
        assertThatThrownBy(() -> f.encode(formula("Fe3O4"))).hasMessageContaining("5 atoms");
        assertThat(viaJson(f)).isEqualTo(f);
    }

    @Test
    void oneHotSitesUseTheTrainingVocabulary() {
        List<CrystalRecord> train = List.of(formula("SrTiO3"), formula("BaZrO3"), formula("LaAlO3"));
        PrototypeSites f = PrototypeSites.create("perovskite", PrototypeSites.SiteEncoding.ONE_HOT, false, train);
        assertThat(f.vocabulary()).extracting(Element::symbol).containsExactly("O", "Al", "Ti", "Sr", "Zr", "Ba", "La");
        assertThat(f.layout().segments()).allMatch(s -> s.kind() == FeatureLayout.Kind.CATEGORICAL);
        for (CrystalRecord r : train) {
            assertThat(f.decode(f.encode(r)).composition()).isEqualTo(r.composition());
        }
        assertThatThrownBy(() -> f.encode(formula("CaTiO3"))).hasMessageContaining("Ca").hasMessageContaining("vocabulary");
        assertThat(viaJson(f)).isEqualTo(f);
    }

    @Test
    void compositionVectorRoundTripsToSmallIntegerFormulas() {
        List<CrystalRecord> train = List.of(formula("Fe2O3"), formula("LiCoO2"), formula("Li0.5CoO2"), formula("NaCl"));
        CompositionVector f = CompositionVector.fit(train, 20);
        assertThat(f.vocabulary()).extracting(Element::symbol).containsExactly("Li", "O", "Na", "Cl", "Fe", "Co");
        assertThat(f.decode(f.encode(formula("Fe2O3"))).formula()).isEqualTo("Fe2O3");
        assertThat(f.decode(f.encode(formula("Fe4O6"))).formula()).isEqualTo("Fe2O3");
        assertThat(f.decode(f.encode(formula("Li0.5CoO2"))).formula()).isEqualTo("Co2LiO4");
        // noisy output: small values dropped, the rest rounded
        float[] v = f.encode(formula("LiCoO2"));
        v[2] += 0.01f;
        v[1] -= 0.01f;
        assertThat(f.decode(v).formula()).isEqualTo("CoLiO2");
        float[] none = new float[f.layout().dimension()];
        assertThat(f.decode(none).decodeNote()).contains("threshold");
        assertThatThrownBy(() -> f.encode(formula("SrTiO3"))).hasMessageContaining("Sr").hasMessageContaining("vocabulary");
        assertThat(viaJson(f)).isEqualTo(f);
        float sum = 0;
        for (float x : f.encode(formula("Fe2O3"))) {
            sum += x;
        }
        assertThat(sum).isCloseTo(1f, within(1e-6f));
    }

    /**
     * QA 7 D6: README and help promise "a formula of at most --max-atoms"; a decoded composition of 24 atoms (23
     * elements above the threshold) was written with the note "more than 20 atoms" and passed the filter. Rounding now
     * only takes totals whose formula keeps to the limit; when more elements than atoms pass the threshold no formula
     * can, and the candidate is undecoded like the others (no formula, a note).
     */
    @Test
    void compositionDecodingKeepsToMaxAtoms() {
        List<Element> vocabulary = new java.util.ArrayList<>();
        for (int z = 1; vocabulary.size() < 24; z++) {
            vocabulary.add(Element.ofZ(z));
        }
        CompositionVector f = new CompositionVector(vocabulary, 20, 0.5 / 20);
        // 23 elements of about 1/23 each, all above the threshold 0.025: at least 23 atoms
        float[] many = new float[24];
        java.util.Arrays.fill(many, 0, 23, 1f / 23);
        Candidate tooMany = f.decode(many);
        assertThat(tooMany.formula()).isNull();
        assertThat(tooMany.composition()).isNull();
        assertThat(tooMany.clean()).isFalse();
        assertThat(tooMany.decodeNote()).isEqualTo("more than 20 atoms: over 20 elements are above the threshold");
        // 20 elements, one of them 0.2: rounding at 20 atoms gives 4 + 19 = 23 atoms; the best total within 20 is taken
        float[] twenty = new float[24];
        java.util.Arrays.fill(twenty, 1, 20, 0.8f / 19);
        twenty[0] = 0.2f;
        Candidate rounded = f.decode(twenty);
        assertThat(rounded.clean()).isTrue();
        assertThat(rounded.composition().elements()).hasSize(20);
        assertThat(rounded.composition().totalAtoms()).isEqualTo(20);
        // exactly 20 elements at 1/20 each fit
        float[] even = new float[24];
        java.util.Arrays.fill(even, 0, 20, 1f / 20);
        assertThat(f.decode(even).composition().totalAtoms()).isEqualTo(20);
    }

    @Test
    void periodicStructureRoundTripsAnInlineCrystal() {
        Lattice l = Lattice.fromParameters(5.64, 5.70, 5.80, 89, 91, 120);
        Crystal nacl = new Crystal(l, List.of(Site.of(Element.of("Na"), 0, 0, 0), Site.of(Element.of("Cl"), .5, .5, .5),
            Site.of(Element.of("Na"), 1.25, -0.5, .5)), "t");
        PeriodicStructure f = PeriodicStructure.fit(List.of(crystal(nacl)), 4);
        assertThat(f.coordinates()).isEqualTo(PeriodicStructure.Coordinates.TORUS);
        assertThat(f.layout().dimension()).isEqualTo(6 + 4 * (2 + 1 + 6));
        Candidate c = f.decode(f.encode(crystal(nacl)));
        assertThat(c.clean()).isTrue();
        assertStructureEquals(c.crystal(), nacl);
        assertThat(viaJson(f)).isEqualTo(f);
        Crystal big = new Crystal(l, java.util.Collections.nCopies(5, Site.of(Element.of("Na"), 0, 0, 0)), "big");
        assertThatThrownBy(() -> f.encode(crystal(big)))
            .hasMessage("crystal Na5 has 5 sites, more than the site slots (4)");
        assertThatThrownBy(() -> f.encode(formula("NaCl"))).hasMessageContaining("needs a crystal");
        assertThat(f.decode(new float[f.layout().dimension()]).decodeNote()).contains("empty"); // ties pick "empty"
    }

    @Test
    void torusCoordinatesKeepCellFaceAtomsTogether() {
        Lattice l = Lattice.cubic(4);
        // an atom on a cell face written as -1e-9 and as 1e-9 (as Perov-5 files do) must encode alike
        Crystal below = new Crystal(l, List.of(Site.of(Element.of("Sr"), -1e-9, 0.5, 0.5), Site.of(Element.of("Ti"), .5, .5, .5)), "a");
        Crystal above = new Crystal(l, List.of(Site.of(Element.of("Sr"), 1e-9, 0.5, 0.5), Site.of(Element.of("Ti"), .5, .5, .5)), "b");
        PeriodicStructure torus = PeriodicStructure.fit(List.of(crystal(below)), 2);
        float[] a = torus.encode(crystal(below)), b = torus.encode(crystal(above));
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-6f));
        }
        // the linear layout of older model files puts the same atom at both ends of its range
        PeriodicStructure linear = new PeriodicStructure(torus.vocabulary(), 2, 1, 5, PeriodicStructure.Coordinates.LINEAR);
        float[] la = linear.encode(crystal(below)), lb = linear.encode(crystal(above));
        int x = 6 + torus.vocabulary().size() + 1;
        assertThat(la[x]).isCloseTo(1f, within(1e-6f));
        assertThat(lb[x]).isCloseTo(-1f, within(1e-6f));
        assertStructureEquals(linear.decode(la).crystal(), above);
    }

    @Test
    void olderStructureModelFilesReadAsLinearCoordinates() {
        JsonObject old = JsonParser.parseString("{\"type\":\"periodic-structure\",\"vocabulary\":[\"Cl\",\"Na\"],"
            + "\"maxSites\":2,\"lengthMin\":4.0,\"lengthMax\":7.0}").getAsJsonObject();
        PeriodicStructure f = (PeriodicStructure) Featurizers.fromJson(old);
        assertThat(f.coordinates()).isEqualTo(PeriodicStructure.Coordinates.LINEAR);
        assertThat(f.layout().dimension()).isEqualTo(6 + 2 * (3 + 3));
        assertThat(f.toJson().has("coordinates")).isFalse();
        old.addProperty("coordinates", "spiral");
        assertThatThrownBy(() -> Featurizers.fromJson(old)).hasMessageContaining("spiral");
    }

    /** Same lattice (float precision) and same sites modulo lattice translations. */
    static void assertStructureEquals(Crystal got, Crystal want) {
        assertThat(got.lattice().almostEquals(want.lattice(), 1e-4, 1e-3)).as(got.lattice() + " vs " + want.lattice()).isTrue();
        assertThat(got.numSites()).isEqualTo(want.numSites());
        for (int i = 0; i < want.numSites(); i++) {
            assertThat(got.sites().get(i).majorElement()).isEqualTo(want.sites().get(i).majorElement());
            for (int a = 0; a < 3; a++) {
                double d = got.sites().get(i).frac(a) - want.sites().get(i).frac(a);
                assertThat(d - Math.rint(d)).isCloseTo(0, within(1e-5));
            }
        }
    }

    @Test
    void conditioningEncodesClassesAndProperties() {
        Conditioning c = Conditioning.classes("cls", List.of("10", "2", "2", "1"));
        assertThat(c.classes()).containsExactly("1", "2", "10");
        assertThat(c.classCounts()).containsExactly(1, 2, 1);
        assertThat(c.encode("10")).containsExactly(0f, 0f, 1f);
        assertThatThrownBy(() -> c.encode("3")).hasMessageContaining("unknown class '3'").hasMessageContaining("1, 2, 10");
        // hundreds of classes: the message names how many and the first ones, not a page of them
        Conditioning many = Conditioning.classes("cls", java.util.stream.IntStream.range(0, 500).mapToObj(Integer::toString).toList());
        assertThatThrownBy(() -> many.encode("999")).hasMessageContaining("unknown class '999' (the model knows 500 classes: 0, 1, 2")
            .hasMessageEndingWith(", ...)").hasMessageNotContaining("499");
        assertThat(Conditioning.fromJson(JsonParser.parseString(c.toJson().toString()).getAsJsonObject())).isEqualTo(c);
        Conditioning p = Conditioning.property("gap", new double[] {1, 2, 3});
        // a condition far outside the training values is warned about (mean 2, sd 0.816: 10 sd is about 8.2 away)
        assertThat(p.farConditionWarning("9")).isNull();
        assertThat(p.farConditionWarning("1e20")).contains("the condition 1e20 lies 1.22e+20 training standard deviations")
            .contains("'gap' (mean 2.000, sd 0.8165)");
        assertThat(p.farConditionWarning("-7")).contains("lies 11.0 training standard deviations");
        assertThat(c.farConditionWarning("10")).isNull();
        assertThat(p.encode("2")[0]).isEqualTo(0f);
        assertThat(p.encode("3")[0]).isCloseTo((float) (1 / Math.sqrt(2.0 / 3)), within(1e-6f));
        assertThatThrownBy(() -> p.encode("abc")).hasMessageContaining("needs a number");
        // a condition is a 32-bit number: beyond ±3.4E38 it would be infinite and every sample garbage
        for (String huge : new String[] {"1e39", "-1e39", "Infinity", "NaN"}) {
            assertThatThrownBy(() -> p.encode(huge)).as(huge).isInstanceOf(org.example.genmat.core.job.SettingException.class)
                .hasMessage("property 'gap' needs a number within ±3.4028235E38 (conditions are 32-bit numbers), got '" + huge + "'");
        }
        assertThat(p.encode("2e38")[0]).isFinite();
        // within ±3.4E38 yet beyond 32 bits once standardised (std 0.82): refused as well
        assertThatThrownBy(() -> p.encode("3e38")).hasMessageContaining("property 'gap' needs a number within")
            .hasMessageContaining("for this model");
        assertThat(Conditioning.fromJson(JsonParser.parseString(p.toJson().toString()).getAsJsonObject())).isEqualTo(p);
        assertThat(Conditioning.none().dimension()).isZero();
    }
}
