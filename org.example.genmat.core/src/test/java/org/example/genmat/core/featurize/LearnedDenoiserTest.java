package org.example.genmat.core.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.junit.jupiter.api.Test;

class LearnedDenoiserTest {

    private static final Element C = Element.find("C").orElseThrow();
    private static final Element SI = Element.find("Si").orElseThrow();

    static Crystal diamond(double a, double jitter, long seed) {
        double[][] f = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}, {0.25, 0.25, 0.25}, {0.25, 0.75, 0.75},
            {0.75, 0.25, 0.75}, {0.75, 0.75, 0.25}};
        SplittableRandom rng = new SplittableRandom(seed);
        List<Site> sites = new ArrayList<>();
        for (double[] x : f) {
            sites.add(Site.of(C, x[0] + jitter * rng.nextGaussian(), x[1] + jitter * rng.nextGaussian(), x[2] + jitter * rng.nextGaussian()));
        }
        return new Crystal(Lattice.cubic(a), sites, "P 1", 1, "diamond");
    }

    /** Brute-force energy of one basis function: all pairs and triplets over images within ±3 cells. */
    private static double energy(double[][] pos, Lattice l, LearnedDenoiser.Settings s, int column) {
        double[][] m = l.matrix();
        List<double[]> vectors = new ArrayList<>(); // [i, j, vx, vy, vz, r]
        for (int i = 0; i < pos.length; i++) {
            for (int j = 0; j < pos.length; j++) {
                for (int x = -3; x <= 3; x++) {
                    for (int y = -3; y <= 3; y++) {
                        for (int z = -3; z <= 3; z++) {
                            double[] v = new double[3];
                            for (int a = 0; a < 3; a++) {
                                v[a] = pos[j][a] - pos[i][a] + x * m[0][a] + y * m[1][a] + z * m[2][a];
                            }
                            double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                            if (r > 1e-9 && r < Math.max(s.pairCutoff(), s.tripleCutoff())) {
                                vectors.add(new double[] {i, j, v[0], v[1], v[2], r});
                            }
                        }
                    }
                }
            }
        }
        double e = 0;
        if (column < s.pairBasis()) {
            double step = (s.pairCutoff() - 0.3 - 0.9) / (s.pairBasis() - 1);
            for (double[] v : vectors) {
                e += 0.5 * basis(v[5], 0.9 + column * step, step, s.pairCutoff()); // each pair seen from both ends
            }
            return e;
        }
        int a = (column - s.pairBasis()) / (s.legendreMax() + 1), l2 = (column - s.pairBasis()) % (s.legendreMax() + 1);
        double step = (s.tripleCutoff() - 0.3 - 1.2) / (s.tripleBasis() - 1);
        for (double[] u : vectors) {
            for (double[] w : vectors) {
                if (u[0] != w[0] || u == w || u[5] >= s.tripleCutoff() || w[5] >= s.tripleCutoff()) {
                    continue;
                }
                double c = (u[2] * w[2] + u[3] * w[3] + u[4] * w[4]) / (u[5] * w[5]);
                e += 0.5 * basis(u[5], 1.2 + a * step, step, s.tripleCutoff()) * basis(w[5], 1.2 + a * step, step, s.tripleCutoff())
                    * legendre(l2, c);
            }
        }
        return e;
    }

    private static double basis(double r, double mu, double width, double cutoff) {
        if (r >= cutoff) {
            return 0;
        }
        double t = (r - mu) / width;
        return Math.exp(-0.5 * t * t) * 0.5 * (Math.cos(Math.PI * r / cutoff) + 1);
    }

    private static double legendre(int l, double c) {
        return switch (l) {
            case 0 -> 1;
            case 1 -> c;
            case 2 -> 0.5 * (3 * c * c - 1);
            case 3 -> 0.5 * (5 * c * c * c - 3 * c);
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void scoreFeaturesAreMinusTheGradientOfThePeriodicEnergy() {
        LearnedDenoiser.Settings s = LearnedDenoiser.Settings.defaults();
        Crystal c = diamond(3.567, 0.02, 1);
        Lattice l = c.lattice();
        double[][] pos = new double[c.numSites()][];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = l.toCartesian(c.sites().get(i).frac());
        }
        double[][] phi = new double[3 * pos.length][s.features()];
        LearnedDenoiser.features(pos, l, s, phi);
        int[] columns = {2, 5, 11, s.pairBasis(), s.pairBasis() + 2, s.pairBasis() + (s.legendreMax() + 1) + 3};
        double h = 1e-5;
        for (int col : columns) {
            for (int i : new int[] {0, 5}) {
                for (int a = 0; a < 3; a++) {
                    double keep = pos[i][a];
                    pos[i][a] = keep + h;
                    double up = energy(pos, l, s, col);
                    pos[i][a] = keep - h;
                    double down = energy(pos, l, s, col);
                    pos[i][a] = keep;
                    assertThat(phi[3 * i + a][col]).as("column %d atom %d axis %d", col, i, a)
                        .isCloseTo(-(up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void fittedOnDiamondTheScorePointsBackToTheCleanCrystal() {
        List<Crystal> training = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            training.add(diamond(3.567, 0.001, k));
        }
        LearnedDenoiser d = LearnedDenoiser.fit(training, List.of(C));
        assertThat(d).isNotNull();
        assertThat(d.volumePerAtom()).isCloseTo(3.567 * 3.567 * 3.567 / 8, org.assertj.core.data.Offset.offset(1e-9));
        // held-out crystal, perturbed at the noise levels of a few bond-length percent: the score explains most of the displacement
        Crystal clean = diamond(3.567, 0.001, 1000);
        Lattice l = clean.lattice();
        double[] sigmas = d.settings().sigmas();
        SplittableRandom rng = new SplittableRandom(5);
        int checked = 0;
        for (int level = 0; level < sigmas.length; level++) {
            double sigma = sigmas[level];
            if (sigma > 0.3) {
                continue;
            }
            checked++;
            double[][] pos = new double[clean.numSites()][];
            double[][] target = new double[clean.numSites()][3];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = l.toCartesian(clean.sites().get(i).frac());
                for (int a = 0; a < 3; a++) {
                    double noise = sigma * rng.nextGaussian();
                    pos[i][a] += noise;
                    target[i][a] = -noise / (sigma * sigma);
                }
            }
            double[][] score = d.score(pos, l, level, new double[3 * pos.length][d.settings().features()]);
            double residual = 0, total = 0;
            for (int i = 0; i < pos.length; i++) {
                for (int a = 0; a < 3; a++) {
                    residual += Math.pow(score[i][a] - target[i][a], 2);
                    total += target[i][a] * target[i][a];
                }
            }
            assertThat(1 - residual / total).as("explained fraction at sigma %.3f", sigma).isGreaterThan(0.5);
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }

    @Test
    void denoisingRescalesTheCellAndIsDeterministic() {
        List<Crystal> training = List.of(diamond(3.567, 0.01, 1), diamond(3.567, 0.01, 2));
        LearnedDenoiser d = LearnedDenoiser.fit(training, List.of(C));
        Crystal start = new Crystal(Lattice.cubic(3.567 * Math.cbrt(2)), diamond(3.567, 0.2, 99).sites(), "P 1", 1, "generated");
        Crystal out = d.denoise(start);
        assertThat(out.lattice().volume()).isCloseTo(3.567 * 3.567 * 3.567, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.sites()).extracting(Site::label).isEqualTo(start.sites().stream().map(Site::label).toList());
        // same input, same output (the random stream is seeded from the crystal, not from the call order)
        assertThat(d.denoise(start).sites()).isEqualTo(out.sites());
        assertThat(d.denoise(diamond(3.567, 0.2, 98)).sites()).isNotEqualTo(out.sites());
        // a crystal of another element passes unchanged
        Crystal silicon = new Crystal(Lattice.cubic(5.43), List.of(Site.of(SI, 0, 0, 0), Site.of(SI, 0.25, 0.25, 0.25)), "P 1", 1, "si");
        assertThat(d.denoise(silicon)).isSameAs(silicon);
    }

    @Test
    void multiElementDataHasNoDenoiserAndTheModelEntryRoundTrips() {
        assertThat(LearnedDenoiser.fit(List.of(diamond(3.567, 0, 1)), List.of(C, SI))).isNull();
        List<Crystal> training = List.of(diamond(3.567, 0.01, 1), diamond(3.567, 0.01, 2));
        PeriodicStructure f = new PeriodicStructure(List.of(C), 8, 2, 5, PeriodicStructure.Coordinates.TORUS,
            ContactRelaxation.fit(training, List.of(C)), LearnedDenoiser.fit(training, List.of(C)));
        JsonObject json = f.toJson();
        assertThat(json.has("denoiser")).isTrue();
        assertThat(Featurizers.fromJson(json)).isEqualTo(f);
        json.remove("denoiser");
        assertThat(((PeriodicStructure) Featurizers.fromJson(json)).denoiser()).isNull();
        JsonObject broken = f.toJson();
        broken.getAsJsonObject("denoiser").remove("weights");
        assertThatThrownBy(() -> Featurizers.fromJson(broken)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("denoiser");
    }
}
