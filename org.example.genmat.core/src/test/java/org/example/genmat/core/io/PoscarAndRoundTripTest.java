package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.example.genmat.core.demo.ExampleCrystals;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoscarAndRoundTripTest {

    private static final String V5 = "Fe2O3 test\n1.0\n 5 0 0\n 0 5 0\n 0 0 5\n Fe O\n 2 3\nDirect\n"
        + "0 0 0\n0.5 0.5 0.5\n0.25 0 0\n0 0.25 0\n0 0 0.25\n";

    @Test
    void vasp5DirectCoordinates() {
        Crystal c = one(PoscarReader.read(V5, "POSCAR"));
        assertThat(c.composition().toCellString()).isEqualTo("Fe:2 O:3");
        assertThat(c.lattice().volume()).isCloseTo(125, within(1e-9));
        assertThat(c.sites().get(1).frac()).containsExactly(0.5, 0.5, 0.5);
    }

    @Test
    void twoAtomsAtOnePositionAreRefusedByTheCifRule() {
        // the second Cl is 0.0025 Å from the first (fractional 0.0005 of 5 Å)
        String twice = "NaCl\n1.0\n 5 0 0\n 0 5 0\n 0 0 5\n Na Cl\n 1 2\nDirect\n0 0 0\n0.5 0.5 0.5\n0.5 0.5 0.5005\n";
        assertThat(PoscarReader.read(twice, "POSCAR").get(0).error()).isEqualTo("POSCAR: line 11: atom sites 'Cl2' and"
            + " 'Cl3' share a position and their occupancies sum to 2.000, above 1 (tolerance 0.05)");
        // atoms apart in the cell but within 0.05 Å of each other: the cell is named, as for a CIF
        String tiny = "CuCd\n1.0\n 0.05 0 0\n 0 0.05 0\n 0 0 0.05\n Cu Cd\n 1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
        assertThat(PoscarReader.read(tiny, "POSCAR").get(0).error()).isEqualTo("POSCAR: line 10: atom sites 'Cu1' and"
            + " 'Cd2' lie at different positions of the cell but within 0.05 Å of each other: the cell (a=0.05 b=0.05"
            + " c=0.05 Å) is too small for its atoms");
    }

    @Test
    void vasp4SpeciesFromCallerOrCommentLine() {
        String v4 = "Fe O\n1.0\n 5 0 0\n 0 5 0\n 0 0 5\n 2 3\nDirect\n0 0 0\n0.5 0.5 0.5\n0.25 0 0\n0 0.25 0\n0 0 0.25\n";
        assertThat(one(PoscarReader.read(v4, "POSCAR")).composition().toCellString()).isEqualTo("Fe:2 O:3");
        assertThat(one(PoscarReader.read(v4, "POSCAR", List.of("Co", "S"))).composition().toCellString()).isEqualTo("Co:2 S:3");
        CrystalRecord noSpecies = PoscarReader.read(v4.replaceFirst("Fe O", "my structure"), "CONTCAR").get(0);
        assertThat(noSpecies.error()).contains("CONTCAR").contains("line 6").contains("give the species");
    }

    @Test
    void negativeScaleIsTheVolumeAndCartesianCoordinatesAreScaled() {
        String p = "cubic\n-1000\n 2 0 0\n 0 2 0\n 0 0 2\n Na Cl\n 1 1\nCartesian\n0 0 0\n1 1 1\n";
        Crystal c = one(PoscarReader.read(p, "POSCAR"));
        assertThat(c.lattice().volume()).isCloseTo(1000, within(1e-9));
        assertThat(c.lattice().a()).isCloseTo(10, within(1e-12));
        assertThat(c.sites().get(1).frac()).containsExactly(0.5, 0.5, 0.5);
        String scaled = "cubic\n2.0\n 1 0 0\n 0 1 0\n 0 0 1\n Na Cl\n 1 1\nCartesian\n0 0 0\n0.5 0.5 0.5\n";
        Crystal s = one(PoscarReader.read(scaled, "POSCAR"));
        assertThat(s.lattice().a()).isCloseTo(2, within(1e-12));
        assertThat(s.sites().get(1).frac()).containsExactly(0.5, 0.5, 0.5);
    }

    @Test
    void selectiveDynamicsFlagsAndPotcarSuffixesAreRead() {
        String p = "sd\n1\n 4 0 0\n 0 4 0\n 0 0 4\n Fe_pv O/abc\n 1 1\nSelective dynamics\nDirect\n"
            + "0 0 0 T T F\n0.5 0.5 0.5 F F F\n";
        Crystal c = one(PoscarReader.read(p, "CONTCAR"));
        assertThat(c.composition().toCellString()).isEqualTo("Fe:1 O:1");
    }

    @Test
    void malformedPoscarsGiveClearErrors() {
        assertThat(PoscarReader.read("x\n1\n1 0 0\n", "P").get(0).error()).contains("too short");
        assertThat(PoscarReader.read(V5.replace(" 0 5 0", " 0 five 0"), "P").get(0).error()).contains("line 4")
            .contains("'five' is not a number");
        assertThat(PoscarReader.read(V5.replace(" 2 3", " 2 4"), "P").get(0).error()).contains("ends after 5 of 6");
        assertThat(PoscarReader.read(V5.replace("Direct", "Fractional"), "P").get(0).error()).contains("line 8")
            .contains("neither Direct nor Cartesian");
        assertThat(PoscarReader.read(V5.replace(" Fe O", " Fe Qx"), "P").get(0).error()).contains("unknown element 'Qx'");
        assertThat(PoscarReader.read(V5.replace(" 0 0 5\n", " 0 0 0\n"), "P").get(0).error())
            .contains("line 5: lattice vector 3 (0 Å long) is not a length in Å");
    }

    @Test
    void cifAndPoscarWritersRoundTripExactly() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            Lattice l = Lattice.fromParameters(3 + 5 * rnd.nextDouble(), 3 + 5 * rnd.nextDouble(), 3 + 5 * rnd.nextDouble(),
                70 + 40 * rnd.nextDouble(), 70 + 40 * rnd.nextDouble(), 70 + 40 * rnd.nextDouble());
            List<Site> sites = new ArrayList<>();
            String[] els = {"Li", "Fe", "O", "Cs", "Bi"};
            for (int i = 0; i < 1 + rnd.nextInt(12); i++) {
                sites.add(Site.of(Element.of(els[rnd.nextInt(els.length)]), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()));
            }
            Crystal c = new Crystal(l, sites, "random" + trial);
            Crystal fromCif = one(CifReader.read(CifWriter.write(c), "rt.cif"));
            assertSameStructure(c, fromCif, true);
            Crystal fromPoscar = one(PoscarReader.read(PoscarWriter.write(c), "rt.vasp"));
            assertSameStructure(c, fromPoscar, false);
            assertThat(fromPoscar.lattice().matrix()).isDeepEqualTo(roundTo12(l.matrix()));
        }
    }

    @Test
    void cifRoundTripKeepsOxidationStatesAndMixedSites() {
        Map<Species, Double> mixed = new java.util.LinkedHashMap<>();
        mixed.put(new Species(Element.of("Fe"), 2.0), 0.6);
        mixed.put(new Species(Element.of("Mg"), 2.0), 0.4);
        Crystal c = new Crystal(Lattice.cubic(4.2), List.of(new Site(mixed, new double[] {0, 0, 0}, "M1"),
            new Site(Map.of(new Species(Element.of("O"), -2.0), 1.0), new double[] {0.5, 0.5, 0.5}, "O1")), "mixed");
        Crystal back = one(CifReader.read(CifWriter.write(c), "m.cif"));
        assertThat(back.numSites()).isEqualTo(2);
        assertThat(back.sites().get(0).species()).isEqualTo(mixed);
        assertThat(back.sites().get(1).species()).containsOnlyKeys(new Species(Element.of("O"), -2.0));
        assertThatThrownBy(() -> PoscarWriter.write(c)).hasMessageContaining("partially occupied");
    }

    @Test
    void crystalTableRowsRoundTrip(@TempDir Path dir) throws IOException {
        List<CrystalRecord> recs = new ArrayList<>();
        for (String name : ExampleCrystals.NAMES) {
            recs.addAll(CifReader.read(ExampleCrystals.text(name + ".cif"), name + ".cif"));
        }
        recs.add(FormulaTable.record("formulas.csv#row 1", "Ca(OH)2"));
        recs.add(CrystalRecord.failed("bad.cif", "bad.cif: line 3: broken"));
        Path csv = dir.resolve("t.csv");
        CrystalTable.write(csv, recs);
        List<CrystalRecord> back;
        try (var rows = CrystalTable.readRows(csv)) {
            back = rows.map(CrystalTable::fromRow).toList();
        }
        assertThat(back).hasSameSizeAs(recs);
        for (int i = 0; i < recs.size(); i++) {
            CrystalRecord a = recs.get(i), b = back.get(i);
            assertThat(b.source()).isEqualTo(a.source());
            assertThat(b.error()).isEqualTo(a.error());
            if (a.ok()) {
                assertThat(b.composition().almostEquals(a.composition(), 1e-9)).isTrue();
                assertThat(b.spaceGroup()).isEqualTo(a.spaceGroup());
            }
            if (a.crystal() != null) {
                assertSameStructure(a.crystal(), b.crystal(), true);
            }
        }
        Map<String, String> row = CrystalTable.toRow(recs.get(0));
        assertThat(row.keySet()).containsExactlyElementsOf(CrystalTable.COLUMNS);
        assertThat(row.get("formula")).isEqualTo("ClNa");
        assertThat(row.get("composition")).isEqualTo("Cl:4 Na:4");
        assertThat(row.get("nsites")).isEqualTo("8");
        assertThat(Double.parseDouble(row.get("density"))).isCloseTo(2.164, within(1e-3));
        assertThat(Files.readString(csv)).startsWith(String.join(",", CrystalTable.COLUMNS) + "\n");
    }

    static Crystal one(List<CrystalRecord> recs) {
        assertThat(recs).hasSize(1);
        assertThat(recs.get(0).error()).isNull();
        return recs.get(0).crystal();
    }

    private static double[][] roundTo12(double[][] m) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12f", m[i][j]));
            }
        }
        return r;
    }

    /** Same lattice parameters and the same sites (as a set, modulo lattice translations) within 1e-6. */
    static void assertSameStructure(Crystal a, Crystal b, boolean sameOrder) {
        double[] p = a.lattice().parameters(), q = b.lattice().parameters();
        for (int i = 0; i < 6; i++) {
            assertThat(q[i]).isCloseTo(p[i], within(1e-6));
        }
        assertThat(b.numSites()).isEqualTo(a.numSites());
        boolean[] used = new boolean[b.numSites()];
        for (int i = 0; i < a.numSites(); i++) {
            Site s = a.sites().get(i);
            int match = -1;
            for (int j = 0; j < b.numSites(); j++) {
                Site t = b.sites().get(j);
                if (!used[j] && t.majorElement() == s.majorElement() && fracClose(s.frac(), t.frac(), 1e-6)) {
                    match = j;
                    break;
                }
            }
            assertThat(match).as("site %s found again", s).isGreaterThanOrEqualTo(0);
            if (sameOrder) {
                assertThat(match).isEqualTo(i);
            }
            used[match] = true;
        }
    }

    private static boolean fracClose(double[] x, double[] y, double tol) {
        for (int k = 0; k < 3; k++) {
            double d = x[k] - y[k];
            if (Math.abs(d - Math.rint(d)) > tol) {
                return false;
            }
        }
        return true;
    }
}
