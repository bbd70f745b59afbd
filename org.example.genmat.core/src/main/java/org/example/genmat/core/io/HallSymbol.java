package org.example.genmat.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates a space group's operations from its Hall symbol (S. R. Hall, Acta Cryst. A37 (1981)
 * 517; the explicit-origin notation of International Tables B, §1.4), e.g. {@code -P 2ac 2n},
 * {@code -F 4vw 2vw 3}, {@code P 61 2 (0 0 -1)}. Written from the published rules: lattice symbol
 * with optional centrosymmetry, up to four rotation symbols with default axes, translation
 * symbols, and an optional origin shift in twelfths. The group is closed under composition.
 */
final class HallSymbol {

    private HallSymbol() {
    }

    // rotations about z (proper); x and y follow by cyclic permutation of the axes
    private static final int[][] ROT_Z = {
        null,
        {1, 0, 0, 0, 1, 0, 0, 0, 1},      // 1
        {-1, 0, 0, 0, -1, 0, 0, 0, 1},    // 2
        {0, -1, 0, 1, -1, 0, 0, 0, 1},    // 3
        {0, -1, 0, 1, 0, 0, 0, 0, 1},     // 4
        null,
        {1, -1, 0, 1, 0, 0, 0, 0, 1}};    // 6
    private static final int[] TWO_PRIME_Z = {0, -1, 0, -1, 0, 0, 0, 0, -1};  // axis [1-10]
    private static final int[] TWO_DPRIME_Z = {0, 1, 0, 1, 0, 0, 0, 0, -1};   // axis [110]
    private static final int[] THREE_STAR = {0, 0, 1, 1, 0, 0, 0, 1, 0};      // axis [111]

    /** Operations of the group (with lattice centring translations), or throws IllegalArgumentException. */
    static List<SymmetryOperation> operations(String symbol) {
        String s = symbol.trim().replace('_', ' ');
        // origin shift "(0 0 1)" in twelfths
        double[] shift = new double[3];
        int paren = s.indexOf('(');
        if (paren >= 0) {
            int close = s.indexOf(')', paren);
            if (close < 0) {
                throw new IllegalArgumentException("Hall symbol '" + symbol + "': unclosed '('");
            }
            String[] v = s.substring(paren + 1, close).trim().split("[\\s,]+");
            if (v.length != 3) {
                throw new IllegalArgumentException("Hall symbol '" + symbol + "': origin shift needs 3 numbers");
            }
            for (int i = 0; i < 3; i++) {
                shift[i] = Integer.parseInt(v[i]) / 12.0;
            }
            s = s.substring(0, paren).trim();
        }
        String[] tokens = s.split("\\s+");
        if (tokens.length == 0 || tokens[0].isEmpty()) {
            throw new IllegalArgumentException("empty Hall symbol");
        }
        List<SymmetryOperation> gens = new ArrayList<>();
        String lat = tokens[0];
        boolean centric = lat.startsWith("-");
        if (centric) {
            lat = lat.substring(1);
        }
        if (lat.length() != 1) {
            throw new IllegalArgumentException("Hall symbol '" + symbol + "': bad lattice symbol '" + tokens[0] + "'");
        }
        for (double[] t : centring(Character.toUpperCase(lat.charAt(0)), symbol)) {
            gens.add(new SymmetryOperation(ROT_Z[1], t));
        }
        if (centric) {
            gens.add(new SymmetryOperation(new int[] {-1, 0, 0, 0, -1, 0, 0, 0, -1}, new double[3]));
        }
        int prevOrder = 0;
        char prevAxis = 'z';
        for (int i = 1; i < tokens.length; i++) {
            String tk = tokens[i].toLowerCase(Locale.ROOT);
            int p = 0;
            boolean improper = false;
            if (tk.charAt(p) == '-') {
                improper = true;
                p++;
            }
            if (p >= tk.length() || "12346".indexOf(tk.charAt(p)) < 0) {
                throw new IllegalArgumentException("Hall symbol '" + symbol + "': bad rotation '" + tokens[i] + "'");
            }
            int order = tk.charAt(p++) - '0';
            char axis = 0;
            int screw = 0;
            double[] t = new double[3];
            for (; p < tk.length(); p++) {
                char c = tk.charAt(p);
                switch (c) {
                    case 'x', 'y', 'z', '\'', '"', '*' -> axis = c;
                    case 'a' -> t[0] += 0.5;
                    case 'b' -> t[1] += 0.5;
                    case 'c' -> t[2] += 0.5;
                    case 'n' -> {
                        t[0] += 0.5;
                        t[1] += 0.5;
                        t[2] += 0.5;
                    }
                    case 'u' -> t[0] += 0.25;
                    case 'v' -> t[1] += 0.25;
                    case 'w' -> t[2] += 0.25;
                    case 'd' -> {
                        t[0] += 0.25;
                        t[1] += 0.25;
                        t[2] += 0.25;
                    }
                    case '1', '2', '3', '4', '5' -> screw = c - '0';
                    default -> throw new IllegalArgumentException("Hall symbol '" + symbol + "': bad character '" + c
                        + "' in '" + tokens[i] + "'");
                }
            }
            int index = i - 1;
            if (axis == 0) {
                if (index == 0) {
                    axis = 'z';
                } else if (index == 1 && order == 2) {
                    axis = prevOrder == 2 || prevOrder == 4 ? 'x' : '\'';
                } else if (index == 2 && order == 3) {
                    axis = '*';
                } else if (order == 1) {
                    axis = 'z';
                } else {
                    throw new IllegalArgumentException("Hall symbol '" + symbol + "': axis of '" + tokens[i] + "' cannot be implied");
                }
            }
            int[] rot;
            char principal;
            if (axis == '\'' || axis == '"') {
                if (order != 2) {
                    throw new IllegalArgumentException("Hall symbol '" + symbol + "': only 2-fold axes can be primed");
                }
                rot = permute(axis == '\'' ? TWO_PRIME_Z : TWO_DPRIME_Z, prevAxis);
                principal = 0;
            } else if (axis == '*') {
                if (order != 3) {
                    throw new IllegalArgumentException("Hall symbol '" + symbol + "': only 3-fold axes lie along *");
                }
                rot = THREE_STAR;
                principal = 0;
            } else {
                rot = permute(ROT_Z[order], axis);
                principal = axis;
            }
            if (screw > 0) {
                if (principal == 0) {
                    throw new IllegalArgumentException("Hall symbol '" + symbol + "': screw on a diagonal axis");
                }
                t["xyz".indexOf(principal)] += (double) screw / order;
            }
            if (improper) {
                rot = rot.clone();
                for (int k = 0; k < 9; k++) {
                    rot[k] = -rot[k];
                }
            }
            gens.add(new SymmetryOperation(rot, t));
            if (principal != 0) {
                prevAxis = principal;
            }
            prevOrder = order;
        }
        List<SymmetryOperation> group = close(gens, symbol);
        if (shift[0] != 0 || shift[1] != 0 || shift[2] != 0) {
            List<SymmetryOperation> shifted = new ArrayList<>(group.size());
            for (SymmetryOperation op : group) {
                int[] r = op.rotation();
                double[] t = op.translation();
                // change of origin: t' = t + (I - R) v
                for (int k = 0; k < 3; k++) {
                    t[k] += shift[k] - (r[3 * k] * shift[0] + r[3 * k + 1] * shift[1] + r[3 * k + 2] * shift[2]);
                }
                shifted.add(new SymmetryOperation(r, t).normalised());
            }
            group = shifted;
        }
        return group;
    }

