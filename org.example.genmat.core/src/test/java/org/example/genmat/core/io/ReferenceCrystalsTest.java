package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.demo.ExampleCrystals;
import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The eight reference crystals of metrics-and-validity.md §6: lattice, density and shortest distance within 1e-3. */
class ReferenceCrystalsTest {

    /** name, formula, a, c (0: cubic), density g/cm³, shortest distance Å, sites in the full cell. */
    record Ref(String name, String formula, double a, double c, double density, double shortest, int sites) {
    }

    static final List<Ref> REFS = List.of(
        new Ref("NaCl", "ClNa", 5.64, 0, 2.164, 2.820, 8),
        new Ref("SrTiO3", "O3SrTi", 3.905, 0, 5.117, 1.952, 5),
        new Ref("Cs2NaBiCl6", "BiCl6Cs2Na", 10.84, 0, 3.705, 2.656, 40),
        new Ref("MgAl2O4", "Al2MgO4", 8.08, 0, 3.583, 1.923, 56),
        new Ref("CaF2", "CaF2", 5.463, 0, 3.181, 2.366, 12),
        new Ref("TiO2", "O2Ti", 4.594, 2.959, 4.247, 1.948, 6),
        new Ref("ZnO", "OZn", 3.25, 5.207, 5.676, 1.975, 4),
        new Ref("GaAs", "AsGa", 5.653, 0, 5.318, 2.448, 8));

    static Ref ref(String name) {
        return REFS.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
    }

    static Stream<Arguments> embedded() {
        return REFS.stream().flatMap(r -> Stream.of(Arguments.of(r, r.name + ".cif"), Arguments.of(r, r.name + ".vasp")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("embedded")
    void embeddedExampleFilesMatchLiterature(Ref ref, String file) throws IOException {
        String text = ExampleCrystals.text(file);
        List<CrystalRecord> recs = file.endsWith(".cif") ? CifReader.read(text, file) : PoscarReader.read(text, file);
        assertThat(recs).hasSize(1);
        check(ref, recs.get(0));
    }

    static Stream<Arguments> symmetryOnly() {
        return Stream.of("NaCl_hm", "SrTiO3_number", "Cs2NaBiCl6_hall", "MgAl2O4_hm", "MgAl2O4_origin2", "MgAl2O4_hall",
            "CaF2_hm", "TiO2_hm", "TiO2_hall", "ZnO_hm", "ZnO_hall", "GaAs_number", "GaAs_hall")
            .map(f -> Arguments.of(ref(f.substring(0, f.indexOf('_'))), f));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("symmetryOnly")
    void asymmetricUnitWithSpaceGroupExpandsToTheFullCell(Ref ref, String file) throws IOException {
        List<CrystalRecord> recs = CifReader.read(symmetryResource(file + ".cif"), file + ".cif");
        assertThat(recs).hasSize(1);
        check(ref, recs.get(0));
    }

    @org.junit.jupiter.api.Test
    void spinelInOriginChoiceOneShowsThePitfall() throws IOException {
        // the same coordinates read in origin choice 1 put atoms 0.283 Å apart (metrics-and-validity.md §6)
        CrystalRecord r = CifReader.read(symmetryResource("MgAl2O4_origin1_wrong.cif"), "wrong.cif").get(0);
        assertThat(r.ok()).isTrue();
        assertThat(r.crystal().shortestDistance()).isCloseTo(0.283, within(1e-3));
    }

    static String symmetryResource(String file) throws IOException {
        try (InputStream in = ReferenceCrystalsTest.class.getResourceAsStream("symmetry/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void check(Ref ref, CrystalRecord r) {
        assertThat(r.error()).isNull();
        Crystal c = r.crystal();
        assertThat(c.composition().reducedFormula()).isEqualTo(ref.formula);
        assertThat(r.composition()).isEqualTo(c.composition());
        assertThat(c.numSites()).isEqualTo(ref.sites);
        assertThat(c.lattice().a()).isCloseTo(ref.a, within(1e-3));
        assertThat(c.lattice().c()).isCloseTo(ref.c == 0 ? ref.a : ref.c, within(1e-3));
        assertThat(c.density()).isCloseTo(ref.density, within(1e-3));
        assertThat(c.shortestDistance()).isCloseTo(ref.shortest, within(1e-3));
        assertThat(Composition.parse(ref.formula).reducedFormula()).isEqualTo(ref.formula);
    }
}
