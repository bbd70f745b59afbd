package org.example.genmat.core.crystal;

import java.util.Arrays;


/**
 * An immutable periodic lattice. Row vectors a, b, c in Å; the standard crystallographic setting
 * puts a along x and b in the xy plane. Angles in degrees.
 */
public final class Lattice {

    private final double[][] m; // rows = lattice vectors (Å)
    private final double[][] inv; // inverse of m: frac = cart · inv

    private Lattice(double[][] m) {
        this.m = new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
        this.inv = invert(this.m);
    }

    /** From the three lattice vectors as rows (Å). */
    public static Lattice fromMatrix(double[][] rows) {
        if (rows.length != 3 || rows[0].length != 3 || rows[1].length != 3 || rows[2].length != 3) {
            throw new IllegalArgumentException("a lattice needs a 3x3 matrix");
        }
        return new Lattice(rows);
    }

    /** From lengths (Å) and angles (degrees); a along x, b in the xy plane. */
    public static Lattice fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        double[] p = {a, b, c, alpha, beta, gamma};
        for (double v : p) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("lattice parameters must be finite numbers: " + lengths(a, b, c) + " "
                    + angles(alpha, beta, gamma));
            }
        }
        if (a <= 0 || b <= 0 || c <= 0) {
            throw new IllegalArgumentException("lattice lengths must be positive: " + lengths(a, b, c));
        }
        double ca = cosd(alpha), cb = cosd(beta), cg = cosd(gamma), sg = sind(gamma);
        double cx = c * cb;
        double cy = c * (ca - cb * cg) / sg;
        double czSq = c * c - cx * cx - cy * cy;
        if (!(czSq > 0)) {
            throw new IllegalArgumentException("lattice angles " + angles(alpha, beta, gamma) + " do not form a cell");
        }
        return new Lattice(new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {cx, cy, Math.sqrt(czSq)}});
    }

    /** The cell's edges as messages show them: {@code a=2.83 b=4.76 c=11.13 Å}. */
    public String lengthsText() {
        double[] p = parameters();
        return lengths(p[0], p[1], p[2]);
    }

    /** Lengths as messages show them: {@code a=2.83 b=4.76 c=11.13 Å}. */
    private static String lengths(double a, double b, double c) {
        return "a=" + Numbers.forMessage(a) + " b=" + Numbers.forMessage(b) + " c=" + Numbers.forMessage(c) + " Å";
    }

    /** Angles as messages show them: {@code alpha=146.63° beta=94.37° gamma=40.36°}. */
    private static String angles(double alpha, double beta, double gamma) {
        return "alpha=" + Numbers.forMessage(alpha) + "° beta=" + Numbers.forMessage(beta) + "° gamma=" + Numbers.forMessage(gamma) + "°";
    }

    /** A cubic lattice of edge {@code a}. */
    public static Lattice cubic(double a) {
        return fromParameters(a, a, a, 90, 90, 90);
    }

    private static double cosd(double deg) {
        // exact zeros at right angles keep orthogonal cells free of 1e-17 noise
        if (deg == 90) {
            return 0;
        }
        return Math.cos(Math.toRadians(deg));
    }

    private static double sind(double deg) {
        if (deg == 90) {
            return 1;
        }
        return Math.sin(Math.toRadians(deg));
    }

    /** The lattice vectors as rows (a copy). */
    public double[][] matrix() {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    public double a() {
        return norm(m[0]);
    }

    public double b() {
        return norm(m[1]);
    }

    public double c() {
        return norm(m[2]);
    }

    public double alpha() {
        return angle(m[1], m[2]);
    }

    public double beta() {
        return angle(m[0], m[2]);
    }

    public double gamma() {
        return angle(m[0], m[1]);
    }

    /** {a, b, c, alpha, beta, gamma}. */
    public double[] parameters() {
        return new double[] {a(), b(), c(), alpha(), beta(), gamma()};
    }

    /** Cell volume in Å³ (positive). */
    public double volume() {
        return Math.abs(det(m));
    }

    /** Crystallographic reciprocal lattice (rows a*, b*, c*, with a·a* = 1; no 2π). */
    public Lattice reciprocal() {
        // rows of inv^T are the reciprocal vectors
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = inv[j][i];
            }
        }
        return new Lattice(r);
    }

    /** Distance between adjacent lattice planes perpendicular to axis i (1/|a_i*|). */
    public double planeSpacing(int axis) {
        return 1.0 / Math.sqrt(inv[0][axis] * inv[0][axis] + inv[1][axis] * inv[1][axis] + inv[2][axis] * inv[2][axis]);
    }

    /** Cartesian coordinates (Å) of fractional coordinates. */
    public double[] toCartesian(double[] f) {
        return new double[] {
            f[0] * m[0][0] + f[1] * m[1][0] + f[2] * m[2][0],
            f[0] * m[0][1] + f[1] * m[1][1] + f[2] * m[2][1],
            f[0] * m[0][2] + f[1] * m[1][2] + f[2] * m[2][2]};
    }

    /** Fractional coordinates of Cartesian coordinates (Å). */
    public double[] toFractional(double[] x) {
        return new double[] {
            x[0] * inv[0][0] + x[1] * inv[1][0] + x[2] * inv[2][0],
            x[0] * inv[0][1] + x[1] * inv[1][1] + x[2] * inv[2][1],
            x[0] * inv[0][2] + x[1] * inv[1][2] + x[2] * inv[2][2]};
    }

    /** The same lattice scaled to a new volume. */
    public Lattice scaledToVolume(double newVolume) {
        double s = Math.cbrt(newVolume / volume());
        double[][] r = matrix();
        for (double[] row : r) {
            for (int j = 0; j < 3; j++) {
                row[j] *= s;
            }
        }
        return new Lattice(r);
    }

    /** Shortest periodic distance (Å) between fractional points p and q over all lattice translations. */
    public double minimumImageDistance(double[] p, double[] q) {
        double[] d = {q[0] - p[0], q[1] - p[1], q[2] - p[2]};
        for (int i = 0; i < 3; i++) {
            d[i] -= Math.rint(d[i]);
        }
        double best = norm(toCartesian(d));
        // Any image closer than `best` differs by at most best/spacing_i along axis i; searching that
        // box is exact for skewed cells, where the wrapped difference alone can be wrong.
        int[] lo = new int[3], hi = new int[3];
        for (int i = 0; i < 3; i++) {
            double r = best / planeSpacing(i);
            lo[i] = (int) Math.ceil(-r - d[i] - 1e-12);
            hi[i] = (int) Math.floor(r - d[i] + 1e-12);
        }
        for (int i = lo[0]; i <= hi[0]; i++) {
            for (int j = lo[1]; j <= hi[1]; j++) {
                for (int k = lo[2]; k <= hi[2]; k++) {
                    double fx = d[0] + i, fy = d[1] + j, fz = d[2] + k;
                    double x = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
                    double y = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
                    double z = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
                    double dist = Math.sqrt(x * x + y * y + z * z);
                    if (dist < best) {
                        best = dist;
                    }
                }
            }
        }
        return best;
    }

    /** True when lengths and angles agree within the tolerances (Å, degrees). */
    public boolean almostEquals(Lattice o, double lengthTol, double angleTol) {
        double[] p = parameters(), q = o.parameters();
        for (int i = 0; i < 6; i++) {
            if (Math.abs(p[i] - q[i]) > (i < 3 ? lengthTol : angleTol)) {
                return false;
            }
        }
        return true;
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double angle(double[] u, double[] v) {
        double c = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    private static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private static double[][] invert(double[][] a) {
        double d = det(a);
        if (!(Math.abs(d) > 1e-12) || !Double.isFinite(d)) {
            throw new IllegalArgumentException("lattice vectors are degenerate (volume " + Math.abs(d) + " Å³)");
        }
        double[][] r = new double[3][3];
        r[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / d;
        r[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / d;
        r[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / d;
        r[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / d;
        r[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / d;
        r[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / d;
        r[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / d;
        r[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / d;
        r[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / d;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice l && Arrays.deepEquals(m, l.m);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(m);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Lattice(a=%.4f b=%.4f c=%.4f alpha=%.3f beta=%.3f gamma=%.3f)",
            a(), b(), c(), alpha(), beta(), gamma());
    }
}