    private static List<double[]> centring(char lattice, String symbol) {
        double h = 0.5, t1 = 1.0 / 3, t2 = 2.0 / 3;
        return switch (lattice) {
            case 'P' -> List.of();
            case 'A' -> List.<double[]>of(new double[] {0, h, h});
            case 'B' -> List.<double[]>of(new double[] {h, 0, h});
            case 'C' -> List.<double[]>of(new double[] {h, h, 0});
            case 'I' -> List.<double[]>of(new double[] {h, h, h});
            case 'F' -> List.of(new double[] {0, h, h}, new double[] {h, 0, h}, new double[] {h, h, 0});
            case 'R' -> List.of(new double[] {t2, t1, t1}, new double[] {t1, t2, t2});
            case 'S' -> List.of(new double[] {t1, t1, t2}, new double[] {t2, t2, t1});
            case 'T' -> List.of(new double[] {t1, t2, t1}, new double[] {t2, t1, t2});
            default -> throw new IllegalArgumentException("Hall symbol '" + symbol + "': unknown lattice '" + lattice + "'");
        };
    }

    /** The z-axis matrix carried to the x or y axis by cyclic permutation of coordinates. */
    private static int[] permute(int[] rz, char axis) {
        int steps = switch (axis) {
            case 'z' -> 0;
            case 'x' -> 1;
            case 'y' -> 2;
            default -> throw new IllegalArgumentException("bad axis " + axis);
        };
        int[] r = rz;
        for (int s = 0; s < steps; s++) {
            // P maps e3->e1, e1->e2, e2->e3; R' = P R P^T
            int[] q = new int[9];
            int[] perm = {1, 2, 0}; // new index of old coordinate i
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    q[3 * perm[i] + perm[j]] = r[3 * i + j];
                }
            }
            r = q;
        }
        return r;
    }

    /** Closes the generators into the full group, translations modulo 1. */
    static List<SymmetryOperation> close(List<SymmetryOperation> gens, String symbol) {
        List<SymmetryOperation> group = new ArrayList<>();
        group.add(SymmetryOperation.IDENTITY);
        for (int i = 0; i < group.size(); i++) {
            for (SymmetryOperation g : gens) {
                SymmetryOperation p = g.compose(group.get(i)).normalised();
                boolean seen = false;
                for (SymmetryOperation q : group) {
                    if (q.sameModuloLattice(p)) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) {
                    group.add(p);
                    if (group.size() > 192) {
                        throw new IllegalArgumentException("Hall symbol '" + symbol + "' does not generate a space group");
                    }
                }
            }
        }
        return group;
    }
}
