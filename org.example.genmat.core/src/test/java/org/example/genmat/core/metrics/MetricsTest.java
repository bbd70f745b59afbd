package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.metrics.DiscoveryTracker.Tag;
import org.example.genmat.core.validity.ValidityChecker;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static Composition c(String f) {
        return Composition.parse(f);
    }

    @Test
    void longHashSetGrowsAndKeepsKeys() {
        LongHashSet s = new LongHashSet(2);
        Random r = new Random(1);
        long[] keys = new long[5000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = r.nextLong() | 1;
            assertThat(s.add(keys[i])).isTrue();
        }
        for (long k : keys) {
            assertThat(s.contains(k)).isTrue();
            assertThat(s.add(k)).isFalse();
        }
        assertThat(s.size()).isEqualTo(5000);
        assertThat(s.contains(2)).isFalse();
        LongIntHashMap m = new LongIntHashMap(2);
        for (int i = 0; i < 1000; i++) {
            m.put(keys[i], i, -1);
        }
        assertThat(m.get(keys[777], -1)).isEqualTo(777);
        assertThat(m.get(4, -1)).isEqualTo(-1);
    }

    @Test
    void compositionKeysIdentifyReducedFormulas() {
        assertThat(CompositionKey.pack(c("Na4Cl4"))).isEqualTo(CompositionKey.pack(c("NaCl")));
        assertThat(CompositionKey.pack(c("NaCl"))).isNotEqualTo(CompositionKey.pack(c("NaCl2")));
        // an elpasolite is the same composition under the A<->B swap
        assertThat(CompositionKey.pack(c("CsNaBi2Cl6"))).isEqualTo(CompositionKey.pack(c("NaCsBi2Cl6")));
        assertThat(CompositionKey.pack(c("YBa2Cu3O7"))).isNotEqualTo(CompositionKey.NO_PACKED_KEY);
        assertThat(CompositionKey.pack(c("LiFePO4SiC"))).isEqualTo(CompositionKey.NO_PACKED_KEY); // 6 elements
        CompositionKeySet set = new CompositionKeySet();
        assertThat(set.add(c("LiFePO4SiC"))).isTrue();
        assertThat(set.add(c("Li2Fe2P2O8Si2C2"))).isFalse();
        int[] z = {11, 17};
        int[] n = {1, 1};
        assertThat(CompositionKey.packReduced(z, n, 2)).isEqualTo(CompositionKey.pack(c("NaCl")));
    }

    @Test
    void compositionsEqualUpToOccupancyNoiseAreOneKey() {
        // the rule of the formulas (Composition.INTEGER_TOLERANCE): Fe:31.999968 O:48 is Fe2O3, in both key forms
        Composition noisy = Composition.parseCellString("Fe:31.999968 O:48.000002");
        assertThat(CompositionKey.pack(noisy)).isEqualTo(CompositionKey.pack(c("Fe2O3")))
            .isNotEqualTo(CompositionKey.NO_PACKED_KEY);
        CompositionKeySet set = new CompositionKeySet();
        assertThat(set.add(c("LiFePO4SiC"))).isTrue();
        assertThat(set.add(Composition.parseCellString("Li:31.999968 Fe:32 P:32.000003 O:127.99987 Si:32 C:32"))).isFalse();
        assertThat(set.add(Composition.parseCellString("Fe:31.99 O:48"))).isTrue(); // a real fraction is another one
    }

    @Test
    void tagsAndCurveInGenerationOrder() {
        CompositionKeySet training = new CompositionKeySet();
        training.add(c("NaCl"));
        training.add(c("LiFePO4SiC")); // string-key path
        DiscoveryTracker t = new DiscoveryTracker(training, 2, 16);
        List<Tag> tags = new ArrayList<>();
        tags.add(t.offer(c("KCl")));
        tags.add(t.offer(c("Na2Cl2")));
        tags.add(t.offer(c("KCl")));
        tags.add(t.offer(c("LiF")));
        tags.add(t.offerInvalid());
        tags.add(t.offer(c("NaCl")));
        tags.add(t.offer(c("LiFePO4SiC")));
        tags.add(t.offer(c("LiFePO4SiN")));
        assertThat(tags).containsExactly(Tag.NOVEL, Tag.REDISCOVERY, Tag.REPETITION, Tag.NOVEL, Tag.INVALID,
            Tag.REPETITION, Tag.REDISCOVERY, Tag.NOVEL);
        assertThat(t.valid()).isEqualTo(7);
        assertThat(t.unique()).isEqualTo(5);
        assertThat(t.novel()).isEqualTo(3);
        assertThat(t.rediscovered()).isEqualTo(2);
        assertThat(t.repetitions()).isEqualTo(2);
        assertThat(t.curve()).containsExactly(
            new DiscoveryTracker.CurvePoint(2, 2, 2, 1, 1),
            new DiscoveryTracker.CurvePoint(4, 4, 3, 2, 1),
            new DiscoveryTracker.CurvePoint(6, 5, 3, 2, 1),
            new DiscoveryTracker.CurvePoint(8, 7, 5, 3, 2));
    }

    @Test
    void jensenShannonHandCases() {
        double[] p = {3, 1, 0};
        assertThat(JensenShannon.distance(p, new double[] {6, 2, 0})).isCloseTo(0, within(1e-12));
        assertThat(JensenShannon.distance(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(1, within(1e-12));
        // p = (1, 0), q = (½, ½): m = (¾, ¼); JSD = ½·log2(4/3) + ½(½·log2(2/3) + ½·log2 2) = 0.3112781
        assertThat(JensenShannon.divergence(new double[] {1, 0}, new double[] {1, 1})).isCloseTo(0.3112781, within(1e-7));
        assertThat(JensenShannon.meanSiteDistance(new double[][] {{1, 0}, {1, 0}}, new double[][] {{1, 0}, {0, 1}}))
            .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void jensenShannonTermsAreTheDivergenceElementByElement() {
        // the hand case above, per element: ½·log2(4/3) + ¼·log2(2/3) on the first, ¼·log2 2 on the second
        double[] terms = JensenShannon.terms(new double[] {1, 0}, new double[] {1, 1});
        assertThat(terms[0]).isCloseTo(0.5 * Math.log(4.0 / 3) / Math.log(2) + 0.25 * Math.log(2.0 / 3) / Math.log(2), within(1e-12));
        assertThat(terms[1]).isCloseTo(0.25, within(1e-12));
        double[] p = {5, 0, 2, 9}, q = {1, 4, 4, 0};
        assertThat(java.util.Arrays.stream(JensenShannon.terms(p, q)).sum()).isCloseTo(JensenShannon.divergence(p, q), within(1e-12));
        assertThat(JensenShannon.terms(new double[] {0, 0}, new double[] {1, 1})).containsOnly(Double.NaN);
        assertThat(JensenShannon.divergence(new double[] {0, 0}, new double[] {1, 1})).isNaN();
    }

    @Test
    void wassersteinMatchesHandValueAndDirectCdfIntegral() {
        assertThat(Wasserstein.distance(new double[] {0}, new double[] {1, 2})).isCloseTo(1.5, within(1e-12));
        assertThat(Wasserstein.distance(new double[] {0, 1, 3}, new double[] {5, 6, 8})).isCloseTo(5, within(1e-12));
        Random r = new Random(3);
        double[] u = r.doubles(200).map(x -> 2 * x).toArray();
        double[] v = r.doubles(150).map(x -> x * x * 3).toArray();
        // direct ∫|F_u − F_v| dx on a fine grid
        double lo = -0.1, hi = 3.1, dx = 1e-5, integral = 0;
        for (double x = lo; x < hi; x += dx) {
            double xm = x + dx / 2;
            integral += Math.abs(cdf(u, xm) - cdf(v, xm)) * dx;
        }
        assertThat(Wasserstein.distance(u, v)).isCloseTo(integral, within(1e-3));
    }

    private static double cdf(double[] a, double x) {
        int k = 0;
        for (double v : a) {
            if (v <= x) {
                k++;
            }
        }
        return (double) k / a.length;
    }

    @Test
    void magpieFingerprintOfNaCl() {
        double[] raw = MagpieFingerprint.raw(c("NaCl"));
        assertThat(raw).hasSize(132);
        // Number: min 11, max 17, range 6, mean 14, avg_dev 3, mode 11 (equal fractions → smallest value)
        assertThat(Arrays.copyOfRange(raw, 0, 6)).containsExactly(11, 17, 6, 14, 3, 11);
        assertThat(MagpieFingerprint.featureName(0)).isEqualTo("Number.minimum");
        assertThat(MagpieFingerprint.featureName(131)).isEqualTo("SpaceGroupNumber.mode");
        // Na2O: mode is O's value (largest fraction is Na: 2/3) → Number mode 11; mean = (2·11 + 8)/3 = 10
        double[] na2o = MagpieFingerprint.raw(c("Na2O"));
        assertThat(na2o[3]).isCloseTo(10, within(1e-12));
        assertThat(na2o[5]).isEqualTo(11);
        assertThat(na2o[4]).isCloseTo((2.0 / 3) * 1 + (1.0 / 3) * 2, within(1e-12));
        double[] z = MagpieFingerprint.standardised(c("NaCl"));
        assertThat(z[0]).isCloseTo((11 - 21.194441759304013) / 16.35781741152948, within(1e-12));
    }

    @Test
    void nearestDistancesAndCoverage() {
        double[] gen = {0, 0, 10, 0};
        double[] ref = {0, 1, 3, 0, 20, 0};
        Coverage.NearestDistances nd = Coverage.nearest(gen, ref, 2);
        assertThat(nd.toReference()).containsExactly(1, 7);
        assertThat(nd.toGenerated()).containsExactly(1, 3, 10);
        assertThat(Coverage.NearestDistances.fractionWithin(nd.toGenerated(), 3, 3)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Coverage.NearestDistances.fractionWithin(nd.toReference(), 3, 4)).isCloseTo(0.25, within(1e-12));
        // blocks of 64 and parallel merging agree with brute force
        Random r = new Random(5);
        int dim = 7;
        double[] a = r.doubles(203 * dim).toArray(), b = r.doubles(71 * dim).toArray();
        Coverage.NearestDistances big = Coverage.nearest(a, b, dim);
        for (int j = 0; j < 71; j++) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 203; i++) {
                best = Math.min(best, Math.sqrt(Coverage.squaredDistance(a, i * dim, b, j * dim, dim)));
            }
            assertThat(big.toGenerated()[j]).isCloseTo(best, within(1e-12));
        }
        assertThat(Coverage.meanPairwiseDistance(new double[] {0, 0, 3, 4, 6, 8}, 2)).isCloseTo(20.0 / 3, within(1e-12));
    }

    @Test
    void frechetDistanceOfGaussianFits() {
        // 1-D: (m1 − m2)² + (σ1 − σ2)²; x = {0, 2}: mean 1, var 2; y = {10, 14}: mean 12, var 8 → 121 + 2
        assertThat(Frechet.distance(new double[] {0, 2}, new double[] {10, 14}, 1)).isCloseTo(123, within(1e-9));
        Random r = new Random(9);
        double[] x = r.doubles(400 * 5).toArray();
        assertThat(Frechet.distance(x, x, 5)).isCloseTo(0, within(1e-8));
        // 2-D diagonal covariances: sum of per-axis 1-D distances
        double[] a = {0, 0, 2, 0, 0, 4, 2, 4};       // x: {0,2,0,2} var 4/3; y: {0,0,4,4} var 16/3
        double[] b = {1, 1, 1, 1, 1, 1, 1, 1};       // all equal: zero covariance
        double expected = (1 - 1) * (1 - 1) + 4.0 / 3 + (2 - 1) * (2 - 1) + 16.0 / 3;
        assertThat(Frechet.distance(a, b, 2)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void turkPrecisionAndCoverage() {
        ClassMetrics m = new ClassMetrics(1, new long[] {2, 3, 1});
        m.add(1, true);
        m.add(1, false);
        m.add(0, true);
        m.add(2, true);
        m.add(-1, true);
        assertThat(m.precisionRight()).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(m.precisionNeighbouring()).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(m.coverageRight()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.coverageNeighbouring()).isCloseTo(2.0 / 3, within(1e-12));
    }

    private static Sample sample(ValidityChecker v, String formula, Integer cls) {
        Composition comp = c(formula);
        return new Sample(comp, null, null, cls, v.check(comp));
    }

    @Test
    void engineOnASmallSet() {
        ValidityChecker v = ValidityChecker.defaults();
        List<Sample> gen = List.of(sample(v, "NaCl", null), sample(v, "KCl", null), sample(v, "NaCl2", null),
            sample(v, "KCl", null), sample(v, "MgO", null), sample(v, "Na2O", null));
        List<Sample> train = List.of(sample(v, "MgO", null));
        List<Sample> ref = List.of(sample(v, "NaCl", 1), sample(v, "KCl", 1), sample(v, "LiCl", 1),
            sample(v, "MgO", 0), sample(v, "Na2O", 2), sample(v, "CaO", 2));
        MetricsEngine.Settings s = new MetricsEngine.Settings(1, MetricsEngine.Cutoffs.forName("perov5"), 1000, 1,
            null, 2, "test");
        MetricsEngine.Result r = new MetricsEngine(s).compute(gen, train, ref, () -> false);
        assertThat(r.value("validity_composition")).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(r.value("uniqueness")).isCloseTo(4.0 / 5, within(1e-12));
        assertThat(r.value("novelty")).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(r.value("rediscovery")).isCloseTo(1.0 / 4, within(1e-12));
        assertThat(r.value("repetitions")).isEqualTo(1);
        assertThat(r.tags()).containsExactly("novel", "novel", "invalid", "repetition", "rediscovery", "novel");
        // class 1 = {NaCl, KCl, LiCl}: valid generated NaCl, KCl, KCl → 3 of 5; unique 2 of 3
        assertThat(r.value("precision_right_class")).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(r.value("precision_neighbouring_classes")).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(r.value("coverage_right_class")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.value("coverage_neighbouring_classes")).isCloseTo(2.0 / 3, within(1e-12));
        // #elements: generated valid all binary, reference all binary → 0
        assertThat(r.value("emd_num_elements")).isEqualTo(0);
        // COV-P: NaCl2 is fingerprinted too (CDVAE fingerprints every generated crystal)
        assertThat(r.value("cov_recall_composition_only")).isGreaterThan(0.5);
        assertThat(r.curve()).last().isEqualTo(new DiscoveryTracker.CurvePoint(6, 5, 4, 3, 1));
        assertThat(r.elementDistribution()).isNotEmpty();
        // site-wise JS against class 1 of the reference, overall occurrence: generated {Na,Cl,K,Cl,K,Cl,Mg,O,Na,O}
        assertThat(r.value("js_distance")).isBetween(0.0, 1.0);
    }

    @Test
    void sameSeedSameDraw() {
        ValidityChecker v = ValidityChecker.defaults();
        List<Sample> gen = new ArrayList<>();
        for (String f : new String[] {"NaCl", "KCl", "Li3N", "CsPbI3", "SrTiO3", "CaF2", "MgAl2O4", "ZnO"}) {
            gen.add(sample(v, f, null));
        }
        MetricsEngine.Settings s = new MetricsEngine.Settings(null, null, 3, 11, null, 100, "test");
        double a = new MetricsEngine(s).compute(gen, List.of(), gen, () -> false).value("emd_num_elements");
        double b = new MetricsEngine(s).compute(gen, List.of(), gen, () -> false).value("emd_num_elements");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void cancellationStopsTheComputation() {
        ValidityChecker v = ValidityChecker.defaults();
        List<Sample> gen = List.of(sample(v, "NaCl", null), sample(v, "KCl", null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MetricsEngine(MetricsEngine.Settings.defaults())
                .compute(gen, List.of(), gen, () -> true))
            .isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
