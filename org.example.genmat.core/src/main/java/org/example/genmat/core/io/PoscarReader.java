package org.example.genmat.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Species;

/**
 * Reads VASP POSCAR / CONTCAR files: VASP 5 with a species line, VASP 4 with the species given by
 * the caller (or, failing that, named on the comment line), one scale factor (negative = target
 * cell volume in Å³) or three per-axis factors, Direct or Cartesian coordinates, optional
 * Selective dynamics (the T/F flags are read and dropped). Velocities and predictor blocks after
 * the coordinates are ignored. Never throws for bad input: one error record names the line.
 */
public final class PoscarReader {

    private PoscarReader() {
    }

    /** Reads a POSCAR file (VASP 5, or VASP 4 with species on the comment line). */
    public static List<CrystalRecord> read(Path file) {
        return read(file, null);
    }

    /** Reads a POSCAR file; {@code species} names the elements of a VASP 4 file in order (null: from the file). */
    public static List<CrystalRecord> read(Path file, List<String> species) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            return read(CifReader.readText(file), name, species);
        } catch (IOException e) {
            return List.of(CrystalRecord.failed(name, name + ": cannot read file: " + e.getMessage()));
        }
    }

    /** Reads POSCAR text. */
    public static List<CrystalRecord> read(String text, String sourceName) {
        return read(text, sourceName, null);
    }

    /** Reads POSCAR text; {@code species} names the elements of a VASP 4 file in order (null: from the file). */
    public static List<CrystalRecord> read(String text, String sourceName, List<String> species) {
        String src = sourceName == null ? "" : sourceName;
        try {
            Crystal c = parse(text == null ? "" : text, src, species);
            return List.of(CrystalRecord.of(c, ""));
        } catch (CifException e) {
            return List.of(CrystalRecord.failed(src, src + ": " + e.describe()));
        } catch (RuntimeException e) {
            return List.of(CrystalRecord.failed(src, src + ": " + CifReader.describe(e)));
        }
    }

    /** True when the text looks like a POSCAR (numbers where the scale and lattice must be). */
    static boolean looksLikePoscar(String text) {
        String[] lines = text.split("\\R", 6);
        if (lines.length < 6) {
            return false;
        }
        if (tokens(lines[1]).length != 1 && tokens(lines[1]).length != 3) {
            return false;
        }
        for (int i = 1; i < 5; i++) {
            for (String t : tokens(lines[i])) {
                if (Double.isNaN(CifNumbers.parse(t))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Crystal parse(String text, String src, List<String> givenSpecies) throws CifException {
        String[] lines = text.split("\\R");
        int[] at = {0};
        if (lines.length < 7) {
            throw new CifException(0, "too short for a POSCAR (" + lines.length + " lines; needs comment, scale, 3 lattice"
                + " vectors, counts, coordinate mode and positions)");
        }
        String comment = lines[0].trim();
        at[0] = 1;
        String[] scaleTok = tokens(lines[1]);
        double[] scale;
        if (scaleTok.length == 1 || (scaleTok.length > 1 && Double.isNaN(CifNumbers.parse(scaleTok[1])))) {
            double s = number(scaleTok[0], 2, "scale factor");
            scale = new double[] {s, s, s};
        } else if (scaleTok.length >= 3) {
            scale = new double[] {number(scaleTok[0], 2, "scale factor"), number(scaleTok[1], 2, "scale factor"),
                number(scaleTok[2], 2, "scale factor")};
            if (scale[0] <= 0 || scale[1] <= 0 || scale[2] <= 0) {
                throw new CifException(2, "three scale factors must all be positive");
            }
        } else {
            throw new CifException(2, "missing scale factor");
        }
        if (scale[0] == 0) {
            throw new CifException(2, "scale factor is 0");
        }
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            String[] t = tokens(lines[2 + i]);
            if (t.length < 3) {
                throw new CifException(3 + i, "lattice vector needs 3 numbers, found " + t.length);
            }
            for (int j = 0; j < 3; j++) {
                m[i][j] = number(t[j], 3 + i, "lattice vector component");
            }
        }
        if (scale[0] > 0) {
            // edges checked before the lattice is built: a cube of 1e-5 Å would be refused as "degenerate"
            requireCellEdges(m, scale);
        }
        Lattice unscaled;
        try {
            unscaled = Lattice.fromMatrix(m);
        } catch (IllegalArgumentException e) {
            throw new CifException(3, e.getMessage());
        }
        double[] factor = scale.clone();
        if (scale[0] < 0) {
            // negative scale = the cell volume wanted
            double f = Math.cbrt(-scale[0] / unscaled.volume());
            factor = new double[] {f, f, f};
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // VASP applies three factors to the Cartesian x, y, z components
                m[i][j] *= factor[scale[0] < 0 ? 0 : j];
            }
        }
        if (scale[0] < 0) {
            // a positive scale's edges were checked before the unscaled lattice was built
            requireCellEdges(m, new double[] {1, 1, 1});
        }
        Lattice lattice;
        try {
            lattice = Lattice.fromMatrix(m);
        } catch (IllegalArgumentException e) {
            throw new CifException(3, e.getMessage());
        }
        CifReader.checkVolume(lattice, 3);
        int li = 5; // 0-based index of the line after the lattice
        String[] t = tokens(lines[li]);
        List<String> speciesNames = null;
        if (t.length > 0 && Double.isNaN(CifNumbers.parse(t[0]))) {
            speciesNames = new ArrayList<>();
            for (String s : t) {
                speciesNames.add(s);
            }
            li++;
        }
        if (li >= lines.length) {
            throw new CifException(li + 1, "missing the line of atom counts");
        }
        String[] countTok = tokens(lines[li]);
        int[] counts = new int[countTok.length];
        int total = 0;
        long claimed = 0;
        for (int i = 0; i < countTok.length; i++) {
            double v = number(countTok[i], li + 1, "atom count");
            if (v < 0 || v != Math.rint(v)) {
                throw new CifException(li + 1, "atom count '" + Messages.value(countTok[i]) + "' is not a whole number >= 0");
            }
            claimed += (long) Math.min(v, 1e15);
            if (claimed > CifReader.MAX_SITES || claimed > lines.length) {
                // one line per atom: a count beyond the file's lines is a damaged (or hostile) header
                throw new CifException(li + 1, "atom counts claim " + (long) Math.min(claimed, 1e15) + "+ atoms but "
                    + (claimed > CifReader.MAX_SITES ? "at most " + CifReader.MAX_SITES + " are read"
                    : "the file has only " + lines.length + " lines"));
            }
            counts[i] = (int) v;
            total += counts[i];
        }
        if (counts.length == 0 || total == 0) {
            throw new CifException(li + 1, "no atoms (empty line of atom counts)");
        }
        int countsLine = li + 1;
        li++;
        if (speciesNames == null) {
            if (givenSpecies != null && !givenSpecies.isEmpty()) {
                speciesNames = givenSpecies;
            } else {
                // VASP 4 files often name the species on the comment line
                String[] c = tokens(comment);
                List<String> guess = new ArrayList<>();
                for (String s : c) {
                    if (speciesOf(s) != null) {
                        guess.add(s);
                    } else {
                        break;
                    }
                }
                if (guess.size() != counts.length) {
                    throw new CifException(countsLine, "VASP 4 file without a species line: give the species (e.g. --species Fe,O)"
                        + " for the " + counts.length + " counts");
                }
                speciesNames = guess;
            }
        }
        if (speciesNames.size() != counts.length) {
            throw new CifException(countsLine, speciesNames.size() + " species " + Messages.value(speciesNames.toString())
                + " but " + counts.length + " atom counts");
        }
        Element[] elements = new Element[counts.length];
        for (int i = 0; i < counts.length; i++) {
            Element e = speciesOf(speciesNames.get(i));
            if (e == null) {
                throw new CifException(countsLine - 1, "unknown element '" + Messages.value(speciesNames.get(i)) + "'");
            }
            elements[i] = e;
        }
        if (li >= lines.length) {
            throw new CifException(li + 1, "missing the coordinate mode line (Direct or Cartesian)");
        }
        String mode = lines[li].trim();
        if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
            li++; // Selective dynamics
            if (li >= lines.length) {
                throw new CifException(li + 1, "missing the coordinate mode line (Direct or Cartesian)");
            }
            mode = lines[li].trim();
        }
        boolean cartesian;
        if (mode.isEmpty()) {
            throw new CifException(li + 1, "empty coordinate mode line; expected Direct or Cartesian");
        }
        char mc = Character.toLowerCase(mode.charAt(0));
        if (mc == 'c' || mc == 'k') {
            cartesian = true;
        } else if (mc == 'd') {
            cartesian = false;
        } else {
            throw new CifException(li + 1, "coordinate mode '" + Messages.value(mode) + "' is neither Direct nor Cartesian");
        }
        li++;
        List<CifReader.AsymSite> atoms = new ArrayList<>(total);
        int kind = 0, left = counts[0];
        for (int k = 0; k < total; k++) {
            while (left == 0) {
                left = counts[++kind];
            }
            int ln = li + k;
            if (ln >= lines.length) {
                throw new CifException(ln + 1, "file ends after " + k + " of " + total + " atom positions");
            }
            String[] p = tokens(lines[ln]);
            if (p.length < 3) {
                throw new CifException(ln + 1, "atom position needs 3 numbers, found '" + Messages.value(lines[ln].trim()) + "'");
            }
            double[] x = {number(p[0], ln + 1, "coordinate"), number(p[1], ln + 1, "coordinate"),
                number(p[2], ln + 1, "coordinate")};
            double[] f;
            if (cartesian) {
                for (int j = 0; j < 3; j++) {
                    x[j] *= factor[scale[0] < 0 ? 0 : j];
                }
                f = lattice.toFractional(x);
            } else {
                f = x;
            }
            for (double v : f) {
                if (!(Math.abs(v) <= CifReader.MAX_COORDINATE)) {
                    throw new CifException(ln + 1, "atom position '" + Messages.value(lines[ln].trim()) + "' lies beyond "
                        + (int) CifReader.MAX_COORDINATE + " cells from the origin");
                }
            }
            atoms.add(new CifReader.AsymSite(Species.of(elements[kind]), 1.0, f, elements[kind].symbol() + (k + 1), ln + 1));
            left--;
        }
        // the atoms placed in the cell by the CIF readers' rule: two at one position (within
        // CifReader.DUPLICATE_TOLERANCE Å) are refused, naming both, as in a CIF or a P1 CIF
        return new Crystal(lattice, CifReader.expand(atoms, List.of(SymmetryOperation.IDENTITY), lattice), src);
    }

    /**
     * True when a name a user gives for a VASP 4 species (Read Crystals' species, {@code genmat read --species}) names
     * an element the way a POSCAR does; checked with the settings, so an unknown name is refused as that setting's
     * problem, not as a line of every file read.
     */
    public static boolean isSpecies(String name) {
        return name != null && speciesOf(name.trim()) != null;
    }

    /** Element of a POTCAR-style name: {@code Fe}, {@code Fe_pv}, {@code Fe/3d4f9a}, {@code Fe_sv_GW}. */
    private static Element speciesOf(String name) {
        String s = name;
        int cut = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' || c == '/' || c == '.') {
                cut = i;
                break;
            }
        }
        String sym = s.substring(0, cut);
        if (sym.isEmpty() || sym.length() > 2) {
            return null;
        }
        return Element.find(sym).orElseGet(() -> Element.findIgnoreCase(sym).orElse(null));
    }

    private static double number(String t, int line, String what) throws CifException {
        double v = CifNumbers.parse(t);
        if (!Double.isFinite(v) || t.indexOf('(') >= 0) {
            throw new CifException(line, what + " '" + Messages.value(t) + "' is not a " + (Double.isNaN(v) ? "number" : "finite number"));
        }
        return v;
    }

    private static String[] tokens(String line) {
        String s = line;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int bang = s.indexOf('!');
        if (bang >= 0) {
            s = s.substring(0, bang);
        }
        s = s.trim();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    /**
     * Refuses a lattice vector whose length, with VASP's three Cartesian factors applied, no cell edge has: the CIF
     * reader's limits ({@link CifReader#isCellLength}), so that a POSCAR and a CIF of one cell get one verdict.
     */
    private static void requireCellEdges(double[][] m, double[] factor) throws CifException {
        for (int i = 0; i < 3; i++) {
            double x = m[i][0] * factor[0], y = m[i][1] * factor[1], z = m[i][2] * factor[2];
            double length = Math.sqrt(x * x + y * y + z * z);
            if (!CifReader.isCellLength(length)) {
                throw new CifException(3 + i, "lattice vector " + (i + 1) + " (" + org.example.genmat.core.crystal.Numbers.forMessage(length)
                    + " Å long)" + CifReader.NOT_A_CELL_LENGTH);
            }
        }
    }
}
