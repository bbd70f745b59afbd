package org.example.genmat.core.validity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;
import org.junit.jupiter.api.Test;

class StructureValidityTest {

    private static final StructureValidity RULE = StructureValidity.cdvaeDefault();

    private static double bruteForce(Lattice l, double[] p, double[] q, int range) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = -range; i <= range; i++) {
            for (int j = -range; j <= range; j++) {
                for (int k = -range; k <= range; k++) {
                    double[] c = l.toCartesian(new double[] {q[0] - p[0] + i, q[1] - p[1] + j, q[2] - p[2] + k});
                    best = Math.min(best, Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]));
                }
            }
        }
        return best;
    }

    @Test
    void skewedTriclinicCellNeedsMoreThanTheWrappedDifference() {
        // strongly sheared cell: b nearly parallel to a, so the nearest image is not the wrapped one
        Lattice l = Lattice.fromMatrix(new double[][] {{5, 0, 0}, {4.6, 1, 0}, {3.9, 0.7, 1.1}});
        double[] p = {0, 0, 0}, q = {0.3, 0.45, 0.4};
        double[] d = {0.3, 0.45, 0.4};
        double[] wrapped = l.toCartesian(d);
        double naive = Math.sqrt(wrapped[0] * wrapped[0] + wrapped[1] * wrapped[1] + wrapped[2] * wrapped[2]);
        double exact = bruteForce(l, p, q, 6);
        assertThat(exact).isLessThan(naive - 0.5);
        assertThat(l.minimumImageDistance(p, q)).isCloseTo(exact, within(1e-9));
        Random rnd = new Random(7);
        for (int t = 0; t < 300; t++) {
            double[][] m = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] = (i == j ? 2 : 0) + 6 * (rnd.nextDouble() - 0.5);
                }
            }
            Lattice r;
            try {
                r = Lattice.fromMatrix(m);
            } catch (IllegalArgumentException degenerate) {
                continue;
            }
            if (r.volume() < 1) {
                continue;
            }
            double[] a = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            double[] b = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            assertThat(r.minimumImageDistance(a, b)).as("%s %s %s", java.util.Arrays.deepToString(m), java.util.Arrays.toString(a), java.util.Arrays.toString(b)).isCloseTo(bruteForce(r, a, b, 12), within(1e-9));
        }
    }

    @Test
    void closeContactInSkewedCellIsFound() {
        // the two atoms are 0.3 Å apart only through a lattice translation of the sheared cell
        Lattice l = Lattice.fromMatrix(new double[][] {{5, 0, 0}, {4.8, 0.4, 0}, {0, 0, 6}});
        double[] cart = {0.2, 0.2, 0.1};
        double[] f = l.toFractional(new double[] {cart[0] + 5 - 4.8, cart[1] - 0.4, cart[2]});
        Crystal c = new Crystal(l, List.of(Site.of(Element.of("Na"), 0, 0, 0),
            Site.of(Element.of("Cl"), f[0] - Math.floor(f[0]), f[1] - Math.floor(f[1]), f[2])), "skewed");
        ValidityResult r = RULE.check(c);
        assertThat(r.structureValid()).isFalse();
        assertThat(r.failedCheck()).isEqualTo(ValidityResult.CHECK_DISTANCE);
        assertThat(r.reason()).isEqualTo("Na–Cl 0.30 Å < 0.5 Å");
        assertThat(new StructureValidity(0.2, 0.1, true).check(c).structureValid()).isTrue();
    }

    @Test
    void rockSaltIsValidAndVolumeCutoffApplies() {
        Lattice l = Lattice.cubic(5.64);
        Crystal nacl = new Crystal(l, List.of(Site.of(Element.of("Na"), 0, 0, 0), Site.of(Element.of("Cl"), 0.5, 0.5, 0.5),
            Site.of(Element.of("Na"), 0.5, 0.5, 0), Site.of(Element.of("Cl"), 0, 0, 0.5)), "NaCl");
        assertThat(RULE.check(nacl).structureValid()).isTrue();
        assertThat(nacl.shortestDistance()).isCloseTo(2.82, within(1e-9));
        Crystal tiny = new Crystal(Lattice.cubic(0.4), List.of(Site.of(Element.of("C"), 0, 0, 0)), "tiny");
        ValidityResult r = RULE.check(tiny);
        assertThat(r.failedCheck()).isEqualTo(ValidityResult.CHECK_VOLUME);
        assertThat(r.reason()).startsWith("volume 0.064 Å³ < 0.1");
        // one site: self-images are not checked (0.4 Å apart, still only a volume failure)
        assertThat(new StructureValidity(0.5, 0.01, true).check(tiny).structureValid()).isTrue();
    }

    @Test
    void nanCoordinatesAndDisorderAreRejected() {
        Crystal nan = new Crystal(Lattice.cubic(4), List.of(Site.of(Element.of("Na"), Double.NaN, 0, 0),
            Site.of(Element.of("Cl"), 0.5, 0.5, 0.5)), "nan");
        assertThat(RULE.check(nan).failedCheck()).isEqualTo(ValidityResult.CHECK_LATTICE);
        Site mixed = new Site(Map.of(Species.of(Element.of("Ta")), 0.5, Species.of(Element.of("Cr")), 0.5),
            new double[] {0, 0, 0}, "M1");
        Crystal dis = new Crystal(Lattice.cubic(4), List.of(mixed, Site.of(Element.of("O"), 0.5, 0.5, 0.5)), "dis");
        assertThat(RULE.check(dis).failedCheck()).isEqualTo(ValidityResult.CHECK_DISORDER);
        ValidityResult both = ValidityChecker.defaults().check(dis);
        assertThat(both.compositionValid()).isFalse();
        assertThat(both.structureValid()).isFalse();
        assertThat(both.reason()).contains("fractional").contains("disordered");
    }

    @Test
    void prototypeRules() {
        assertThat(PrototypeRules.elementAt(3, 7)).contains(Element.of("Cl"));
        assertThat(PrototypeRules.elementAt(1, 8)).contains(Element.of("He"));
        assertThat(PrototypeRules.elementAt(1, 3)).isEmpty();
        assertThat(PrototypeRules.elementAt(6, 5)).contains(Element.of("Bi"));
        List<String> sites = List.of("A", "B", "C", "D");
        assertThat(PrototypeRules.check(sites, List.of("Cs", "Na", "Bi", "Cl")).valid()).isTrue();
        ValidityResult rep = PrototypeRules.check(sites, List.of("Cs", "Cs", "Bi", "Cl"));
        assertThat(rep.failedCheck()).isEqualTo(ValidityResult.CHECK_PROTOTYPE);
        assertThat(rep.reason()).isEqualTo("Cs appears on more than one site (site B)");
        assertThat(PrototypeRules.check(sites, List.of("Cs", "Na", "Xq", "Cl")).reason()).contains("'Xq' is not an element");
        ValidityChecker checker = ValidityChecker.defaults();
        assertThat(checker.checkPrototype(sites, List.of("Cs", "Na", "Bi", "Cl"), Composition.parse("Cs2NaBiCl6")).valid())
            .isTrue();
    }
}
