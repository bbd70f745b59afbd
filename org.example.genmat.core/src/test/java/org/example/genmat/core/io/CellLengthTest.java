package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * QA 7 D9: cell lengths of 1e-300 Å were refused as "lattice angles alpha=90.0 beta=90.0 gamma=90.0 do not form a cell"
 * (the square of the length is 0). The lengths are the problem, and the smallest one read is {@link CifReader#MIN_CELL_LENGTH}.
 */
class CellLengthTest {

    private static String cubicCif(String length) {
        return "data_t\n_cell_length_a " + length + "\n_cell_length_b " + length + "\n_cell_length_c " + length
            + "\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n"
            + "_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCu1 Cu 0 0 0\n";
    }

    private static CrystalRecord read(String length) {
        List<CrystalRecord> r = CifReader.read(cubicCif(length), "t.cif");
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    @Test
    void aLengthTooSmallToSquareIsNamedAsTheLengthNotTheAngles() {
        assertThat(read("1e-300").error()).isEqualTo("t.cif: line 2: _cell_length_a 1e-300 is not a length in Å (must be"
            + " at least 0.001 and below 1000000)");
        assertThat(read("0.0009").error()).contains("_cell_length_a 0.0009 is not a length in Å");
        assertThat(read("0").error()).isEqualTo("t.cif: line 2: _cell_length_a 0 is not a length in Å (must be at least"
            + " 0.001 and below 1000000)");
        assertThat(read("-4.2").error()).contains("_cell_length_a -4.2 is not a length in Å");
        assertThat(read("1e6").error()).contains("_cell_length_a 1e6 is not a length in Å");
    }

    @Test
    void atomsCrowdedByATinyCellAreNamedAsTheCellNotAsOneSharedPosition() {
        // QA 8: CdCuN3 in a 0.05 Å cube was refused as "'Cu0' and 'Cd1' share a position", with Cu at 0 and Cd at ½
        String cif = cubicCif("0.05").replace("Cu1 Cu 0 0 0\n", "Cu0 Cu 0 0 0\nCd1 Cd 0.5 0.5 0.5\n");
        List<CrystalRecord> r = CifReader.read(cif, "t.cif");
        assertThat(r.get(0).error()).isEqualTo("t.cif: line 15: atom sites 'Cu0' and 'Cd1' lie at different positions of"
            + " the cell but within 0.05 Å of each other: the cell (a=0.05 b=0.05 c=0.05 Å) is too small for its atoms");
        // one position listed twice keeps its own message
        String twice = cubicCif("4").replace("Cu1 Cu 0 0 0\n", "Cu0 Cu 0 0 0\nCd1 Cd 0 0 0.001\n");
        assertThat(CifReader.read(twice, "t.cif").get(0).error()).contains("'Cu0' and 'Cd1' share a position");
    }

    private static String cubicPoscar(String scale, String length) {
        return "Cu\n" + scale + "\n" + length + " 0 0\n0 " + length + " 0\n0 0 " + length + "\nCu\n1\nDirect\n0 0 0\n";
    }

    /** QA 10: a POSCAR of a 0.0004 Å or a 2,000,000 Å cube read as a good crystal, which as a CIF is refused. */
    @Test
    void aPoscarsLatticeVectorsMeetTheCifsLimits() {
        assertThat(PoscarReader.read(cubicPoscar("1", "0.0004"), "t.poscar").get(0).error()).isEqualTo("t.poscar: line 3:"
            + " lattice vector 1 (0.0004 Å long) is not a length in Å (must be at least 0.001 and below 1000000)");
        assertThat(PoscarReader.read(cubicPoscar("1", "2000000"), "t.poscar").get(0).error())
            .contains("lattice vector 1 (2000000 Å long) is not a length in Å");
        // a 1e-5 Å cube was called "degenerate" although its vectors are at right angles
        assertThat(PoscarReader.read(cubicPoscar("1", "1e-5"), "t.poscar").get(0).error()).contains("is not a length in Å");
        // the scale factor counts: 0.0004 × 10 is 0.004 Å, a length (if no crystal's)
        assertThat(PoscarReader.read(cubicPoscar("10", "0.0004"), "t.poscar").get(0).ok()).isTrue();
        assertThat(PoscarReader.read(cubicPoscar("-8", "1"), "t.poscar").get(0).ok()).isTrue();
        assertThat(PoscarReader.read(cubicPoscar("1", "4"), "t.poscar").get(0).ok()).isTrue();
    }

    @Test
    void theSmallestLengthStillFormsACellWithAVolume() {
        CrystalRecord r = read("0.001");
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.crystal().lattice().volume()).isCloseTo(1e-9, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }
}
