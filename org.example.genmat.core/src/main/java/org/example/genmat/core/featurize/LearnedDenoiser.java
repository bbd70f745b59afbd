package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;

/**
 * Atom positions by annealed Langevin dynamics on a score learned by denoising score matching
 * (CDVAE's idea, made cheap). The score on atom i is {@code −∇_i E} with
 * <pre>
 *   E = Σ_pairs Σ_k w_k g_k(r_ij) + Σ_i Σ_{j&lt;k} Σ_{a,l} w_al h_a(r_ij) h_a(r_ik) P_l(cos θ_jik)
 * </pre>
 * over all periodic images, with Gaussian radial bases g, h times a smooth cosine cutoff and
 * Legendre polynomials P. So the score is permutation-, translation- and lattice-translation-
 * invariant by construction, and LINEAR in the weights: denoising score matching (perturb the
 * training crystals' Cartesian positions by Gaussian noise σ, target −(x̃ − x)/σ²) is a ridge least
 * squares problem per noise level, solved in closed form and deterministic.
 * <p>
 * Decoding ({@link #denoise}) rescales the decoded cell to a volume per atom learned from the
 * training crystals ({@link Volume}), starts from uniformly random positions (the decoded coordinates carry no information for
 * identical atoms in arbitrary order) and anneals from the largest to the smallest σ. The random
 * stream is seeded from the decoded crystal itself, so a crystal decodes the same in any order, on
 * any thread. Species-blind: fitted only for single-element training data (see {@link #fit}).
 */
public final class LearnedDenoiser {

    /** Pair basis: Gaussians from {@value #PAIR_FIRST_CENTRE} Å to cutoff − 0.3 Å. */
    private static final double PAIR_FIRST_CENTRE = 0.9;
    /** Three-body radial basis: Gaussians from {@value #TRIPLE_FIRST_CENTRE} Å to cutoff − 0.3 Å. */
    private static final double TRIPLE_FIRST_CENTRE = 1.2;
    /** Image search bound per axis, so that a degenerate (flat) cell cannot make the search explode. */
    private static final int MAX_IMAGES = 4;
    /**
     * Three-body terms use each atom's nearest neighbours only: a transient crowded cluster during
     * annealing would otherwise cost O(neighbours²) triplets per atom (hundreds of ms per crystal).
     */
    static final int MAX_TRIPLE_NEIGHBOURS = 8;
    /** Stored quantiles of the training volume per atom: 0, 5, …, 100 %. */
    static final int VOLUME_QUANTILES = 21;
    /** Ridge penalty relative to the mean diagonal of the normal equations. */
    private static final double RIDGE = 1e-6;
    /** Training crystals used for the fit at most (a deterministic stride through the list). */
    static final int MAX_FIT_CRYSTALS = 3000;
    /** Seed of the noise drawn on the training crystals. */
    private static final long FIT_SEED = 0x5DEECE66DL;

    /** The cell volume the denoiser gives a decoded crystal. */
    public enum Volume {
        /** As decoded. */
        DECODED,
        /** The training crystals' median volume per atom × the number of atoms. */
        MEDIAN,
        /**
         * Volume per atom drawn from the training crystals' distribution (interpolated between its
         * stored 5 % quantiles) with the crystal's own random stream, so the densities match in law.
         */
        DRAWN
    }

