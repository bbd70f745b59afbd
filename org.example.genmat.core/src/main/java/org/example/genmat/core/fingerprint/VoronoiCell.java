package org.example.genmat.core.fingerprint;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;

/**
 * The Voronoi cell of one site of a periodic crystal among all sites (and their periodic images)
 * within a search radius: the intersection of the half-spaces closer to the centre than to each
 * other point, as VoronoiNN builds it with qhull. Built by clipping a large box with one bisector
 * plane per point, closest first. Where the cell is not closed by the points in the radius (a
 * face of the box survives) the radius doubles, up to the cell's longest diagonal, as in
 * VoronoiNN. Faces of zero area (neighbours that touch the cell at an edge or corner) are dropped:
 * their solid angle is zero, so they never count as neighbours.
 */
final class VoronoiCell {

    /** One face of the cell: the neighbour across it (site index, Cartesian position) and its geometry. */
    record Facet(int site, double[] position, double solidAngle, double area, double distance) {
    }

    private static final double BOX = 200; // Å, half the edge of the starting box
    private static final double EPS = 1e-9; // Å, points this close to a plane lie on it

    private VoronoiCell() {
    }

    /**
     * Facets of the cell of site {@code n}, neighbours with non-zero face area only.
     *
     * @throws IllegalArgumentException when another site sits on the centre (no cell exists)
     */
    static List<Facet> facets(Crystal crystal, int n, double searchRadius) {
        Lattice lat = crystal.lattice();
        double[] centre = lat.toCartesian(crystal.sites().get(n).frac());
        double maxRadius = 0;
        for (int[] c : new int[][] {{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}}) {
            double[] x = lat.toCartesian(new double[] {c[0], c[1], c[2]});
            maxRadius = Math.max(maxRadius, Math.sqrt(dot(x, x)));
        }
        maxRadius += 0.01;
        double radius = searchRadius;
        while (true) {
            List<Facet> result = tryRadius(crystal, n, centre, radius);
            if (result != null) {
                return result;
            }
            if (radius >= maxRadius) {
                throw new IllegalArgumentException("Voronoi cell of site " + (n + 1) + " is not closed within " + radius + " Å");
            }
            radius = Math.min(radius * 2, maxRadius + 0.001);
        }
    }

