package org.example.genmat.core.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.junit.jupiter.api.Test;

class KernelRidgeTest {

    // H=0 (period 1, group 1), Li=2 (2, 1), Na=10 (3, 1), F=8 (2, 7), Cl=16 (3, 7), O=7 (2, 6)
    static final int H = 0, LI = 2, O = 7, F = 8, NA = 10, CL = 16;

    @Test
    void siteTableIsTheLaplacianKernelOfPeriodAndGroup() {
        double[][] t = SiteKernel.table(2.0);
        assertThat(SiteKernel.period(NA)).isEqualTo(3);
        assertThat(SiteKernel.group(CL)).isEqualTo(7);
        assertThat(t[LI][NA]).isCloseTo(Math.exp(-1 / 2.0), within(1e-15)); // one period apart
        assertThat(t[LI][CL]).isCloseTo(Math.exp(-(1 + 6) / 2.0), within(1e-15));
        assertThat(t[F][F]).isEqualTo(1.0);
    }

    @Test
    void twoRowFixtureMatchesTheClosedFormSolution() {
        int[][] x = {{LI, NA, F, CL}, {H, NA, O, CL}};
        double[] y = {-1.0, 0.5};
        double sigma = 3, lambda = 0.1;
        double[][] t = SiteKernel.table(sigma);
        // kernel by hand: ½(T[a][a'] T[b][b'] + T[b][a'] T[a][b']) T[c][c'] T[d][d']
        double k12 = 0.5 * (t[LI][H] * t[NA][NA] + t[NA][H] * t[LI][NA]) * t[F][O] * t[CL][CL];
        double k11 = 0.5 * (1 + t[NA][LI] * t[LI][NA]);
        double k22 = 0.5 * (1 + t[NA][H] * t[H][NA]);
        assertThat(SiteKernel.value(t, x[0], x[1])).isCloseTo(k12, within(1e-15));
        // (K + λI) α = y − ȳ, 2×2 inverse
        double mean = -0.25, b1 = y[0] - mean, b2 = y[1] - mean;
        double a = k11 + lambda, d = k22 + lambda, det = a * d - k12 * k12;
        double alpha1 = (d * b1 - k12 * b2) / det, alpha2 = (a * b2 - k12 * b1) / det;
        KernelRidge m = KernelRidge.fit(x, y, sigma, lambda);
        assertThat(m.alpha()).containsExactly(new double[] {alpha1, alpha2}, within(1e-12));
        assertThat(m.offset()).isEqualTo(mean);
        int[] q = {NA, LI, CL, F};
        double expected = mean + alpha1 * SiteKernel.value(t, q, x[0]) + alpha2 * SiteKernel.value(t, q, x[1]);
        assertThat(m.predict(q)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void predictionsAreSymmetricInAandBAndInterpolateWithSmallLambda() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 40;
        int[][] x = new int[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = distinct(r);
            y[i] = r.nextDouble() * 4 - 2;
        }
        KernelRidge m = KernelRidge.fit(x, y, 4, 1e-8);
        for (int i = 0; i < n; i++) {
            assertThat(m.predict(x[i])).isCloseTo(y[i], within(1e-4));
            int[] swapped = {x[i][1], x[i][0], x[i][2], x[i][3]};
            assertThat(m.predict(swapped)).isCloseTo(m.predict(x[i]), within(1e-12));
        }
    }

    @Test
    void factorisedLabellingEqualsDirectPrediction() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 30;
        int[][] x = new int[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = distinct(r);
            y[i] = r.nextGaussian();
        }
        KernelRidge m = KernelRidge.fit(x, y, 5, 1e-3);
        SpaceLabels labels = SpaceLabels.label(m);
        for (int i = 0; i < 500; i++) {
            int[] q = distinct(r);
            assertThat(labels.energy(q[0], q[1], q[2], q[3])).isCloseTo(m.predict(q), within(1e-5));
            assertThat(labels.energy(q[1], q[0], q[2], q[3])).isEqualTo(labels.energy(q[0], q[1], q[2], q[3]));
        }
        assertThat(labels.energy(1, 1, 2, 3)).isNaN();
        assertThat(labels.classOf(1, 1, 2, 3)).isZero();
        long[] sizes = labels.classSizes();
        assertThat(sizes[0]).isZero();
        assertThat(java.util.Arrays.stream(sizes).sum()).isEqualTo(987_012L);
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThatThrownBy(() -> KernelRidge.fit(new int[][] {{0, 1, 2, 3}}, new double[] {1, 2}, 1, 1e-3))
            .hasMessageContaining("as many targets as rows");
        assertThatThrownBy(() -> KernelRidge.fit(new int[][] {{0, 1, 2, 3}}, new double[] {1}, 1, 0)).hasMessageContaining("λ");
        assertThatThrownBy(() -> SiteKernel.table(-1)).hasMessageContaining("kernel width");
    }

    static int[] distinct(SplittableRandom r) {
        int[] s = new int[4];
        do {
            for (int k = 0; k < 4; k++) {
                s[k] = r.nextInt(ElpasoliteSpace.N);
            }
        } while (s[0] == s[1] || s[0] == s[2] || s[0] == s[3] || s[1] == s[2] || s[1] == s[3] || s[2] == s[3]);
        return s;
    }
}
