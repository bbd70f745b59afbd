package org.example.genmat.core.fingerprint;

/**
 * One local structure order parameter of a centre and its neighbours (Zimmermann, Horton, Jain,
 * Haranczyk, Front. Mater. 4, 34, 2017; Zimmermann and Jain, RSC Adv. 10, 6063, 2020), as
 * pymatgen's LocalStructOrderParams defines them, with the motif parameters matminer's "ops"
 * preset uses: for each neighbour j put at the north pole and each other neighbour k defining the
 * prime meridian, Gaussian scores of the polar angle θ_k and of the polar and azimuth angles
 * (θ_m, φ_m) of the remaining neighbours m; the motif's value is the largest normalised score
 * over (j, k) (the "max" motifs), the mean (bent) or the bcc sum. q2/q4/q6 are Steinhardt's bond
 * orientational order parameters, computed through the spherical-harmonic addition theorem:
 * q_l = √(Σ_ij P_l(r̂_i·r̂_j)) / N.
 */
final class OrderParameter {

    enum Kind {
        SGL_BD, BENT, TRI_PLAN_MAX, TET_MAX, T, SQ_PLAN_MAX, SEE_SAW_RECT, TRI_BIPYR, TRI_PYR, PENT_PLAN_MAX,
        SQ_PYR, HEX_PLAN_MAX, OCT_MAX, PENT_PYR, HEX_PYR, PENT_BIPYR, BCC, HEX_BIPYR, CUBOCT_MAX, Q2, Q4, Q6
    }

    private static final double TINY = 1e-12;
    private static final double SPP_135 = 2.356194490192345; // 3π/4

    final String name;
    final Kind kind;
    // parameters (NaN where a motif has none): target angle and its inverse Gaussian width (in
    // fractions of 180°), width around the equatorial plane, azimuth factor and cosine exponent,
    // smallest south-pole angle (radians), its width and weight; cuboctahedron's extra four
    private double ta = Double.NaN, igwTa = Double.NaN, igwEp = Double.NaN, facAa = Double.NaN, expCosAa = Double.NaN;
    private double minSpp = Double.NaN, igwSpp = Double.NaN, wSpp = Double.NaN;
    private double cubHi = Double.NaN, cubLo = Double.NaN, cubIgw5 = Double.NaN, cubIgw6 = Double.NaN;