    private static List<Facet> tryRadius(Crystal crystal, int n, double[] centre, double radius) {
        Lattice lat = crystal.lattice();
        List<double[]> points = new ArrayList<>(); // relative Cartesian position + site index
        double[] fc = crystal.sites().get(n).frac();
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.ceil(radius / lat.planeSpacing(a)) + 1;
        }
        double r2 = radius * radius;
        for (int s = 0; s < crystal.numSites(); s++) {
            double[] f = crystal.sites().get(s).frac();
            int[] base = new int[3];
            for (int a = 0; a < 3; a++) {
                base[a] = (int) Math.rint(fc[a] - f[a]);
            }
            for (int i = base[0] - reach[0]; i <= base[0] + reach[0]; i++) {
                for (int j = base[1] - reach[1]; j <= base[1] + reach[1]; j++) {
                    for (int k = base[2] - reach[2]; k <= base[2] + reach[2]; k++) {
                        if (s == n && i == 0 && j == 0 && k == 0) {
                            continue;
                        }
                        double[] x = lat.toCartesian(new double[] {f[0] + i, f[1] + j, f[2] + k});
                        double[] d = {x[0] - centre[0], x[1] - centre[1], x[2] - centre[2]};
                        double dd = dot(d, d);
                        if (dd <= r2) {
                            if (dd < 1e-16) {
                                throw new IllegalArgumentException("sites " + (n + 1) + " and " + (s + 1) + " coincide");
                            }
                            points.add(new double[] {d[0], d[1], d[2], s, dd});
                        }
                    }
                }
            }
        }
        points.sort((p, q) -> Double.compare(p[4], q[4]));
        Polyhedron cell = Polyhedron.box(BOX);
        for (int p = 0; p < points.size(); p++) {
            double[] q = points.get(p);
            double half = Math.sqrt(q[4]) / 2;
            if (half > cell.maxNorm() + EPS) {
                break; // sorted by distance: no later plane can cut either
            }
            cell.clip(new double[] {q[0], q[1], q[2]}, p);
        }
        if (cell.touchesBox()) {
            return null;
        }
        List<Facet> out = new ArrayList<>();
        for (Polyhedron.Face face : cell.faces) {
            double[] q = points.get(face.tag);
            double area = face.area();
            double angle = face.solidAngle();
            if (!(area > 0) || !(angle > 0)) {
                continue;
            }
            double[] pos = {q[0] + centre[0], q[1] + centre[1], q[2] + centre[2]};
            out.add(new Facet((int) q[3], pos, angle, area, Math.sqrt(q[4])));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no Voronoi neighbours for site " + (n + 1));
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** A convex polyhedron around the origin as a list of planar faces (vertices in cyclic order). */
    static final class Polyhedron {

        static final class Face {
            final int tag; // index of the point whose bisector made the face; -1 for the box
            List<double[]> vertices;

            Face(int tag, List<double[]> vertices) {
                this.tag = tag;
                this.vertices = vertices;
            }

            double area() {
                double[] s = new double[3];
                double[] v0 = vertices.get(0);
                for (int i = 1; i + 1 < vertices.size(); i++) {
                    double[] c = cross(sub(vertices.get(i), v0), sub(vertices.get(i + 1), v0));
                    s[0] += c[0];
                    s[1] += c[1];
                    s[2] += c[2];
                }
                return Math.sqrt(dot(s, s)) / 2;
            }

            /** Solid angle seen from the origin: a fan of triangles (Van Oosterom and Strackee 1983). */
            double solidAngle() {
                double[] r0 = vertices.get(0);
                double n0 = Math.sqrt(dot(r0, r0));
                double total = 0;
                for (int i = 1; i + 1 < vertices.size(); i++) {
                    double[] ri = vertices.get(i), rj = vertices.get(i + 1);
                    double ni = Math.sqrt(dot(ri, ri)), nj = Math.sqrt(dot(rj, rj));
                    double tp = Math.abs(dot(r0, cross(ri, rj)));
                    double de = n0 * ni * nj + nj * dot(r0, ri) + ni * dot(r0, rj) + n0 * dot(ri, rj);
                    total += 2 * Math.atan2(tp, de);
                }
                return total;
            }
        }

        final List<Face> faces = new ArrayList<>();
        private double maxNorm;

        static Polyhedron box(double h) {
            Polyhedron p = new Polyhedron();
            double[][] corner = new double[8][];
            for (int c = 0; c < 8; c++) {
                corner[c] = new double[] {(c & 1) == 0 ? -h : h, (c & 2) == 0 ? -h : h, (c & 4) == 0 ? -h : h};
            }
            int[][] quads = {{0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}};
            for (int[] q : quads) {
                List<double[]> v = new ArrayList<>();
                for (int i : q) {
                    v.add(corner[i]);
                }
                p.faces.add(new Face(-1, v));
            }
            p.maxNorm = h * Math.sqrt(3);
            return p;
        }

        double maxNorm() {
            return maxNorm;
        }

        boolean touchesBox() {
            for (Face f : faces) {
                if (f.tag < 0 && f.area() > 1e-12) {
                    return true;
                }
            }
            return false;
        }

        /** Keeps the half-space {x : x·q ≤ |q|²/2} (points closer to the origin than to q). */
        void clip(double[] q, int tag) {
            double qn = Math.sqrt(dot(q, q));
            double offset = qn / 2;
            boolean cuts = false;
            for (Face f : faces) {
                for (double[] v : f.vertices) {
                    if (dot(v, q) / qn - offset > EPS) {
                        cuts = true;
                        break;
                    }
                }
                if (cuts) {
                    break;
                }
            }
            if (!cuts) {
                return;
            }
            List<double[]> onPlane = new ArrayList<>();
            List<Face> kept = new ArrayList<>();
            for (Face f : faces) {
                List<double[]> out = new ArrayList<>();
                int m = f.vertices.size();
                for (int i = 0; i < m; i++) {
                    double[] a = f.vertices.get(i), b = f.vertices.get((i + 1) % m);
                    double sa = dot(a, q) / qn - offset, sb = dot(b, q) / qn - offset;
                    if (sa <= EPS) {
                        out.add(a);
                        if (sa >= -EPS) {
                            onPlane.add(a);
                        }
                    }
                    if ((sa < -EPS && sb > EPS) || (sa > EPS && sb < -EPS)) {
                        double t = sa / (sa - sb);
                        double[] x = {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
                        out.add(x);
                        onPlane.add(x);
                    }
                }
                out = dedupe(out);
                if (out.size() >= 3) {
                    f.vertices = out;
                    kept.add(f);
                }
            }
            faces.clear();
            faces.addAll(kept);
            List<double[]> ring = dedupe(onPlane);
            if (ring.size() >= 3) {
                Face face = new Face(tag, order(ring, q));
                if (face.area() > 1e-14) {
                    faces.add(face);
                }
            }
            maxNorm = 0;
            for (Face f : faces) {
                for (double[] v : f.vertices) {
                    maxNorm = Math.max(maxNorm, Math.sqrt(dot(v, v)));
                }
            }
        }

        private static List<double[]> dedupe(List<double[]> pts) {
            List<double[]> out = new ArrayList<>();
            for (double[] p : pts) {
                boolean seen = false;
                for (double[] o : out) {
                    double[] d = sub(p, o);
                    if (dot(d, d) < EPS * EPS * 100) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) {
                    out.add(p);
                }
            }
            return out;
        }

        /** Points of one plane (normal q) in cyclic order around their centroid. */
        private static List<double[]> order(List<double[]> pts, double[] q) {
            double[] c = new double[3];
            for (double[] p : pts) {
                c[0] += p[0] / pts.size();
                c[1] += p[1] / pts.size();
                c[2] += p[2] / pts.size();
            }
            double[] u = sub(pts.get(0), c);
            double un = Math.sqrt(dot(u, u));
            if (un == 0) {
                u = Math.abs(q[0]) < 0.9 * Math.sqrt(dot(q, q)) ? cross(q, new double[] {1, 0, 0}) : cross(q, new double[] {0, 1, 0});
                un = Math.sqrt(dot(u, u));
            }
            double[] e1 = {u[0] / un, u[1] / un, u[2] / un};
            double[] w = cross(q, e1);
            double wn = Math.sqrt(dot(w, w));
            double[] e2 = {w[0] / wn, w[1] / wn, w[2] / wn};
            List<double[]> sorted = new ArrayList<>(pts);
            sorted.sort((a, b) -> {
                double[] da = sub(a, c), db = sub(b, c);
                return Double.compare(Math.atan2(dot(da, e2), dot(da, e1)), Math.atan2(dot(db, e2), dot(db, e1)));
            });
            return sorted;
        }

        private static double[] sub(double[] a, double[] b) {
            return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
        }
    }
}
