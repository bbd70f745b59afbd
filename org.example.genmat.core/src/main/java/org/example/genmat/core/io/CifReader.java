package org.example.genmat.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;

/**
 * Reads CIF text into crystals, one {@link CrystalRecord} per data block, with the full unit cell:
 * every atom site is expanded by the symmetry operations (given explicitly, or derived from the
 * Hall symbol, the Hermann–Mauguin symbol or the space-group number) and images closer than
 * {@link #DUPLICATE_TOLERANCE} Å (periodic, minimum image) are merged. Partially occupied sites
 * from different labels that fall on one position become one mixed site. Never throws for bad
 * input: problems come back as error records naming the file, the line and the problem.
 */
public final class CifReader {

    /** Images of one site closer than this (Å) are the same atom (special positions, rounded coordinates). */
    public static final double DUPLICATE_TOLERANCE = 0.05;

    /** Fully occupied atoms closer than this (Å) make a symmetry setting implausible (origin-choice test). */
    static final double CLASH_DISTANCE = 0.5;

    private CifReader() {
    }

    /** Reads a CIF file; the source label is the file name plus the data block. */
    public static List<CrystalRecord> read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of(CrystalRecord.failed(name, name + ": cannot read file: " + e.getMessage()));
        }
        return read(data, name);
    }

    /** Reads file bytes as UTF-8, falling back to Latin-1 for the old CIFs that are not UTF-8. */
    static String readText(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    static String decode(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // fastest exact decoder for ASCII
        }
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads CIF text: one record per data block that holds a structure. Blocks with neither a cell
     * nor atom sites (publication data) are skipped; if no block holds a structure, one error
     * record says so.
     */
    public static List<CrystalRecord> read(String cifText, String sourceName) {
        return read(cifText == null ? new byte[0] : cifText.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /** Reads CIF bytes (UTF-8, ASCII or Latin-1); see {@link #read(String, String)}. */
    public static List<CrystalRecord> read(byte[] cifBytes, String sourceName) {
        String file = sourceName == null ? "" : sourceName;
        List<CrystalRecord> out = new ArrayList<>(1);
        if (isBlank(cifBytes)) {
            out.add(CrystalRecord.failed(file, file + ": empty input, no CIF data block"));
            return out;
        }
        CifSyntax.Result parsed = CifSyntax.parse(cifBytes);
        List<CifBlock> blocks = parsed.blocks();
        int metadataOnly = 0;
        for (CifBlock b : blocks) {
            String source = file + "#" + b.name();
            if (!b.has("_atom_site_fract_x") && !b.has("_atom_site_cartn_x") && !b.has("_cell_length_a")) {
                metadataOnly++;
                continue;
            }
            try {
                Block result = readBlock(b, source);
                out.add(CrystalRecord.of(result.crystal, result.spaceGroup));
            } catch (CifException e) {
                out.add(CrystalRecord.failed(source, file + ": " + e.describe()));
            } catch (RuntimeException e) {
                // a bug or an input we did not foresee: still one clean row, never a stack trace
                out.add(CrystalRecord.failed(source, file + ": line " + b.line() + ": " + describe(e)));
            }
        }
        if (parsed.error() != null) {
            String src = file + (parsed.failedBlock() == null || parsed.failedBlock().isEmpty() ? "" : "#" + parsed.failedBlock());
            out.add(CrystalRecord.failed(src, file + ": " + parsed.error().describe()));
        } else if (out.isEmpty()) {
            String why = blocks.isEmpty() ? "no data_ block found (is this a CIF file?)"
                : "no crystal structure in " + metadataOnly + " data block(s): no cell and no atom sites";
            out.add(CrystalRecord.failed(file, file + ": " + why));
        }
        return out;
    }

    private static boolean isBlank(byte[] d) {
        for (byte b : d) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private record Block(Crystal crystal, String spaceGroup) {
    }

    private record AsymSite(Species species, double occupancy, double[] frac, String label, int line) {
    }

    private static Block readBlock(CifBlock b, String source) throws CifException {
        Lattice lattice = readLattice(b);
        List<AsymSite> asym = readSites(b, lattice);
        String hm = b.firstValue("_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt",
            "_space_group_name_h-m_full", "_space_group_name_h-m_ref");
        String hall = b.firstValue("_symmetry_space_group_name_hall", "_space_group_name_hall");
        String numberText = b.firstValue("_symmetry_int_tables_number", "_space_group_it_number");
        Integer number = null;
        double num = CifNumbers.parse(numberText);
        if (num >= 1 && num <= 230 && num == Math.rint(num)) {
            number = (int) num;
        }
        String givenSymbol = hm != null ? hm.trim() : hall != null ? hall.trim() : "";
        String spaceGroup = !givenSymbol.isEmpty() ? givenSymbol : number != null ? Integer.toString(number) : "";

        List<List<SymmetryOperation>> settings = symmetry(b, hm, hall, number, lattice);
        List<Site> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (List<SymmetryOperation> ops : settings) {
            List<Site> sites = expand(asym, ops, lattice);
            if (settings.size() == 1) {
                best = sites;
                break;
            }
            // several candidate settings (origin choice not stated): keep the first without clashing atoms
            double d = shortestFullyOccupied(sites, lattice);
            if (d >= CLASH_DISTANCE) {
                best = sites;
                break;
            }
            if (d > bestScore) {
                bestScore = d;
                best = sites;
            }
        }
        Crystal crystal = new Crystal(lattice, best, givenSymbol.isEmpty() ? null : givenSymbol, number, source);
        return new Block(crystal, spaceGroup);
    }

    private static Lattice readLattice(CifBlock b) throws CifException {
        double[] p = new double[6];
        String[] tags = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta",
            "_cell_angle_gamma"};
        for (int i = 0; i < 6; i++) {
            String v = b.value(tags[i]);
            if (v == null) {
                if (i >= 3) {
                    p[i] = 90; // the CIF core dictionary's default for cell angles
                    continue;
                }
                throw new CifException(b.line(), "data block '" + b.name() + "' has no " + tags[i]);
            }
            p[i] = CifNumbers.parse(v);
            if (Double.isNaN(p[i])) {
                throw new CifException(b.lineOf(tags[i]), tags[i] + " '" + v + "' is not a number");
            }
        }
        try {
            return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (IllegalArgumentException e) {
            throw new CifException(b.lineOf("_cell_length_a"), e.getMessage());
        }
    }

    private static List<AsymSite> readSites(CifBlock b, Lattice lattice) throws CifException {
        boolean cart = false;
        CifBlock.Loop loop = b.loop("_atom_site_fract_x");
        String[] coordTags = {"_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"};
        if (loop == null && b.loop("_atom_site_cartn_x") != null) {
            loop = b.loop("_atom_site_cartn_x");
            coordTags = new String[] {"_atom_site_cartn_x", "_atom_site_cartn_y", "_atom_site_cartn_z"};
            cart = true;
        }
        List<AsymSite> out = new ArrayList<>();
        if (loop == null) {
            if (b.has("_atom_site_fract_x")) {
                // a single site written as items, not a loop
                return singleSite(b, lattice);
            }
            throw new CifException(b.line(), "data block '" + b.name() + "' has no atom sites (_atom_site_fract_x)");
        }
        int cx = loop.column(coordTags[0]), cy = loop.column(coordTags[1]), cz = loop.column(coordTags[2]);
        if (cy < 0 || cz < 0) {
            throw new CifException(loop.line(), "atom site loop lacks " + (cy < 0 ? coordTags[1] : coordTags[2]));
        }
        int cLabel = loop.column("_atom_site_label");
        int cType = loop.column("_atom_site_type_symbol");
        int cOcc = loop.column("_atom_site_occupancy");
        int cFlag = loop.column("_atom_site_calc_flag");
        Map<String, Double> oxidation = oxidationNumbers(b);
        for (int r = 0, rows = loop.rows(); r < rows; r++) {
            int line = loop.lineOf(r);
            String label = cLabel >= 0 ? loop.get(r, cLabel) : null;
            String type = cType >= 0 ? loop.get(r, cType) : null;
            if (cFlag >= 0 && "dum".equalsIgnoreCase(loop.get(r, cFlag))) {
                continue; // dummy atoms (e.g. centroids) are not atoms
            }
            String name = type != null ? type : label;
            String who = label != null ? label : type != null ? type : "#" + (r + 1);
            Species sp = SpeciesNames.parse(name).orElse(null);
            if (sp == null && type != null && label != null) {
                sp = SpeciesNames.parse(label).orElse(null);
            }
            if (name == null) {
                throw new CifException(line, "atom site " + who + " has neither _atom_site_type_symbol nor _atom_site_label,"
                    + " so its element is unknown");
            }
            if (sp == null) {
                throw new CifException(line, "atom site '" + who + "': unknown element '" + name + "'");
            }
            if (!sp.hasOxidationState() && type != null && oxidation.containsKey(type)) {
                sp = new Species(sp.element(), oxidation.get(type));
            }
            double[] f = new double[3];
            int[] cols = {cx, cy, cz};
            for (int k = 0; k < 3; k++) {
                String v = loop.get(r, cols[k]);
                f[k] = CifNumbers.parse(v);
                if (Double.isNaN(f[k])) {
                    throw new CifException(line, "atom site '" + who + "': coordinate " + coordTags[k] + " '"
                        + (v == null ? "?" : v) + "' is not a number");
                }
            }
            if (cart) {
                f = lattice.toFractional(f);
            }
            double occ = 1;
            if (cOcc >= 0) {
                String v = loop.get(r, cOcc);
                if (v != null) {
                    occ = CifNumbers.parse(v);
                    if (Double.isNaN(occ) || occ < 0) {
                        throw new CifException(line, "atom site '" + who + "': occupancy '" + v + "' is not a number >= 0");
                    }
                }
            }
            if (occ == 0) {
                continue; // an empty site adds nothing
            }
            out.add(new AsymSite(sp, occ, f, label == null ? sp.element().symbol() : label, line));
        }
        if (out.isEmpty()) {
            throw new CifException(loop.line(), "atom site loop has no atoms");
        }
        return out;
    }

    private static List<AsymSite> singleSite(CifBlock b, Lattice lattice) throws CifException {
        String label = b.value("_atom_site_label");
        String type = b.value("_atom_site_type_symbol");
        Species sp = SpeciesNames.parse(type != null ? type : label).orElseThrow(
            () -> new CifException(b.lineOf("_atom_site_fract_x"), "atom site: unknown element '" + (type != null ? type : label) + "'"));
        double[] f = new double[3];
        String[] t = {"_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"};
        for (int k = 0; k < 3; k++) {
            f[k] = CifNumbers.parse(b.value(t[k]));
            if (Double.isNaN(f[k])) {
                throw new CifException(b.lineOf(t[k]), t[k] + " is missing or not a number");
            }
        }
        double occ = b.value("_atom_site_occupancy") == null ? 1 : CifNumbers.parse(b.value("_atom_site_occupancy"));
        return List.of(new AsymSite(sp, Double.isNaN(occ) ? 1 : occ, f, label == null ? sp.element().symbol() : label,
            b.lineOf("_atom_site_fract_x")));
    }

    /** {@code _atom_type_symbol} → {@code _atom_type_oxidation_number}. */
    private static Map<String, Double> oxidationNumbers(CifBlock b) {
        List<String> syms = b.column("_atom_type_symbol");
        List<String> ox = b.column("_atom_type_oxidation_number");
        if (syms == null || ox == null || syms.size() != ox.size()) {
            return Map.of();
        }
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < syms.size(); i++) {
            double v = CifNumbers.parse(ox.get(i));
            if (syms.get(i) != null && !Double.isNaN(v)) {
                m.put(syms.get(i), v);
            }
        }
        return m;
    }

    /** Candidate operation sets, most plausible first (two only where the origin choice is not stated). */
    private static List<List<SymmetryOperation>> symmetry(CifBlock b, String hm, String hall, Integer number, Lattice lattice)
        throws CifException {
        for (String tag : new String[] {"_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz"}) {
            List<String> ops = b.column(tag);
            if (ops == null) {
                continue;
            }
            List<SymmetryOperation> list = new ArrayList<>(ops.size());
            for (String op : ops) {
                if (op == null) {
                    continue;
                }
                try {
                    list.add(SymmetryOperation.parseCached(op));
                } catch (IllegalArgumentException e) {
                    throw new CifException(b.lineOf(tag), e.getMessage());
                }
            }
            if (!list.isEmpty()) {
                return List.of(list);
            }
        }
        String system = b.firstValue("_space_group_it_coordinate_system_code");
        if (hall != null && !hall.isBlank()) {
            Optional<List<SymmetryOperation>> ops = SpaceGroups.fromHall(hall);
            if (ops.isPresent()) {
                return List.of(ops.get());
            }
        }
        if (hm != null && !hm.isBlank()) {
            List<List<SymmetryOperation>> c = SpaceGroups.fromHermannMauguin(hm, system, lattice);
            if (!c.isEmpty()) {
                return c;
            }
        }
        if (number != null) {
            List<List<SymmetryOperation>> c = SpaceGroups.fromNumber(number, system, lattice);
            if (!c.isEmpty()) {
                return c;
            }
        }
        if (hall != null && !hall.isBlank()) {
            throw new CifException(b.lineOf("_symmetry_space_group_name_hall"), "unknown Hall symbol '" + hall + "'");
        }
        if (hm != null && !hm.isBlank() && !hm.trim().equals("?")) {
            throw new CifException(b.lineOf(b.has("_symmetry_space_group_name_h-m") ? "_symmetry_space_group_name_h-m"
                : "_space_group_name_h-m_alt"), "unknown space group '" + hm + "' and no symmetry operations given");
        }
        return List.of(List.of(SymmetryOperation.IDENTITY)); // nothing stated: P1
    }

    /**
     * Applies every operation to every asymmetric site, wraps into [0, 1), drops images within
     * {@link #DUPLICATE_TOLERANCE} of one already placed for the same site, and merges partially
     * occupied sites of different labels that share a position.
     */
    static List<Site> expand(List<AsymSite> asym, List<SymmetryOperation> ops, Lattice lattice) {
        double[][] m = lattice.matrix();
        double tol2 = DUPLICATE_TOLERANCE * DUPLICATE_TOLERANCE;
        List<double[]> positions = new ArrayList<>();
        List<AsymSite> owners = new ArrayList<>();
        double[] img = new double[3];
        for (AsymSite a : asym) {
            int first = positions.size();
            for (SymmetryOperation op : ops) {
                op.applyWrapped(a.frac, img);
                boolean dup = false;
                for (int k = first; k < positions.size(); k++) {
                    if (close(positions.get(k), img, m, tol2)) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    positions.add(img.clone());
                    owners.add(a);
                }
            }
        }
        List<Site> sites = new ArrayList<>(positions.size());
        boolean[] merged = new boolean[positions.size()];
        for (int i = 0; i < positions.size(); i++) {
            if (merged[i]) {
                continue;
            }
            AsymSite a = owners.get(i);
            Map<Species, Double> species = new LinkedHashMap<>(2);
            species.put(a.species, a.occupancy);
            double total = a.occupancy;
            if (a.occupancy < 1 - 1e-6) {
                // disorder: other partially occupied labels on the same spot share this site
                for (int j = i + 1; j < positions.size(); j++) {
                    AsymSite o = owners.get(j);
                    if (!merged[j] && o != a && o.occupancy < 1 - 1e-6 && total + o.occupancy <= 1 + 1e-3
                        && close(positions.get(i), positions.get(j), m, tol2)) {
                        species.merge(o.species, o.occupancy, Double::sum);
                        total += o.occupancy;
                        merged[j] = true;
                    }
                }
            }
            sites.add(new Site(species, positions.get(i), a.label));
        }
        return sites;
    }

    private static boolean close(double[] p, double[] q, double[][] m, double tol2) {
        double dx = q[0] - p[0], dy = q[1] - p[1], dz = q[2] - p[2];
        dx -= Math.rint(dx);
        dy -= Math.rint(dy);
        dz -= Math.rint(dz);
        double x = dx * m[0][0] + dy * m[1][0] + dz * m[2][0];
        double y = dx * m[0][1] + dy * m[1][1] + dz * m[2][1];
        double z = dx * m[0][2] + dy * m[1][2] + dz * m[2][2];
        return x * x + y * y + z * z < tol2;
    }

    /** Shortest distance between two fully occupied sites (partial sites may legitimately overlap). */
    private static double shortestFullyOccupied(List<Site> sites, Lattice lattice) {
        double best = Double.POSITIVE_INFINITY;
        List<double[]> f = new ArrayList<>();
        for (Site s : sites) {
            if (s.totalOccupancy() >= 1 - 1e-6) {
                f.add(s.frac());
            }
        }
        for (int i = 0; i < f.size(); i++) {
            for (int j = i + 1; j < f.size(); j++) {
                best = Math.min(best, lattice.minimumImageDistance(f.get(i), f.get(j)));
                if (best < CLASH_DISTANCE) {
                    return best;
                }
            }
        }
        return best;
    }
}
