package org.example.genmat.core.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.fingerprint.OrderParameter.Kind;

/**
 * CDVAE's structure fingerprint: matminer's {@code CrystalNNFingerprint.from_preset("ops")} of every
 * site, averaged over the sites (Xie et al., ICLR 2022). Per site, for each coordination number
 * 1..24: the {@link CrystalNN} probability w(cn), then, for each motif of that coordination number,
 * w(cn) × the motif's {@link OrderParameter} over the centre and those cn neighbours (0 where w = 0
 * or the parameter is undefined): 61 values. The motifs and their parameters are matminer's
 * "cn_target_motif_op" list and pymatgen's "cn_opt_params" (facts of the definition).
 * Reference values: {@code org.example.genmat.bench/peers/crystalnn_fingerprint.py} (pymatgen).
 */
public final class CrystalNNFingerprint {

    /** Highest coordination number with a weight. */
    public static final int MAX_CN = 24;

    private static final List<List<OrderParameter>> MOTIFS = motifs();

    /** Values per site (and per crystal). */
    public static final int LENGTH = length();

    private CrystalNNFingerprint() {
    }

    private static List<List<OrderParameter>> motifs() {
        double spp = OrderParameter.spp135();
        List<List<OrderParameter>> m = new ArrayList<>();
        for (int cn = 0; cn <= MAX_CN; cn++) {
            m.add(new ArrayList<>());
        }
        m.get(1).add(OrderParameter.sglBd());
        m.get(2).add(OrderParameter.bent("L-shaped", 0.5, 15.15));
        m.get(2).add(OrderParameter.bent("water-like", 0.5802777777777778, 13.95));
        m.get(2).add(OrderParameter.bent("bent 120 degrees", 0.666666666667, 13.25));
        m.get(2).add(OrderParameter.bent("bent 150 degrees", 0.833333333333333, 12.45));
        m.get(2).add(OrderParameter.bent("linear", 1, 8.667));
        m.get(3).add(OrderParameter.targetAngle("trigonal planar", Kind.TRI_PLAN_MAX, 0.66666666667, 17.5, 1, 2));
        m.get(3).add(OrderParameter.targetAngle("trigonal non-coplanar", Kind.TET_MAX, 0.6081734479693927, 18.33, 1.5, 2));
        m.get(3).add(OrderParameter.equatorial("T-shaped", Kind.T, 15.5, 1));
        m.get(4).add(OrderParameter.polar("square co-planar", Kind.SQ_PLAN_MAX, spp, 13.5, 17.7, 1));
        m.get(4).add(OrderParameter.targetAngle("tetrahedral", Kind.TET_MAX, 0.6081734479693927, 18.5, 1.5, 2));
        m.get(4).add(OrderParameter.polar("rectangular see-saw-like", Kind.SEE_SAW_RECT, spp, 11.5, 27, 2));
        m.get(4).add(OrderParameter.polar("see-saw-like", Kind.TRI_BIPYR, spp, 12.75, 15.75, 1.5));
        m.get(4).add(OrderParameter.equatorial("trigonal pyramidal", Kind.TRI_PYR, 15.5, 1.5));
        m.get(5).add(OrderParameter.targetAngle("pentagonal planar", Kind.PENT_PLAN_MAX, 0.6, 19.333, Double.NaN, Double.NaN));
        m.get(5).add(OrderParameter.equatorial("square pyramidal", Kind.SQ_PYR, 14.9, 2));
        m.get(5).add(OrderParameter.polar("trigonal bipyramidal", Kind.TRI_BIPYR, spp, 12, 16.6, 1.5));
        m.get(6).add(OrderParameter.hexPlanMax());
        m.get(6).add(OrderParameter.polar("octahedral", Kind.OCT_MAX, spp, 15, 18, 2));
        m.get(6).add(OrderParameter.equatorial("pentagonal pyramidal", Kind.PENT_PYR, 13.8, 2.5));
        m.get(7).add(OrderParameter.equatorial("hexagonal pyramidal", Kind.HEX_PYR, 12.5, 3));
        m.get(7).add(OrderParameter.polar("pentagonal bipyramidal", Kind.PENT_BIPYR, spp, 12.5, 14.75, 2.5));
        m.get(8).add(OrderParameter.bcc());
        m.get(8).add(OrderParameter.polar("hexagonal bipyramidal", Kind.HEX_BIPYR, spp, 14.1, 13.6, 3));
        for (int cn = 9; cn <= 12; cn++) {
            if (cn == 12) {
                m.get(cn).add(OrderParameter.cuboctMax());
            }
            m.get(cn).add(OrderParameter.steinhardt(2));
            m.get(cn).add(OrderParameter.steinhardt(4));
            m.get(cn).add(OrderParameter.steinhardt(6));
        }
        return m;
    }

    private static int length() {
        int n = 0;
        for (int cn = 1; cn <= MAX_CN; cn++) {
            n += 1 + MOTIFS.get(cn).size();
        }
        return n;
    }

    /** Feature names as matminer labels them ({@code "wt CN_4"}, {@code "tetrahedral CN_4"}, ...). */
    public static List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int cn = 1; cn <= MAX_CN; cn++) {
            names.add("wt CN_" + cn);
            for (OrderParameter op : MOTIFS.get(cn)) {
                names.add(op.name + " CN_" + cn);
            }
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * The fingerprint of site {@code n} of an ordered crystal.
     *
     * @throws IllegalArgumentException where CrystalNN finds no cell (coinciding sites)
     */
    public static double[] site(Crystal crystal, int n) {
        CrystalNN.Result nn = CrystalNN.of(crystal, n);
        double[] centre = crystal.lattice().toCartesian(crystal.sites().get(n).frac());
        double[] out = new double[LENGTH];
        int o = 0;
        for (int cn = 1; cn <= MAX_CN; cn++) {
            double w = nn.weight(cn);
            out[o++] = w;
            List<OrderParameter> ops = MOTIFS.get(cn);
            if (ops.isEmpty()) {
                continue;
            }
            double[][] r = null;
            if (w != 0) {
                List<CrystalNN.Neighbour> list = nn.neighbours().get(cn);
                r = new double[list.size()][];
                for (int i = 0; i < r.length; i++) {
                    double[] p = list.get(i).position();
                    r[i] = new double[] {p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]};
                }
            }
            for (OrderParameter op : ops) {
                if (w == 0) {
                    out[o++] = 0;
                } else {
                    Double v = op.value(r);
                    out[o++] = v == null ? 0 : w * v;
                }
            }
        }
        return out;
    }

    /**
     * The mean of the site fingerprints of an ordered crystal.
     *
     * @throws IllegalArgumentException for a disordered or empty crystal, or one without a cell
     *         at some site (coinciding sites)
     */
    public static double[] of(Crystal crystal) {
        if (crystal.numSites() == 0) {
            throw new IllegalArgumentException("the crystal has no sites");
        }
        if (!crystal.isOrdered()) {
            throw new IllegalArgumentException("the structure fingerprint needs an ordered crystal");
        }
        double[] mean = new double[LENGTH];
        for (int i = 0; i < crystal.numSites(); i++) {
            double[] s = site(crystal, i);
            for (int k = 0; k < LENGTH; k++) {
                mean[k] += s[k];
            }
        }
        for (int k = 0; k < LENGTH; k++) {
            mean[k] /= crystal.numSites();
        }
        return mean;
    }
}
