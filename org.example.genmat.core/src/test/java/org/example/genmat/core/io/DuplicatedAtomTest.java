package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;
import org.junit.jupiter.api.Test;

/**
 * QA 7 D4: a fully occupied atom listed twice at one position (a full Cu and a 0.8 Cu; two full Cd) was read as a
 * denser crystal (Cd2CuN3, 7.00 g/cm³ instead of 4.62), while two partial ones summing above 1 were refused. The
 * occupancies at one position, explicit or the implicit 1, may not sum above 1 + {@link CifReader#OCCUPANCY_TOLERANCE}.
 */
class DuplicatedAtomTest {

    /** The QA's CdCuN3 (5 ordered sites, lines 16-20) with the given site rows after them (line 21 on). */
    private static String cdCuN3(String... more) {
        return "data_CdCuN3\n_cell_length_a   4.27928426\n_cell_length_b   4.27928426\n_cell_length_c   4.27928426\n"
            + "_cell_angle_alpha   90\n_cell_angle_beta   90\n_cell_angle_gamma   90\n"
            + "_symmetry_space_group_name_H-M   'P 1'\nloop_\n _atom_site_type_symbol\n _atom_site_label\n"
            + " _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n"
            + "  Cu  Cu0  0.0  0.0  0.0  1\n  Cd  Cd1  0.5  0.5  0.5  1\n  N  N2  0.5  0.0  0.5  1\n"
            + "  N  N3  0.5  0.5  0.0  1\n  N  N4  0.0  0.5  0.5  1\n" + String.join("\n", more) + "\n";
    }

    private static String error(String cif) {
        List<CrystalRecord> r = CifReader.read(cif, "t.cif");
        assertThat(r).hasSize(1);
        return r.get(0).error();
    }

    @Test
    void aFullAtomAndAPartialOneOnOnePositionAreRefusedAsTwoPartialOnesAre() {
        assertThat(error(cdCuN3("  Cu  Cu9  0.0  0.0  0.0  0.8"))).isEqualTo("t.cif: line 21: atom sites 'Cu0' and 'Cu9'"
            + " share a position and their occupancies sum to 1.800, above 1 (tolerance 0.05)");
        assertThat(error(cdCuN3("  Cd  Cd9  0.5  0.5  0.5  1"))).isEqualTo("t.cif: line 21: atom sites 'Cd1' and 'Cd9'"
            + " share a position and their occupancies sum to 2.000, above 1 (tolerance 0.05)");
        assertThat(error(cdCuN3("  Cu  Cu9  0.0  0.0  0.0  0.7").replace("Cu0  0.0  0.0  0.0  1", "Cu0  0.0  0.0  0.0  0.7")))
            .isEqualTo("t.cif: line 21: atom sites 'Cu0' and 'Cu9' share a position and their occupancies sum to 1.400,"
                + " above 1 (tolerance 0.05)");
    }

    @Test
    void theCellWithoutTheDuplicateAndAFullAtomWithATraceWithinTheToleranceStillRead() {
        CrystalRecord base = CifReader.read(cdCuN3(), "t.cif").get(0);
        assertThat(base.ok()).isTrue();
        assertThat(base.composition().reducedFormula()).isEqualTo("CdCuN3");
        assertThat(base.crystal().numSites()).isEqualTo(5);
        CrystalRecord trace = CifReader.read(cdCuN3("  Ag  Ag9  0.0  0.0  0.0  0.04"), "t.cif").get(0);
        assertThat(trace.ok()).as(trace.error()).isTrue();
    }

    @Test
    void aSymmetryEquivalentPositionListedAsASecondAtomIsRefused() {
        // NaCl in F m -3 m with a second Na at (1/2 1/2 0), which the F centring already places there; no occupancy
        // column: each is the implicit 1
        String cif = "data_NaCl\n_cell_length_a 5.64\n_cell_length_b 5.64\n_cell_length_c 5.64\n_cell_angle_alpha 90\n"
            + "_cell_angle_beta 90\n_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F m -3 m'\nloop_\n"
            + "_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "Na1 Na 0 0 0\nCl1 Cl 0.5 0.5 0.5\nNa2 Na 0.5 0.5 0\n";
        assertThat(error(cif)).isEqualTo("t.cif: line 17: atom sites 'Na1' and 'Na2' share a position and their"
            + " occupancies sum to 2.000, above 1 (tolerance 0.05)");
        assertThat(CifReader.read(cif.replace("Na2 Na 0.5 0.5 0\n", ""), "t.cif").get(0).crystal().numSites()).isEqualTo(8);
    }

    @Test
    void theP1FastPathRefusesATwiceWrittenAtomAsTheGeneralPathDoes() {
        Lattice l = Lattice.fromParameters(4.2793, 4.2793, 4.2793, 90, 90, 90);
        Site cu = new Site(Map.of(Species.of(Element.of("Cu")), 1.0), new double[] {0, 0, 0}, "Cu0");
        Site cd = new Site(Map.of(Species.of(Element.of("Cd")), 1.0), new double[] {0.5, 0.5, 0.5}, "Cd1");
        Site cd2 = new Site(Map.of(Species.of(Element.of("Cd")), 1.0), new double[] {0.5, 0.5, 0.5}, "Cd9");
        String text = CifWriter.write(new Crystal(l, List.of(cu, cd, cd2), "gen"));
        CrystalRecord fast = CifReader.read(text, "gen.cif").get(0);
        assertThat(fast.error()).contains("atom sites 'Cd1' and 'Cd9' share a position and their occupancies sum to 2.000")
            .isEqualTo(CifReader.readGeneral(text, "gen.cif").get(0).error());
        assertThat(CifReader.read(CifWriter.write(new Crystal(l, List.of(cu, cd), "gen")), "gen.cif").get(0).ok()).isTrue();
    }
}
