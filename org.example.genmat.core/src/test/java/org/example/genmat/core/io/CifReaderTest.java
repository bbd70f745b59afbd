package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;
import org.junit.jupiter.api.Test;

class CifReaderTest {

    @Test
    void aFlatCellMessageShowsTheAngleThatMadeItFlat() {
        org.example.genmat.core.crystal.Lattice almost180 =
            org.example.genmat.core.crystal.Lattice.fromParameters(5, 5, 5, 179.9999, 90, 90);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CifReader.checkVolume(almost180, 7))
            .hasMessageContaining("the cell is flat").hasMessageContaining("angles 179.9999, 90.0000, 90.0000 degrees");
        assertThat(CifReader.angle(179.99999)).isEqualTo("179.99999");
        assertThat(CifReader.angle(0.00001)).isEqualTo("0.00001");
        assertThat(CifReader.angle(120)).isEqualTo("120.0000");
    }

    private static final String CELL = "_cell_length_a 5.4307(2)\n_cell_length_b 5.4307(2)\n_cell_length_c 5.4307(2)\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90.000(5)\n_cell_angle_gamma 90\n";

    @Test
    void numbersWithStandardUncertaintiesUnknownsAndQuotes() {
        assertThat(CifNumbers.parse("5.4307(2)")).isEqualTo(5.4307);
        assertThat(CifNumbers.parse("-.25")).isEqualTo(-0.25);
        assertThat(CifNumbers.parse("1.5E-3")).isEqualTo(0.0015);
        assertThat(CifNumbers.parse("12(3)")).isEqualTo(12.0);
        assertThat(CifNumbers.parse("0.1234567890123456789")).isCloseTo(0.1234567890123456789, within(1e-17));
        assertThat(CifNumbers.parse("abc")).isNaN();
        assertThat(CifNumbers.parse("NaN")).isNaN();
        assertThat(CifNumbers.parse(null)).isNaN();
    }

    @Test
    void multipleBlocksLoopsQuotedAndSemicolonTextAndUnknowns() {
        String cif = "#\\#CIF_1.1\n# comment\ndata_first\n_publ_section_title\n;\nA 'title' with data_ and loop_ inside\n;\n"
            + "_journal_name_full 'O'Brien's journal'\n" + CELL
            + "_symmetry_space_group_name_H-M 'F d -3 m'\n_space_group_IT_number ?\n"
            + "loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n\"-x, -y, -z\"\n"
            + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "_atom_site_occupancy\n_atom_site_U_iso_or_equiv\nSi1 Si 0.125(1) 0.125 0.125 . 0.01\n"
            + "data_second\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "Fe1 0 0 0\nO2 0.5 0.5 0.5\n";
        List<CrystalRecord> recs = CifReader.read(cif, "two.cif");
        assertThat(recs).extracting(CrystalRecord::source).containsExactly("two.cif#first", "two.cif#second");
        assertThat(recs).allMatch(CrystalRecord::ok);
        Crystal si = recs.get(0).crystal();
        assertThat(si.numSites()).isEqualTo(2); // inversion doubles the site; '.' occupancy means 1
        assertThat(si.lattice().a()).isCloseTo(5.4307, within(1e-9));
        assertThat(recs.get(0).spaceGroup()).isEqualTo("F d -3 m");
        assertThat(recs.get(1).composition().toCellString()).isEqualTo("Fe:1 O:1");
    }

    @Test
    void cif2SyntaxDottedTagsTripleQuotesAndLists() {
        String cif = "#\\#CIF_2.0\ndata_c2\n_cell.length_a 4\n_cell.length_b 4\n_cell.length_c 4\n"
            + "_cell.angle_alpha 90\n_cell.angle_beta 90\n_cell.angle_gamma 90\n"
            + "_audit.note '''multi\nline \"text\"'''\n_extra.list [1 2 [3 4] 'x y']\n_extra.table {'a':1 'b':2}\n"
            + "loop_\n_space_group_symop.operation_xyz\nx,y,z\n-x,-y,z\n"
            + "loop_\n_atom_site.label\n_atom_site.fract_x\n_atom_site.fract_y\n_atom_site.fract_z\nCu1 0.1 0.2 0.3\n";
        CrystalRecord r = CifReader.read(cif, "c2.cif").get(0);
        assertThat(r.error()).isNull();
        assertThat(r.crystal().numSites()).isEqualTo(2);
    }

    @Test
    void speciesFromTypeSymbolsLabelsAndOxidationTable() {
        String cif = "data_ox\n" + CELL + "loop_\n_atom_type_symbol\n_atom_type_oxidation_number\nFe3+ 3\nO2- -2\n"
            + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "_atom_site_occupancy\nFe1 Fe3+ 0 0 0 1\nO1 O2- 0.5 0 0 1\nCA1 ? 0 0.5 0 1\nX1 Mn+2 0 0 0.5 0.5\n";
        Crystal c = CifReader.read(cif, "ox.cif").get(0).crystal();
        assertThat(c.sites()).extracting(s -> s.species().keySet().iterator().next().toString())
            .containsExactly("Fe3+", "O2-", "Ca", "Mn2+");
        assertThat(c.sites().get(3).totalOccupancy()).isEqualTo(0.5);
        assertThat(SpeciesNames.parse("CA").orElseThrow().element()).isEqualTo(Element.of("Ca"));
        assertThat(SpeciesNames.parse("O2").orElseThrow()).isEqualTo(Species.of(Element.of("O")));
        assertThat(SpeciesNames.parse("OW3").orElseThrow().element()).isEqualTo(Element.of("O"));
        assertThat(SpeciesNames.parse("D1").orElseThrow().element()).isEqualTo(Element.of("H"));
        assertThat(SpeciesNames.parse("Cl-").orElseThrow().oxidationState()).isEqualTo(-1.0);
        assertThat(SpeciesNames.parse("Xq1")).isEmpty();
    }

    @Test
    void partialOccupanciesOnOneSpotBecomeOneMixedSite() {
        String cif = "data_mix\n" + CELL + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,-y,-z\n"
            + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n"
            + "Fe1 0 0 0 0.7\nMg1 0 0 0 0.3\nO1 0.25 0.25 0.25 1\n";
        Crystal c = CifReader.read(cif, "mix.cif").get(0).crystal();
        assertThat(c.numSites()).isEqualTo(3);
        Site mixed = c.sites().get(0);
        assertThat(mixed.species()).hasSize(2);
        assertThat(mixed.totalOccupancy()).isCloseTo(1.0, within(1e-12));
        assertThat(c.composition().toCellString()).isEqualTo("Fe:0.7 Mg:0.3 O:2");
    }

    @Test
    void thirdsWrittenToSixDecimalsSumToWholeAmountsInFormulas() {
        // Fe, Co and Ni share a general position of F m -3 m at 0.333333 each: 96 images sum to 31.999968 of each,
        // which is 32 (no Co31.999968 in the formula, the composition text or the CIF written back)
        String cif = "data_thirds\n_cell_length_a 8\n_cell_length_b 8\n_cell_length_c 8\n"
            + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F m -3 m'\n"
            + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "_atom_site_occupancy\nFe1 Fe 0.1 0.2 0.3 0.333333\nCo1 Co 0.1 0.2 0.3 0.333333\nNi1 Ni 0.1 0.2 0.3 0.333333\n"
            + "O1 O 0 0 0 1\n";
        CrystalRecord r = CifReader.read(cif, "thirds.cif").get(0);
        assertThat(r.error()).isNull();
        assertThat(r.composition().amount(Element.of("Fe"))).isNotEqualTo(32.0); // the noise is there...
        java.util.Map<String, String> row = CrystalTable.toRow(r);
        assertThat(row.get("formula")).isEqualTo("Co8Fe8Ni8O"); // ...but not in what is written
        assertThat(row.get("composition")).isEqualTo("Co:32 Fe:32 Ni:32 O:4");
        assertThat(row.get("cif")).contains("_chemical_formula_sum   'Co32 Fe32 Ni32 O4'").contains("_cell_formula_units_Z   4");
        assertThat(r.composition().formula()).isEqualTo("Co32Fe32Ni32O4");
        assertThat(r.composition().isInteger()).isTrue();
    }

    @Test
    void duplicatesFromSymmetryAreMergedAcrossCellBoundaries() {
        // 0.99999 and 0.00001 are one atom (minimum image); the mirror maps the site onto itself
        String cif = "data_dup\n" + CELL + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,y,z\nx+1,y,z\n"
            + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.99999 0.5 0.5\n";
        assertThat(CifReader.read(cif, "dup.cif").get(0).crystal().numSites()).isEqualTo(1);
    }

    @Test
    void malformedInputGivesOneClearErrorNamingFileAndLine() {
        assertThat(error("data_x\n_cell_length_a 'unclosed\n")).contains("bad.cif").contains("line 2").contains("not closed");
        assertThat(error("data_x\n_cell_length_a\n;\nnever closed\n")).contains("line 3").contains("never closed");
        assertThat(error("data_x\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
            + "_atom_site_fract_z\nFe1 0 0\n")).contains("line 8").contains("not a multiple");
        assertThat(error("data_x\n_cell_length_a abc\n_cell_length_b 1\n_cell_length_c 1\n_atom_site_fract_x 0\n"))
            .contains("line 2").contains("not a number");
        assertThat(error("data_x\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
            + "_atom_site_fract_z\nQq1 0 0 0\n")).contains("line 13").contains("unknown element 'Qq1'");
        assertThat(error("data_x\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
            + "_atom_site_fract_z\nFe1 0 ? 0\n")).contains("line 13").contains("_atom_site_fract_y '?' is not a number");
        assertThat(error("data_x\n" + CELL + "_symmetry_space_group_name_H-M 'Q 99'\nloop_\n_atom_site_label\n"
            + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nFe1 0 0 0\n")).contains("unknown space group 'Q 99'");
        assertThat(error("data_x\n" + CELL + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y\nloop_\n_atom_site_label\n"
            + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nFe1 0 0 0\n")).contains("does not have 3 components");
        assertThat(error("just some text\n")).contains("bad.cif").contains("without a tag");
        assertThat(error("")).contains("empty input");
        assertThat(error("data_meta\n_journal_year 2001\n")).contains("no crystal structure");
    }

    @Test
    void blocksBeforeASyntaxErrorAreKept() {
        String cif = "data_good\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
            + "_atom_site_fract_z\nFe1 0 0 0\ndata_bad\n_cell_length_a 'oops\n";
        List<CrystalRecord> recs = CifReader.read(cif, "f.cif");
        assertThat(recs).hasSize(2);
        assertThat(recs.get(0).ok()).isTrue();
        assertThat(recs.get(1).source()).isEqualTo("f.cif#bad");
        assertThat(recs.get(1).error()).contains("line 15");
    }

    private static String error(String cif) {
        List<CrystalRecord> recs = CifReader.read(cif, "bad.cif");
        assertThat(recs).hasSize(1);
        assertThat(recs.get(0).ok()).isFalse();
        return recs.get(0).error();
    }
}