    private OrderParameter(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    static OrderParameter sglBd() {
        return new OrderParameter("sgl_bd", Kind.SGL_BD);
    }

    static OrderParameter bent(String name, double ta, double igwTa) {
        OrderParameter p = new OrderParameter(name, Kind.BENT);
        p.ta = ta;
        p.igwTa = igwTa;
        return p;
    }

    /** tri_plan_max / tet_max / pent_plan_max: target angle with azimuth term. */
    static OrderParameter targetAngle(String name, Kind kind, double ta, double igwTa, double facAa, double expCosAa) {
        OrderParameter p = new OrderParameter(name, kind);
        p.ta = ta;
        p.igwTa = igwTa;
        p.facAa = facAa;
        p.expCosAa = expCosAa;
        return p;
    }

    /** T and the pyramids: neighbours on the equatorial plane. */
    static OrderParameter equatorial(String name, Kind kind, double igwEp, double facAa) {
        OrderParameter p = new OrderParameter(name, kind);
        p.igwEp = igwEp;
        p.facAa = facAa;
        p.expCosAa = 2;
        return p;
    }

    /** Bipyramids, octahedron, square planar, see-saw: equatorial plane plus a south pole. */
    static OrderParameter polar(String name, Kind kind, double minSpp, double igwSpp, double igwEp, double facAa) {
        OrderParameter p = new OrderParameter(name, kind);
        p.minSpp = minSpp;
        p.igwSpp = igwSpp;
        p.igwEp = igwEp;
        p.facAa = facAa;
        p.expCosAa = 2;
        p.wSpp = 1;
        return p;
    }

    static OrderParameter hexPlanMax() {
        OrderParameter p = polar("hexagonal planar", Kind.HEX_PLAN_MAX, 2.6179938779914944, 7.5, Double.NaN, 1);
        p.igwTa = 25;
        p.ta = 0.16666667;
        return p;
    }

    static OrderParameter bcc() {
        OrderParameter p = new OrderParameter("body-centered cubic", Kind.BCC);
        p.minSpp = 2.5261129449194057;
        p.igwSpp = 15;
        p.wSpp = 6;
        return p;
    }

    static OrderParameter cuboctMax() {
        OrderParameter p = new OrderParameter("cuboctahedral", Kind.CUBOCT_MAX);
        p.minSpp = 2.792526803190927;
        p.igwSpp = 28.75;
        p.wSpp = 1.8;
        p.cubHi = 1.8325957145940461;
        p.cubLo = 1.3089969389957472;
        p.cubIgw5 = 25.5;
        p.cubIgw6 = 31.25;
        return p;
    }

    static OrderParameter steinhardt(int l) {
        return new OrderParameter("q" + l, l == 2 ? Kind.Q2 : l == 4 ? Kind.Q4 : Kind.Q6);
    }

    static double spp135() {
        return SPP_135;
    }

    private static double gauss(double x) {
        return Math.exp(-0.5 * x * x);
    }

    private static double acosClamped(double c) {
        return Math.acos(Math.max(-1.0, Math.min(c, 1.0)));
    }

    private double cosTerm(double phi) {
        return Math.pow(Math.cos(facAa * phi), expCosAa);
    }

    /**
     * The order parameter; {@code null} where it is undefined (too few neighbours).
     *
     * @param r neighbour positions relative to the centre (Å)
     */
    Double value(double[][] r) {
        int nn = r.length;
        double[] dist = new double[nn];
        double[][] u = new double[nn][];
        for (int i = 0; i < nn; i++) {
            dist[i] = Math.sqrt(VoronoiCell.dot(r[i], r[i]));
            u[i] = new double[] {r[i][0] / dist[i], r[i][1] / dist[i], r[i][2] / dist[i]};
        }
        switch (kind) {
            case SGL_BD: {
                if (nn == 1) {
                    return 1.0;
                }
                if (nn == 0) {
                    return 0.0;
                }
                double[] d = dist.clone();
                java.util.Arrays.sort(d);
                return 1.0 - d[0] / d[1];
            }
            case Q2:
            case Q4:
            case Q6:
                return nn == 0 ? null : steinhardt(u, kind == Kind.Q2 ? 2 : kind == Kind.Q4 ? 4 : 6);
            default:
                return geometric(u);
        }
    }

    private static double steinhardt(double[][] u, int l) {
        double s = 0;
        for (double[] a : u) {
            for (double[] b : u) {
                s += legendre(l, Math.max(-1, Math.min(1, VoronoiCell.dot(a, b))));
            }
        }
        return Math.sqrt(Math.max(0, s)) / u.length;
    }

    private static double legendre(int l, double x) {
        double x2 = x * x;
        switch (l) {
            case 2:
                return 0.5 * (3 * x2 - 1);
            case 4:
                return (35 * x2 * x2 - 30 * x2 + 3) / 8;
            default:
                return (231 * x2 * x2 * x2 - 315 * x2 * x2 + 105 * x2 - 5) / 16;
        }
    }

    private static double[] orthogonalPart(double[] v, double[] z) {
        double f = VoronoiCell.dot(v, z) / VoronoiCell.dot(z, z);
        return new double[] {v[0] - f * z[0], v[1] - f * z[1], v[2] - f * z[2]};
    }

    private boolean southPoleKind() {
        switch (kind) {
            case TRI_BIPYR: case PENT_BIPYR: case HEX_BIPYR: case OCT_MAX: case SQ_PLAN_MAX: case HEX_PLAN_MAX: case SEE_SAW_RECT:
                return true;
            default:
                return false;
        }
    }

    private Double geometric(double[][] u) {
        int nn = u.length;
        double ipi = 1 / Math.PI;
        double[][] q = new double[nn][Math.max(0, nn - 1)];
        double[][] norm = new double[nn][Math.max(0, nn - 1)];
        for (int j = 0; j < nn; j++) {
            double[] z = u[j];
            int kc = 0;
            for (int k = 0; k < nn; k++) {
                if (k == j) {
                    continue;
                }
                double thetak = acosClamped(VoronoiCell.dot(z, u[k]));
                double[] xaxis = orthogonalPart(u[k], z);
                double xl = Math.sqrt(VoronoiCell.dot(xaxis, xaxis));
                boolean flagX = xl < TINY;
                if (!flagX) {
                    xaxis = new double[] {xaxis[0] / xl, xaxis[1] / xl, xaxis[2] / xl};
                }
                // the j-centre-k angle
                switch (kind) {
                    case BENT:
                        q[j][kc] += gauss(igwTa * (thetak * ipi - ta));
                        norm[j][kc] += 1;
                        break;
                    case TRI_PLAN_MAX: case TET_MAX:
                        q[j][kc] += gauss(igwTa * (thetak * ipi - ta));
                        norm[j][kc] += 1;
                        break;
                    case T: case TRI_PYR: case SQ_PYR: case PENT_PYR: case HEX_PYR:
                        q[j][kc] += gauss(igwEp * (thetak * ipi - 0.5));
                        norm[j][kc] += 1;
                        break;
                    case CUBOCT_MAX:
                        if (thetak >= minSpp) {
                            q[j][kc] += wSpp * gauss(igwSpp * (thetak * ipi - 1.0));
                            norm[j][kc] += wSpp;
                        }
                        break;
                    case SEE_SAW_RECT: case TRI_BIPYR: case PENT_BIPYR: case HEX_BIPYR: case OCT_MAX: case SQ_PLAN_MAX: case HEX_PLAN_MAX:
                        if (thetak < minSpp) {
                            double t = kind == Kind.HEX_PLAN_MAX ? igwTa * (Math.abs(thetak * ipi - 0.5) - ta) : igwEp * (thetak * ipi - 0.5);
                            q[j][kc] += gauss(t);
                            norm[j][kc] += 1;
                        }
                        break;
                    case PENT_PLAN_MAX: {
                        double t = thetak <= ta * Math.PI ? 0.4 : 0.8;
                        q[j][kc] += gauss(igwTa * (thetak * ipi - t));
                        norm[j][kc] += 1;
                        break;
                    }
                    case BCC:
                        if (j < k && thetak >= minSpp) {
                            q[j][kc] += wSpp * gauss(igwSpp * (thetak * ipi - 1.0));
                            norm[j][kc] += wSpp;
                        }
                        break;
                    default:
                        break;
                }
                // the third neighbours m: polar angle and azimuth against the j-k plane
                for (int m = 0; m < nn; m++) {
                    if (m == j || m == k || flagX) {
                        continue;
                    }
                    double thetam = acosClamped(VoronoiCell.dot(z, u[m]));
                    double[] x2 = orthogonalPart(u[m], z);
                    double l = Math.sqrt(VoronoiCell.dot(x2, x2));
                    boolean flagX2 = l < TINY;
                    double phi = 0;
                    if (!flagX2) {
                        x2 = new double[] {x2[0] / l, x2[1] / l, x2[2] / l};
                        phi = acosClamped(VoronoiCell.dot(x2, xaxis));
                    }
                    if (southPoleKind() && thetam >= minSpp) {
                        q[j][kc] += gauss(igwSpp * (thetam * ipi - 1.0));
                        norm[j][kc] += 1;
                    }
                    if (flagX2) {
                        continue;
                    }
                    switch (kind) {
                        case TRI_PLAN_MAX: case TET_MAX:
                            q[j][kc] += gauss(igwTa * (thetam * ipi - ta)) * cosTerm(phi);
                            norm[j][kc] += 1;
                            break;
                        case PENT_PLAN_MAX: {
                            double t = thetam <= ta * Math.PI ? 0.4 : 0.8;
                            double c = Math.cos(phi);
                            q[j][kc] += gauss(igwTa * (thetam * ipi - t)) * c * c;
                            norm[j][kc] += 1;
                            break;
                        }
                        case T: case TRI_PYR: case SQ_PYR: case PENT_PYR: case HEX_PYR:
                            q[j][kc] += cosTerm(phi) * gauss(igwEp * (thetam * ipi - 0.5));
                            norm[j][kc] += 1;
                            break;
                        case TRI_BIPYR: case PENT_BIPYR: case HEX_BIPYR: case OCT_MAX: case SQ_PLAN_MAX: case HEX_PLAN_MAX:
                            if (thetam < minSpp && thetak < minSpp) {
                                double t = kind == Kind.HEX_PLAN_MAX ? igwTa * (Math.abs(thetam * ipi - 0.5) - ta) : igwEp * (thetam * ipi - 0.5);
                                q[j][kc] += cosTerm(phi) * gauss(t);
                                norm[j][kc] += 1;
                            }
                            break;
                        case BCC:
                            if (j < k && thetak < minSpp) {
                                double fac = thetak > Math.PI / 2 ? 1.0 : -1.0;
                                double t = (thetam - Math.PI / 2) / Math.asin(1.0 / 3);
                                q[j][kc] += fac * Math.cos(3 * phi) * (1.0 / Math.exp(-0.5)) * t * Math.exp(-0.5 * t * t);
                                norm[j][kc] += 1;
                            }
                            break;
                        case SEE_SAW_RECT:
                            if (thetam < minSpp && thetak < minSpp && phi < 0.75 * Math.PI) {
                                q[j][kc] += cosTerm(phi) * gauss(igwEp * (thetam * ipi - 0.5));
                                norm[j][kc] += 1;
                            }
                            break;
                        case CUBOCT_MAX:
                            if (thetam < minSpp && cubLo < thetak && thetak < cubHi) {
                                if (cubLo < thetam && thetam < cubHi) {
                                    double c = Math.cos(phi);
                                    q[j][kc] += c * c * gauss(cubIgw5 * (thetam * ipi - 0.5));
                                    norm[j][kc] += 1;
                                } else if (thetam < cubLo) {
                                    double t = 0.0556 * (Math.cos(phi - 0.5 * Math.PI) - 0.81649658);
                                    q[j][kc] += gauss(t) * gauss(cubIgw6 * (thetam * ipi - 1.0 / 3));
                                    norm[j][kc] += 1;
                                } else if (thetam > cubHi) {
                                    double t = 0.0556 * (Math.cos(phi - 0.5 * Math.PI) - 0.81649658);
                                    q[j][kc] += gauss(t) * gauss(cubIgw6 * (thetam * ipi - 2.0 / 3));
                                    norm[j][kc] += 1;
                                }
                            }
                            break;
                        default:
                            break;
                    }
                }
                kc++;
            }
        }
        switch (kind) {
            case BENT: {
                double s = 0, n = 0;
                for (int j = 0; j < nn; j++) {
                    for (int k = 0; k < nn - 1; k++) {
                        s += q[j][k];
                        n += norm[j][k];
                    }
                }
                return n > TINY ? s / n : null;
            }
            case BCC: {
                if (nn <= 3) {
                    return null;
                }
                double s = 0;
                for (int j = 0; j < nn; j++) {
                    for (int k = 0; k < nn - 1; k++) {
                        s += q[j][k];
                    }
                }
                return s / (0.5 * nn * (6 + (nn - 2) * (nn - 3)));
            }
            default: {
                if (nn <= 1) {
                    return null;
                }
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < nn; j++) {
                    for (int k = 0; k < nn - 1; k++) {
                        best = Math.max(best, norm[j][k] > TINY ? q[j][k] / norm[j][k] : 0.0);
                    }
                }
                return best;
            }
        }
    }
}