    /** Descriptor and sampler settings; stored in the model file so that it decodes the same later. */
    public record Settings(double pairCutoff, int pairBasis, double tripleCutoff, int tripleBasis, int legendreMax,
                           double[] sigmas, int stepsPerLevel, double stepFraction, double noiseFraction, Volume volume) {
        public Settings {
            java.util.Objects.requireNonNull(volume, "volume");
            if (!(pairCutoff > PAIR_FIRST_CENTRE + 0.3) || !(tripleCutoff > TRIPLE_FIRST_CENTRE + 0.3) || pairBasis < 1 || tripleBasis < 0
                || legendreMax < 0 || sigmas.length == 0 || stepsPerLevel < 0 || !(stepFraction > 0) || !(noiseFraction >= 0)) {
                throw new IllegalArgumentException("invalid denoiser settings");
            }
            for (double s : sigmas) {
                if (!(s > 0 && Double.isFinite(s))) {
                    throw new IllegalArgumentException("denoiser noise levels must be positive numbers");
                }
            }
            sigmas = sigmas.clone();
        }

        /** Measured on Carbon-24 (docs/structure-benchmarks.md, "learned denoiser"). */
        public static Settings defaults() {
            return new Settings(3.2, 16, 2.2, 3, 6, geometric(1.5, 0.02, 10), 15, 1.0, 0.25, Volume.DRAWN);
        }

        /** {@code n} noise levels from {@code hi} down to {@code lo}, evenly spaced in log σ. */
        public static double[] geometric(double hi, double lo, int n) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = n == 1 ? hi : hi * Math.pow(lo / hi, (double) i / (n - 1));
            }
            return s;
        }

        int features() {
            return pairBasis + tripleBasis * (legendreMax + 1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && s.pairCutoff == pairCutoff && s.pairBasis == pairBasis && s.tripleCutoff == tripleCutoff
                && s.tripleBasis == tripleBasis && s.legendreMax == legendreMax && Arrays.equals(s.sigmas, sigmas)
                && s.stepsPerLevel == stepsPerLevel && s.stepFraction == stepFraction && s.noiseFraction == noiseFraction
                && s.volume == volume;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sigmas) * 31 + pairBasis;
        }
    }

    private final Element element;
    private final Settings settings;
    /** One weight vector per noise level. */
    private final double[][] weights;
    /** Volume per atom of the training crystals at 0, 5, …, 100 %. */
    private final double[] volumeQuantiles;

    LearnedDenoiser(Element element, Settings settings, double[][] weights, double[] volumeQuantiles) {
        if (weights.length != settings.sigmas().length) {
            throw new IllegalArgumentException("denoiser has " + weights.length + " weight vectors for " + settings.sigmas().length + " noise levels");
        }
        for (double[] w : weights) {
            if (w.length != settings.features()) {
                throw new IllegalArgumentException("denoiser weight vector has " + w.length + " values, its basis needs " + settings.features());
            }
            for (double x : w) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("denoiser weights must be finite numbers");
                }
            }
        }
        if (volumeQuantiles.length != VOLUME_QUANTILES) {
            throw new IllegalArgumentException("denoiser needs " + VOLUME_QUANTILES + " volume-per-atom quantiles, has " + volumeQuantiles.length);
        }
        for (int i = 0; i < volumeQuantiles.length; i++) {
            if (!(volumeQuantiles[i] > 0 && Double.isFinite(volumeQuantiles[i])) || (i > 0 && volumeQuantiles[i] < volumeQuantiles[i - 1])) {
                throw new IllegalArgumentException("denoiser volume-per-atom quantiles must be positive and ascending");
            }
        }
        this.element = element;
        this.settings = settings;
        this.weights = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i].clone();
        }
        this.volumeQuantiles = volumeQuantiles.clone();
    }

    public Settings settings() {
        return settings;
    }

    public Element element() {
        return element;
    }

    /** Median volume per atom of the training crystals (Å³). */
    public double volumePerAtom() {
        return volumeQuantiles[VOLUME_QUANTILES / 2];
    }

    /** The same fitted score with other sampler settings (same basis); for measurements. */
    public LearnedDenoiser withSampling(int stepsPerLevel, double stepFraction, double noiseFraction, Volume volume) {
        Settings s = settings;
        return new LearnedDenoiser(element, new Settings(s.pairCutoff, s.pairBasis, s.tripleCutoff, s.tripleBasis, s.legendreMax, s.sigmas,
            stepsPerLevel, stepFraction, noiseFraction, volume), weights, volumeQuantiles);
    }

    /**
     * The score fitted on the training crystals, or null when they hold more than one element (the
     * score is species-blind; per element-pair weights for many elements would be underdetermined
     * on the validation split) or no crystal has two atoms.
     */
    static LearnedDenoiser fit(List<Crystal> training, List<Element> vocabulary) {
        return fit(training, vocabulary, Settings.defaults());
    }

    public static LearnedDenoiser fit(List<Crystal> training, List<Element> vocabulary, Settings settings) {
        if (vocabulary.size() != 1) {
            return null;
        }
        List<Crystal> used = new ArrayList<>();
        for (Crystal c : training) {
            if (c.numSites() >= 2) {
                used.add(c);
            }
        }
        if (used.isEmpty()) {
            return null;
        }
        int stride = Math.max(1, (used.size() + MAX_FIT_CRYSTALS - 1) / MAX_FIT_CRYSTALS);
        List<Crystal> fitSet = new ArrayList<>();
        for (int i = 0; i < used.size(); i += stride) {
            fitSet.add(used.get(i));
        }
        double[] vpa = used.stream().mapToDouble(c -> c.lattice().volume() / c.numSites()).sorted().toArray();
        double[] quantiles = new double[VOLUME_QUANTILES];
        for (int q = 0; q < VOLUME_QUANTILES; q++) {
            double at = (vpa.length - 1) * (double) q / (VOLUME_QUANTILES - 1);
            int lo = (int) Math.floor(at);
            quantiles[q] = lo + 1 < vpa.length ? vpa[lo] + (at - lo) * (vpa[lo + 1] - vpa[lo]) : vpa[lo];
        }
        int f = settings.features();
        double[][] weights = new double[settings.sigmas().length][];
        for (int level = 0; level < weights.length; level++) {
            double sigma = settings.sigmas()[level];
            int lv = level;
            // blocks of fixed size summed in a fixed order: the same normal equations on any number of threads
            int block = 64, blocks = (fitSet.size() + block - 1) / block;
            double[][] partial = IntStream.range(0, blocks).parallel().mapToObj(bi -> {
                double[] acc = new double[f * f + f];
                for (int ci = bi * block; ci < Math.min(fitSet.size(), (bi + 1) * block); ci++) {
                    accumulate(fitSet.get(ci), settings, sigma, new SplittableRandom(FIT_SEED + 1_000_003L * ci + lv), acc);
                }
                return acc;
            }).toArray(double[][]::new);
            double[] sum = new double[f * f + f];
            for (double[] p : partial) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += p[i];
                }
            }
            weights[level] = ridge(sum, f);
        }
        return new LearnedDenoiser(vocabulary.get(0), settings, weights, quantiles);
    }

    /** Adds one noisy copy of the crystal to the normal equations {@code [ΦᵀΦ | Φᵀt]}, t = −(x̃ − x)/σ². */
    private static void accumulate(Crystal c, Settings s, double sigma, SplittableRandom rng, double[] acc) {
        int n = c.numSites(), f = s.features();
        Lattice lattice = c.lattice();
        double[][] pos = new double[n][];
        double[] target = new double[3 * n];
        for (int i = 0; i < n; i++) {
            pos[i] = lattice.toCartesian(c.sites().get(i).frac());
            for (int a = 0; a < 3; a++) {
                double noise = sigma * rng.nextGaussian();
                pos[i][a] += noise;
                target[3 * i + a] = -noise / (sigma * sigma);
            }
        }
        double[][] phi = new double[3 * n][f];
        features(pos, lattice, s, phi);
        for (int r = 0; r < 3 * n; r++) {
            double[] row = phi[r];
            for (int a = 0; a < f; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                int off = a * f;
                for (int b = 0; b < f; b++) {
                    acc[off + b] += ra * row[b];
                }
                acc[f * f + a] += ra * target[r];
            }
        }
    }

    /** Ridge solution of the normal equations (Cholesky). */
    private static double[] ridge(double[] sum, int f) {
        double[][] g = new double[f][f];
        double trace = 0;
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) {
                g[i][j] = sum[i * f + j];
            }
            trace += g[i][i];
        }
        double lambda = RIDGE * Math.max(trace / f, 1e-12);
        for (int i = 0; i < f; i++) {
            g[i][i] += lambda;
        }
        double[] b = Arrays.copyOfRange(sum, f * f, f * f + f);
        // Cholesky g = L Lᵀ in place
        for (int j = 0; j < f; j++) {
            double d = g[j][j];
            for (int k = 0; k < j; k++) {
                d -= g[j][k] * g[j][k];
            }
            if (!(d > 0)) {
                d = lambda; // a basis function no training pair reaches: its weight stays 0
            }
            g[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < f; i++) {
                double v = g[i][j];
                for (int k = 0; k < j; k++) {
                    v -= g[i][k] * g[j][k];
                }
                g[i][j] = v / g[j][j];
            }
        }
        double[] y = new double[f];
        for (int i = 0; i < f; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= g[i][k] * y[k];
            }
            y[i] = v / g[i][i];
        }
        double[] w = new double[f];
        for (int i = f - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < f; k++) {
                v -= g[k][i] * w[k];
            }
            w[i] = v / g[i][i];
        }
        return w;
    }

    /**
     * Score features: {@code phi[3i + axis][feature]} = −∂E_feature/∂x_i,axis for Cartesian positions
     * {@code pos} in the periodic cell (positions need not lie inside the cell).
     */
    static void features(double[][] pos, Lattice lattice, Settings s, double[][] phi) {
        for (double[] row : phi) {
            Arrays.fill(row, 0);
        }
        int n = pos.length;
        double[][] m = lattice.matrix();
        double cut = Math.max(s.pairCutoff, s.tripleCutoff);
        double[][] images = images(lattice, cut);
        int selfIndex = images.length / 2; // the zero translation; the list is symmetric around it
        double[][] frac = new double[n][];
        for (int i = 0; i < n; i++) {
            frac[i] = lattice.toFractional(pos[i]);
        }
        int kp = s.pairBasis;
        double pairStep = kp == 1 ? 1 : (s.pairCutoff - 0.3 - PAIR_FIRST_CENTRE) / (kp - 1);
        double pairWidth = kp == 1 ? 0.5 : pairStep;
        double tripleStep = s.tripleBasis <= 1 ? 1 : (s.tripleCutoff - 0.3 - TRIPLE_FIRST_CENTRE) / (s.tripleBasis - 1);
        double tripleWidth = s.tripleBasis <= 1 ? 0.5 : tripleStep;
        // neighbours within the three-body cutoff, per centre: atom index and vector
        List<List<double[]>> near = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            near.add(new ArrayList<>());
        }
        double[] gp = new double[kp];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double[] d = new double[3];
                for (int a = 0; a < 3; a++) {
                    d[a] = frac[j][a] - frac[i][a];
                    d[a] -= Math.rint(d[a]);
                }
                double dx = d[0] * m[0][0] + d[1] * m[1][0] + d[2] * m[2][0];
                double dy = d[0] * m[0][1] + d[1] * m[1][1] + d[2] * m[2][1];
                double dz = d[0] * m[0][2] + d[1] * m[1][2] + d[2] * m[2][2];
                for (int t = 0; t < images.length; t++) {
                    double[] tr = images[t];
                    if (i == j && t <= selfIndex) {
                        continue; // each self-image pair once (T and −T are the same pair), never the atom itself
                    }
                    double vx = dx + tr[0], vy = dy + tr[1], vz = dz + tr[2];
                    double r2 = vx * vx + vy * vy + vz * vz;
                    if (r2 >= cut * cut || r2 < 1e-12) {
                        continue;
                    }
                    double r = Math.sqrt(r2);
                    if (r < s.tripleCutoff && s.tripleBasis > 0) {
                        near.get(i).add(new double[] {j, vx, vy, vz, r});
                        near.get(j).add(new double[] {i, -vx, -vy, -vz, r});
                    }
                    if (i == j || r >= s.pairCutoff) {
                        continue; // a self-image pair's distance does not depend on the position
                    }
                    radialDerivatives(r, PAIR_FIRST_CENTRE, pairStep, pairWidth, s.pairCutoff, null, gp);
                    double ux = vx / r, uy = vy / r, uz = vz / r;
                    double[] pi0 = phi[3 * i], pi1 = phi[3 * i + 1], pi2 = phi[3 * i + 2];
                    double[] pj0 = phi[3 * j], pj1 = phi[3 * j + 1], pj2 = phi[3 * j + 2];
                    for (int k = 0; k < kp; k++) {
                        double g = gp[k];
                        pi0[k] += g * ux;
                        pi1[k] += g * uy;
                        pi2[k] += g * uz;
                        pj0[k] -= g * ux;
                        pj1[k] -= g * uy;
                        pj2[k] -= g * uz;
                    }
                }
            }
        }
        if (s.tripleBasis == 0) {
            return;
        }
        for (List<double[]> nb : near) {
            if (nb.size() > MAX_TRIPLE_NEIGHBOURS) {
                nb.sort(java.util.Comparator.comparingDouble(e -> e[4]));
                nb.subList(MAX_TRIPLE_NEIGHBOURS, nb.size()).clear();
            }
        }
        int na = s.tripleBasis, nl = s.legendreMax + 1;
        double[] h1 = new double[na], h2 = new double[na], dh1 = new double[na], dh2 = new double[na];
        double[] p = new double[nl], dp = new double[nl];
        for (int i = 0; i < n; i++) {
            List<double[]> nb = near.get(i);
            for (int u = 0; u < nb.size(); u++) {
                double[] e1 = nb.get(u);
                double r1 = e1[4];
                radialDerivatives(r1, TRIPLE_FIRST_CENTRE, tripleStep, tripleWidth, s.tripleCutoff, h1, dh1);
                for (int v = u + 1; v < nb.size(); v++) {
                    double[] e2 = nb.get(v);
                    double r2 = e2[4];
                    radialDerivatives(r2, TRIPLE_FIRST_CENTRE, tripleStep, tripleWidth, s.tripleCutoff, h2, dh2);
                    double c = (e1[1] * e2[1] + e1[2] * e2[2] + e1[3] * e2[3]) / (r1 * r2);
                    c = Math.max(-1, Math.min(1, c));
                    legendre(c, p, dp);
                    int j = (int) e1[0], k = (int) e2[0];
                    for (int a = 0; a < na; a++) {
                        double hh = h1[a] * h2[a];
                        if (hh == 0 && dh1[a] == 0 && dh2[a] == 0) {
                            continue;
                        }
                        for (int l = 0; l < nl; l++) {
                            int col = kp + a * nl + l;
                            // ∂F/∂d1 and ∂F/∂d2 of F = h(r1) h(r2) P_l(c)
                            double radial1 = dh1[a] * h2[a] * p[l] / r1, radial2 = h1[a] * dh2[a] * p[l] / r2;
                            double ang = hh * dp[l];
                            for (int ax = 0; ax < 3; ax++) {
                                double d1 = e1[1 + ax], d2 = e2[1 + ax];
                                double g1 = radial1 * d1 + ang * (d2 / (r1 * r2) - c * d1 / (r1 * r1));
                                double g2 = radial2 * d2 + ang * (d1 / (r1 * r2) - c * d2 / (r2 * r2));
                                // score = −gradient; d1 = x_j − x_i, d2 = x_k − x_i
                                phi[3 * j + ax][col] -= g1;
                                phi[3 * k + ax][col] -= g2;
                                phi[3 * i + ax][col] += g1 + g2;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Lattice translations that can bring a minimum-image difference vector (fractional components
     * in [−½, ½]) within the cutoff, ordered so that T and −T sit symmetrically around the zero
     * translation in the middle.
     */
    private static double[][] images(Lattice lattice, double cut) {
        double[][] m = lattice.matrix();
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.min(MAX_IMAGES, Math.ceil(cut / lattice.planeSpacing(a) + 0.5));
        }
        double halfDiagonal = 0;
        for (int sb = -1; sb <= 1; sb += 2) {
            for (int sc = -1; sc <= 1; sc += 2) {
                double[] v = lattice.toCartesian(new double[] {0.5, 0.5 * sb, 0.5 * sc});
                halfDiagonal = Math.max(halfDiagonal, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
            }
        }
        double limit = cut + halfDiagonal;
        List<double[]> list = new ArrayList<>();
        for (int x = -reach[0]; x <= reach[0]; x++) {
            for (int y = -reach[1]; y <= reach[1]; y++) {
                for (int z = -reach[2]; z <= reach[2]; z++) {
                    double tx = x * m[0][0] + y * m[1][0] + z * m[2][0];
                    double ty = x * m[0][1] + y * m[1][1] + z * m[2][1];
                    double tz = x * m[0][2] + y * m[1][2] + z * m[2][2];
                    if (tx * tx + ty * ty + tz * tz <= limit * limit) {
                        list.add(new double[] {tx, ty, tz});
                    }
                }
            }
        }
        return list.toArray(double[][]::new);
    }

    /**
     * Values (when {@code value} is not null) and r-derivatives of the cut-off Gaussian basis at r
     * (centres {@code first + k·step}, width {@code step}). Two exponentials per call: neighbouring
     * Gaussians differ by the factor exp(t − k − ½), t = (r − first)/step, walked out from the
     * nearest centre so that nothing underflows before it matters.
     */
    private static void radialDerivatives(double r, double first, double step, double width, double cutoff, double[] value, double[] deriv) {
        double fc = 0.5 * (Math.cos(Math.PI * r / cutoff) + 1);
        double dfc = -0.5 * Math.PI / cutoff * Math.sin(Math.PI * r / cutoff);
        int n = deriv.length;
        double[] g = value != null ? value : deriv; // Gaussians first, then turned into values / derivatives
        if (width != step || n == 1) {
            for (int k = 0; k < n; k++) {
                double t = (r - first - k * step) / width;
                g[k] = Math.exp(-0.5 * t * t);
            }
        } else {
            double t = (r - first) / step;
            int near = (int) Math.max(0, Math.min(n - 1, Math.rint(t)));
            double u = t - near;
            g[near] = Math.exp(-0.5 * u * u);
            double up = Math.exp(u - 0.5), down = Math.exp(-u - 0.5), e = Math.exp(-1);
            // g[k+1] = g[k]·exp(t − k − ½); g[k−1] = g[k]·exp(k − t − ½)
            double f = up;
            for (int k = near; k + 1 < n; k++) {
                g[k + 1] = g[k] * f;
                f *= e;
            }
            f = down;
            for (int k = near; k - 1 >= 0; k--) {
                g[k - 1] = g[k] * f;
                f *= e;
            }
        }
        for (int k = 0; k < n; k++) {
            double gk = g[k];
            double t = (r - first - k * step) / width;
            deriv[k] = gk * (-t / width) * fc + gk * dfc;
            if (value != null) {
                value[k] = gk * fc;
            }
        }
    }

    /** Legendre polynomials P_0..P_L at c and their derivatives. */
    private static void legendre(double c, double[] p, double[] dp) {
        p[0] = 1;
        dp[0] = 0;
        if (p.length > 1) {
            p[1] = c;
            dp[1] = 1;
        }
        for (int l = 2; l < p.length; l++) {
            p[l] = ((2 * l - 1) * c * p[l - 1] - (l - 1) * p[l - 2]) / l;
            dp[l] = l * p[l - 1] + c * dp[l - 1];
        }
    }

    /** The score (Å⁻², per atom and axis) at noise level {@code level}. */
    double[][] score(double[][] pos, Lattice lattice, int level, double[][] phi) {
        features(pos, lattice, settings, phi);
        double[] w = weights[level];
        double[][] sc = new double[pos.length][3];
        for (int r = 0; r < phi.length; r++) {
            double v = 0;
            double[] row = phi[r];
            for (int k = 0; k < w.length; k++) {
                v += row[k] * w[k];
            }
            sc[r / 3][r % 3] = v;
        }
        return sc;
    }

    /** Whether this denoiser applies to the crystal (all sites of its element). */
    public boolean appliesTo(Crystal c) {
        for (Site s : c.sites()) {
            if (!s.majorElement().equals(element)) {
                return false;
            }
        }
        return c.numSites() >= 2;
    }

    /**
     * The crystal with its cell rescaled by the {@link Volume} rule and
     * its positions drawn by annealed Langevin dynamics from uniformly random positions; species,
     * order and labels stay. Deterministic: the random stream is seeded from the crystal itself.
     */
    public Crystal denoise(Crystal crystal) {
        if (!appliesTo(crystal)) {
            return crystal;
        }
        int n = crystal.numSites();
        Lattice lattice = crystal.lattice();
        SplittableRandom rng = new SplittableRandom(seedOf(crystal));
        double u = rng.nextDouble();
        if (settings.volume == Volume.MEDIAN) {
            lattice = lattice.scaledToVolume(volumePerAtom() * n);
        } else if (settings.volume == Volume.DRAWN) {
            double at = u * (VOLUME_QUANTILES - 1);
            int lo = Math.min(VOLUME_QUANTILES - 2, (int) at);
            lattice = lattice.scaledToVolume(n * (volumeQuantiles[lo] + (at - lo) * (volumeQuantiles[lo + 1] - volumeQuantiles[lo])));
        }
        double[][] pos = new double[n][];
        for (int i = 0; i < n; i++) {
            pos[i] = lattice.toCartesian(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
        }
        double[] sig = settings.sigmas;
        double last = sig[sig.length - 1];
        double[][] phi = new double[3 * n][settings.features()];
        for (int level = 0; level < sig.length; level++) {
            double alpha = settings.stepFraction * sig[level] * sig[level];
            double noise = settings.noiseFraction * Math.sqrt(2 * alpha);
            for (int t = 0; t < settings.stepsPerLevel; t++) {
                double[][] sc = score(pos, lattice, level, phi);
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < 3; a++) {
                        pos[i][a] += alpha * sc[i][a] + noise * rng.nextGaussian();
                    }
                }
            }
        }
        // the expected clean positions given the last noise level (Tweedie's formula)
        double[][] sc = score(pos, lattice, sig.length - 1, phi);
        List<Site> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = {pos[i][0] + last * last * sc[i][0], pos[i][1] + last * last * sc[i][1], pos[i][2] + last * last * sc[i][2]};
            double[] f = lattice.toFractional(x);
            for (int a = 0; a < 3; a++) {
                if (!Double.isFinite(f[a])) {
                    return crystal; // a (nearly) singular cell: leave it to the validity check
                }
                f[a] -= Math.floor(f[a]);
                if (f[a] >= 1) {
                    f[a] = 0;
                }
            }
            sites.add(crystal.sites().get(i).withFrac(f));
        }
        return new Crystal(lattice, sites, crystal.spaceGroupSymbol().orElse(null), crystal.spaceGroupNumber().orElse(null), crystal.source());
    }

    /** A seed from the decoded lattice and sites, so that the result depends on nothing else. */
    private static long seedOf(Crystal c) {
        long h = 0x9E3779B97F4A7C15L;
        for (double p : c.lattice().parameters()) {
            h = mix(h ^ Double.doubleToLongBits(p));
        }
        for (Site s : c.sites()) {
            h = mix(h ^ s.majorElement().symbol().hashCode());
            for (double f : s.frac()) {
                h = mix(h ^ Double.doubleToLongBits(f));
            }
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("element", element.symbol());
        o.add("volumePerAtomQuantiles", numbers(volumeQuantiles));
        o.addProperty("pairCutoff", settings.pairCutoff);
        o.addProperty("pairBasis", settings.pairBasis);
        o.addProperty("tripleCutoff", settings.tripleCutoff);
        o.addProperty("tripleBasis", settings.tripleBasis);
        o.addProperty("legendreMax", settings.legendreMax);
        o.add("sigmas", numbers(settings.sigmas));
        o.addProperty("stepsPerLevel", settings.stepsPerLevel);
        o.addProperty("stepFraction", settings.stepFraction);
        o.addProperty("noiseFraction", settings.noiseFraction);
        o.addProperty("volume", settings.volume.name().toLowerCase(java.util.Locale.ROOT));
        JsonArray w = new JsonArray();
        for (double[] row : weights) {
            w.add(numbers(row));
        }
        o.add("weights", w);
        return o;
    }

    private static JsonArray numbers(double[] v) {
        JsonArray a = new JsonArray();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    static LearnedDenoiser fromJson(JsonElement e) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("featurizer field 'denoiser' must be an object");
        }
        JsonObject o = e.getAsJsonObject();
        try {
            String symbol = o.get("element").getAsString();
            Element element = Element.find(symbol)
                .orElseThrow(() -> new IllegalArgumentException("denoiser has unknown element '" + symbol + "'"));
            Settings s = new Settings(o.get("pairCutoff").getAsDouble(), o.get("pairBasis").getAsInt(), o.get("tripleCutoff").getAsDouble(),
                o.get("tripleBasis").getAsInt(), o.get("legendreMax").getAsInt(), doubles(o.get("sigmas")), o.get("stepsPerLevel").getAsInt(),
                o.get("stepFraction").getAsDouble(), o.get("noiseFraction").getAsDouble(), volume(o.get("volume").getAsString()));
            JsonArray w = o.getAsJsonArray("weights");
            double[][] weights = new double[w.size()][];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = doubles(w.get(i));
            }
            return new LearnedDenoiser(element, s, weights, doubles(o.get("volumePerAtomQuantiles")));
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException | ClassCastException ex) {
            throw new IllegalArgumentException("featurizer field 'denoiser' is incomplete or malformed: " + ex.getMessage());
        }
    }

    private static Volume volume(String name) {
        try {
            return Volume.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown denoiser volume rule '" + name + "' (known: decoded, median, drawn)");
        }
    }

    private static double[] doubles(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnedDenoiser d && d.element.equals(element) && d.settings.equals(settings)
            && Arrays.deepEquals(d.weights, weights) && Arrays.equals(d.volumeQuantiles, volumeQuantiles);
    }

    @Override
    public int hashCode() {
        return settings.hashCode() * 31 + element.hashCode();
    }
}
