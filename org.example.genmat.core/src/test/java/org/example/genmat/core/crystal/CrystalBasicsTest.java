package org.example.genmat.core.crystal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CrystalBasicsTest {

    @Test
    void elementDataComesFromCdk() {
        Element fe = Element.of("Fe");
        assertThat(fe.z()).isEqualTo(26);
        assertThat(fe.mass()).isCloseTo(55.845, within(0.01));
        assertThat(fe.period()).isEqualTo(4);
        assertThat(fe.group()).isEqualTo(8);
        assertThat(Element.of("O").electronegativity()).hasValueSatisfying(x -> assertThat(x).isCloseTo(3.44, within(0.01)));
        assertThat(Element.findIgnoreCase("CA")).contains(Element.of("Ca"));
        assertThat(Element.of("Tc").mass()).isGreaterThan(90);
        assertThatThrownBy(() -> Element.of("Xx")).hasMessageContaining("Xx");
    }

    @Test
    void formulasParseAndPrintInHillOrder() {
        assertThat(Composition.parse("Fe2O3").reducedFormula()).isEqualTo("Fe2O3");
        assertThat(Composition.parse("Ca(OH)2").formula()).isEqualTo("CaH2O2");
        assertThat(Composition.parse("Li0.5CoO2").amount(Element.of("Li"))).isEqualTo(0.5);
        assertThat(Composition.parse("Cs2NaBiCl6").reducedFormula()).isEqualTo("BiCl6Cs2Na");
        assertThat(Composition.parse("CH4").formula()).isEqualTo("CH4");
        assertThat(Composition.parse("Na4Cl4").reducedFormula()).isEqualTo("ClNa");
        assertThat(Composition.parse("Na4Cl4").toCellString()).isEqualTo("Cl:4 Na:4");
        assertThat(Composition.parse("CuSO4·5H2O").amount(Element.of("O"))).isEqualTo(9.0);
        assertThat(Composition.parseCellString("Na:4 Cl:4")).isEqualTo(Composition.parse("Na4Cl4"));
        assertThatThrownBy(() -> Composition.parse("Fe2Q3")).hasMessageContaining("Q");
        assertThatThrownBy(() -> Composition.parse("Ca(OH2")).hasMessageContaining("missing ')'");
        // the whole unknown symbol, not its first letter; the formula echoed as given, positions counted in it
        assertThatThrownBy(() -> Composition.parse("Xx2")).hasMessage("formula 'Xx2': unknown element symbol 'Xx' at position 1");
        assertThatThrownBy(() -> Composition.parse("Na Xx2")).hasMessage("formula 'Na Xx2': unknown element symbol 'Xx' at position 4");
        assertThatThrownBy(() -> Composition.parse("na cl")).hasMessage("formula 'na cl': unexpected character 'n' at position 1");
    }

    @Test
    void amountsWithinTheRelativeToleranceOfAnIntegerAreWrittenAsThatInteger() {
        // 648 images at 0.333333 and a few at 0.333334: noise of about 1e-6 of the amount, at any cell size
        Composition noisy = Composition.parseCellString("O:215.999784 Si:0.999999 Fe:108.000005");
        assertThat(noisy.formula()).isEqualTo("Fe108O216Si");
        assertThat(noisy.toCellString()).isEqualTo("Fe:108 O:216 Si:1");
        assertThat(noisy.isInteger()).isTrue();
        assertThat(noisy.reducedFormula()).isEqualTo("Fe108O216Si");
        assertThat(Composition.parseCellString("O:216.000005 Fe:107.99998").reducedFormula()).isEqualTo("FeO2");
        // genuine fractions stay fractions, with at most 6 decimals
        assertThat(Composition.parse("Ca0.9995Sr0.0005TiO3").formula()).isEqualTo("Ca0.9995O3Sr0.0005Ti");
        assertThat(Composition.parse("Li0.5CoO2").toCellString()).isEqualTo("Co:1 Li:0.5 O:2");
        assertThat(Composition.parseCellString("Fe:1.3333333333 O:2").toCellString()).isEqualTo("Fe:1.333333 O:2");
        assertThat(Composition.parseCellString("Fe:0.0000004 O:1").isInteger()).isFalse(); // a trace is no 0
        assertThat(Composition.parseCellString("Fe:215.99 O:1").isInteger()).isFalse();
        // the tolerance is relative but capped: a huge half amount is no integer
        assertThat(Composition.parseCellString("Fe:50000.5 O:1").isInteger()).isFalse();
        assertThat(Composition.parse("Fe50000.5O").formula()).isEqualTo("Fe50000.5O");
        // a trace keeps its digits and reads back as itself, in both forms ("Na0" was written and then refused)
        Composition trace = Composition.parse("Na0.0000001Cl");
        assertThat(trace.formula()).isEqualTo("ClNa0.0000001");
        assertThat(trace.toCellString()).isEqualTo("Cl:1 Na:0.0000001");
        assertThat(Composition.parse(trace.formula())).isEqualTo(trace);
        assertThat(Composition.parseCellString(trace.toCellString())).isEqualTo(trace);
    }

    @Test
    void latticeParametersRoundTripAndVolume() {
        Lattice l = Lattice.fromParameters(5, 6, 7, 80, 95, 110);
        Lattice back = Lattice.fromMatrix(l.matrix());
        assertThat(back.parameters()).containsExactly(new double[] {5, 6, 7, 80, 95, 110}, within(1e-9));
        assertThat(Lattice.cubic(2).volume()).isCloseTo(8, within(1e-12));
        double[][] r = l.reciprocal().matrix(), m = l.matrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[i][0] * r[j][0] + m[i][1] * r[j][1] + m[i][2] * r[j][2];
                assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void rockSaltDensityAndShortestDistance() {
        List<Site> sites = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        for (double[] p : fcc) {
            sites.add(Site.of(Element.of("Na"), p[0], p[1], p[2]));
            sites.add(Site.of(Element.of("Cl"), p[0] + .5, p[1], p[2]));
        }
        Crystal nacl = new Crystal(Lattice.cubic(5.64), sites, "test");
        assertThat(nacl.density()).isCloseTo(2.164, within(1e-3));
        assertThat(nacl.shortestDistance()).isCloseTo(2.82, within(1e-9));
        assertThat(nacl.composition().reducedFormula()).isEqualTo("ClNa");
    }

    @Test
    void minimumImageIsExactInSkewedCells() {
        // a strongly sheared cell: the wrapped fractional difference is not the nearest image
        Lattice l = Lattice.fromMatrix(new double[][] {{1, 0, 0}, {0.95, 0.2, 0}, {0, 0, 1}});
        double[] p = {0, 0, 0}, q = {0.45, 0.45, 0};
        double brute = Double.MAX_VALUE;
        for (int i = -5; i <= 5; i++) {
            for (int j = -5; j <= 5; j++) {
                for (int k = -5; k <= 5; k++) {
                    double[] x = l.toCartesian(new double[] {q[0] + i, q[1] + j, q[2] + k});
                    brute = Math.min(brute, Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]));
                }
            }
        }
        assertThat(l.minimumImageDistance(p, q)).isCloseTo(brute, within(1e-12));
        double[] naive = l.toCartesian(new double[] {0.45, 0.45, 0});
        assertThat(Math.sqrt(naive[0] * naive[0] + naive[1] * naive[1])).isGreaterThan(brute + 0.1);
    }
}
