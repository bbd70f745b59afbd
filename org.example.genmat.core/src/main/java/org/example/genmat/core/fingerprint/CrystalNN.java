package org.example.genmat.core.fingerprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;

/**
 * CrystalNN (Pan, Ganose, Horton, Aykol, Persson, Zimmermann, Jain, Inorg. Chem. 60, 1590, 2021)
 * with its published default settings, as matminer's CrystalNNFingerprint creates it: Voronoi
 * neighbours weighted by face solid angle, normalised to the largest, multiplied by solid angle /
 * face area (porous adjustment) and by 1 + 3·√(|Δχ|/3.3) (Pauling electronegativity difference,
 * skipped where an element has none); renormalised to the largest, then multiplied by a distance
 * factor: 1 up to r₁ + r₂ + 0.5 Å, a half cosine down to 0 at r₁ + r₂ + 1 Å (covalent radii, as
 * for sites without oxidation states); rounded to three decimals. Each distinct weight w_k (from
 * the largest) opens a coordination number: the neighbours with weight ≥ w_k, with probability the
 * area of the unit quarter circle between w_{k+1} and w_k over π/4.
 */
public final class CrystalNN {

    /** Initial search radius for the Voronoi neighbours, Å. */
    static final double SEARCH_RADIUS = 7;
    private static final double[] DISTANCE_CUTOFFS = {0.5, 1.0};
    private static final double X_DIFF_WEIGHT = 3.0;

    /** One neighbour: site index, Cartesian position, final weight. */
    public record Neighbour(int site, double[] position, double weight) {
    }

    /**
     * Coordination numbers with their probabilities ({@code weights.get(cn)}) and neighbour lists;
     * CN 0 carries the probability left over.
     */
    public record Result(TreeMap<Integer, Double> weights, TreeMap<Integer, List<Neighbour>> neighbours) {

        public double weight(int cn) {
            return weights.getOrDefault(cn, 0.0);
        }
    }

    private static final class Table {
        static final double[] RADIUS = new double[Element.MAX_Z + 1];
        static final double[] X = new double[Element.MAX_Z + 1];

        static {
            java.util.Arrays.fill(RADIUS, Double.NaN);
            java.util.Arrays.fill(X, Double.NaN);
            String resource = "/org/example/genmat/core/fingerprint/crystalnn-elements.csv";
            try (InputStream in = Objects.requireNonNull(CrystalNN.class.getResourceAsStream(resource), resource);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split(",", -1);
                    int z = Element.of(f[0]).z();
                    RADIUS[z] = Double.parseDouble(f[1]);
                    X[z] = f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private CrystalNN() {
    }

    /**
     * CrystalNN of site {@code n} of an ordered crystal.
     *
     * @throws IllegalArgumentException when the crystal has no Voronoi cell at the site (coinciding
     *         sites) or an element without a radius
     */
    public static Result of(Crystal crystal, int n) {
        List<VoronoiCell.Facet> facets = VoronoiCell.facets(crystal, n, SEARCH_RADIUS);
        Element centre = crystal.sites().get(n).majorElement();
        double maxAngle = 0;
        for (VoronoiCell.Facet f : facets) {
            maxAngle = Math.max(maxAngle, f.solidAngle());
        }
        int m = facets.size();
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            VoronoiCell.Facet f = facets.get(i);
            w[i] = f.solidAngle() / maxAngle * (f.solidAngle() / f.area());
            double x1 = Table.X[centre.z()];
            double x2 = Table.X[crystal.sites().get(f.site()).majorElement().z()];
            if (!Double.isNaN(x1) && !Double.isNaN(x2)) {
                w[i] *= 1 + X_DIFF_WEIGHT * Math.sqrt(Math.abs(x1 - x2) / 3.3);
            }
        }
        double top = 0;
        for (double v : w) {
            top = Math.max(top, v);
        }
        if (top == 0) {
            return empty();
        }
        double r1 = radius(centre);
        double[] c = crystal.lattice().toCartesian(crystal.sites().get(n).frac());
        List<Neighbour> nn = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            VoronoiCell.Facet f = facets.get(i);
            double weight = w[i] / top;
            double d = r1 + radius(crystal.sites().get(f.site()).majorElement());
            double[] p = f.position();
            double dist = Math.sqrt((p[0] - c[0]) * (p[0] - c[0]) + (p[1] - c[1]) * (p[1] - c[1]) + (p[2] - c[2]) * (p[2] - c[2]));
            double lo = d + DISTANCE_CUTOFFS[0], hi = d + DISTANCE_CUTOFFS[1];
            double dw = dist <= lo ? 1 : dist < hi ? (Math.cos((dist - lo) / (hi - lo) * Math.PI) + 1) * 0.5 : 0;
            weight *= dw;
            // Python's round(x, 3): the exact binary value, ties to even
            weight = new BigDecimal(weight).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
            if (weight > 0) {
                nn.add(new Neighbour(f.site(), p, weight));
            }
        }
        if (nn.isEmpty()) {
            return empty();
        }
        nn.sort(Comparator.comparingDouble(Neighbour::weight).reversed());
        List<Double> bins = new ArrayList<>();
        for (Neighbour e : nn) {
            if (bins.isEmpty() || bins.get(bins.size() - 1) != e.weight()) {
                bins.add(e.weight());
            }
        }
        bins.add(0.0);
        TreeMap<Integer, Double> weights = new TreeMap<>();
        TreeMap<Integer, List<Neighbour>> lists = new TreeMap<>();
        double sum = 0;
        for (int k = 0; k + 1 < bins.size(); k++) {
            double v = bins.get(k);
            List<Neighbour> in = new ArrayList<>();
            for (Neighbour e : nn) {
                if (e.weight() >= v) {
                    in.add(e);
                }
            }
            double p = semicircle(v, bins.get(k + 1));
            weights.put(in.size(), p);
            lists.put(in.size(), List.copyOf(in));
            sum += p;
        }
        if (1 - sum > 0) {
            weights.put(0, 1 - sum);
            lists.put(0, List.of());
        }
        return new Result(weights, lists);
    }

    private static Result empty() {
        TreeMap<Integer, Double> w = new TreeMap<>();
        w.put(0, 1.0);
        TreeMap<Integer, List<Neighbour>> l = new TreeMap<>();
        l.put(0, List.of());
        return new Result(w, l);
    }

    private static double radius(Element e) {
        double r = Table.RADIUS[e.z()];
        if (Double.isNaN(r)) {
            throw new IllegalArgumentException("no covalent radius for " + e.symbol());
        }
        return r;
    }

    /** Area of the unit quarter circle between x = lo and x = hi, over π/4. */
    private static double semicircle(double hi, double lo) {
        double a1 = hi == 1 ? 0.25 * Math.PI : quarterArea(hi);
        return (a1 - quarterArea(lo)) / (0.25 * Math.PI);
    }

    private static double quarterArea(double x) {
        double s = Math.sqrt(1 - x * x);
        return 0.5 * (x * s + Math.atan(x / s));
    }
}
