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

    /**
     * Occupancies of one position may sum to this much above 1 (rounded refinements: 0.334 × 3) and
     * still form one site; more is an impossible structure.
     */
    public static final double OCCUPANCY_TOLERANCE = 0.05;

    /** Sites of a full cell read from one block; more is refused (a symmetry-expansion bomb). */
    public static final int MAX_SITES = 200_000;

    /** Largest |fractional coordinate| accepted (real files stay within a few cells of the origin). */
    public static final double MAX_COORDINATE = 1e4;

    /** Smallest cell volume over a·b·c accepted (angles 120/120/120 give 0: the cell is flat). */
    static final double MIN_VOLUME_FACTOR = 1e-3;

    private CifReader() {
    }

    /**
     * Reads a CIF file; the source label is the file name plus the data block. For tests of the parser alone: the
     * commands read files through {@link CrystalReader}, which refuses binary data and other files by read's rules.
     */
    static List<CrystalRecord> read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of(CrystalRecord.failed(name, name + ": cannot read file: " + e.getMessage()));
        }
        return read(data, name);
    }

    /** Reads a file as text by the rule of every text input ({@link Encodings#decode}). */
    static String readText(Path file) throws IOException {
        return Encodings.decode(Files.readAllBytes(file));
    }

    /**
     * Reads CIF text: one record per data block that holds a structure. Blocks with neither a cell
     * nor atom sites (publication data) are skipped; if no block holds a structure, one error
     * record says so.
     */
    public static List<CrystalRecord> read(String cifText, String sourceName) {
        return read(cifText == null ? new byte[0] : cifText.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /**
     * Reads CIF bytes (UTF-8, ASCII or Latin-1); see {@link #read(String, String)}. The P1 layout our own
     * {@link CifWriter} writes (the {@code cif} cells that carry crystals between jobs) is read directly by
     * {@link P1CifReader}, with the same result; everything else takes the general path.
     */
    public static List<CrystalRecord> read(byte[] cifBytes, String sourceName) {
        String file = sourceName == null ? "" : sourceName;
        byte[] utf8 = Encodings.toUtf8(cifBytes);
        CrystalRecord plain = P1CifReader.read(utf8, file);
        if (plain != null) {
            List<CrystalRecord> out = new ArrayList<>(1);
            out.add(plain);
            return out;
        }
        return readBlocks(utf8, file);
    }

    /**
     * Reads CIF text by the general path alone (tokenizer, symmetry, expansion), never the P1 fast path of
     * {@link #read(String, String)}: for comparing the two paths (tests, {@code genmat bench cif-column}).
     */
    public static List<CrystalRecord> readGeneral(String cifText, String sourceName) {
        byte[] bytes = cifText == null ? new byte[0] : cifText.getBytes(StandardCharsets.UTF_8);
        return readBlocks(Encodings.toUtf8(bytes), sourceName == null ? "" : sourceName);
    }

    /** The general path: every data block of UTF-8 (or ASCII, Latin-1) bytes. */
    private static List<CrystalRecord> readBlocks(byte[] cifBytes, String file) {
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
                List<String> warnings = new ArrayList<>(b.warnings());
                Block result = readBlock(b, source, warnings);
                out.add(CrystalRecord.of(result.crystal, result.spaceGroup).withWarning(String.join("; ", warnings)));
            } catch (CifException e) {
                String notes = b.warnings().isEmpty() ? "" : " (note: " + String.join("; ", b.warnings()) + ")";
                out.add(CrystalRecord.failed(source, file + ": " + e.describe() + notes));
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

    /** An atom site as the file lists it, before symmetry; {@code line} for messages. */
    record AsymSite(Species species, double occupancy, double[] frac, String label, int line) {

        /** Partially occupied: its images may share a position with those of other partial sites. */
        boolean isPartial() {
            return occupancy < 1 - 1e-6;
        }
    }

    private static Block readBlock(CifBlock b, String source, List<String> warnings) throws CifException {
        Lattice lattice = readLattice(b);
        List<AsymSite> asym = readSites(b, lattice, warnings);
        String hm = b.firstValue("_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt",
            "_space_group_name_h-m_full", "_space_group_name_h-m_ref");
        String hall = b.firstValue("_symmetry_space_group_name_hall", "_space_group_name_hall");
        String numberText = b.firstValue("_symmetry_int_tables_number", "_space_group_it_number");
        Integer number = null;
        double num = CifNumbers.parse(numberText);
        if (num >= 1 && num <= 230 && num == Math.rint(num)) {
            number = (int) num;
        } else if (numberText != null) {
            String tag = b.has("_space_group_it_number") ? "_space_group_it_number" : "_symmetry_int_tables_number";
            throw new CifException(b.lineOf(tag), "space-group number '" + Messages.value(numberText)
                + "' is not a whole number from 1 to 230");
        }
        String givenSymbol = hm != null ? hm.trim() : hall != null ? hall.trim() : "";
        String spaceGroup = !givenSymbol.isEmpty() ? givenSymbol : number != null ? Integer.toString(number) : "";

        List<List<SymmetryOperation>> settings = symmetry(b, hm, hall, number, lattice);
        long images = (long) asym.size() * settings.get(0).size();
        if (images > 10L * MAX_SITES) {
            throw new CifException(b.line(), asym.size() + " atom sites x " + settings.get(0).size()
                + " symmetry operations would make " + images + " sites; at most " + MAX_SITES + " are read");
        }
        List<Site> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        CifException firstRefusal = null;
        for (List<SymmetryOperation> ops : settings) {
            List<Site> sites;
            try {
                sites = expand(asym, ops, lattice);
            } catch (CifException e) {
                if (settings.size() == 1) {
                    throw e;
                }
                // atoms of this setting pile up on one position: another origin may place them apart
                firstRefusal = firstRefusal == null ? e : firstRefusal;
                continue;
            }
            if (sites.size() > MAX_SITES) {
                throw new CifException(b.line(), "the full cell has " + sites.size() + " sites; at most " + MAX_SITES
                    + " are read");
            }
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
        if (best == null) {
            throw firstRefusal; // no setting places the atoms apart
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
            if (!Double.isFinite(p[i])) {
                throw new CifException(b.lineOf(tags[i]), tags[i] + " '" + Messages.value(v) + "' is not a "
                    + (Double.isNaN(p[i]) ? "number" : "finite number"));
            }
            if (i < 3 && !isCellLength(p[i])) {
                throw new CifException(b.lineOf(tags[i]), tags[i] + " " + Messages.value(v) + NOT_A_CELL_LENGTH);
            }
            if (i >= 3 && !isCellAngle(p[i])) {
                throw new CifException(b.lineOf(tags[i]), tags[i] + " " + Messages.value(v)
                    + " is not an angle of a cell (must be between 0 and 180 degrees)");
            }
        }
        Lattice lattice;
        try {
            lattice = Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (IllegalArgumentException e) {
            throw new CifException(b.lineOf("_cell_angle_alpha"), e.getMessage());
        }
        checkVolume(lattice, b.lineOf("_cell_angle_alpha"));
        return lattice;
    }

    /**
     * The shortest cell edge read (Å): a thousandth of the shortest bond, so no crystal's, while a cell of such edges
     * keeps a volume the lattice can invert (a 1e-300 edge squared to 0 and was refused as angles that "do not form a
     * cell"; a cube of 1e-5 Å, as "degenerate").
     */
    static final double MIN_CELL_LENGTH = 1e-3;

    /** Cell edges from this length on (Å) are refused: no crystal's. */
    static final double MAX_CELL_LENGTH = 1e6;

    /** A cell edge this reader accepts, in Å: from {@link #MIN_CELL_LENGTH} to below {@link #MAX_CELL_LENGTH}. */
    static boolean isCellLength(double v) {
        return v >= MIN_CELL_LENGTH && v < MAX_CELL_LENGTH;
    }

    /** The end of the refusal of a cell edge, said of a CIF's {@code _cell_length_a} and of a POSCAR's lattice vector alike. */
    static final String NOT_A_CELL_LENGTH = " is not a length in Å (must be at least " + plain(MIN_CELL_LENGTH) + " and below "
        + plain(MAX_CELL_LENGTH) + ")";

    /** A limit as a plain number, 0.001 or 1000000. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A cell angle this reader accepts, in degrees. */
    static boolean isCellAngle(double v) {
        return v > 0 && v < 180;
    }

    /** True when the cell's volume is almost 0 for its edge lengths, which no crystal has. */
    static boolean isFlat(Lattice lattice) {
        double factor = lattice.volume() / (lattice.a() * lattice.b() * lattice.c());
        return !(factor >= MIN_VOLUME_FACTOR);
    }

    /** Refuses a flat cell (see {@link #isFlat}). */
    static void checkVolume(Lattice lattice, int line) throws CifException {
        if (isFlat(lattice)) {
            throw new CifException(line, String.format(java.util.Locale.ROOT, "the cell is flat: volume %.3g Å³ for edges"
                + " %.4g, %.4g, %.4g Å and angles %s, %s, %s degrees", lattice.volume(), lattice.a(), lattice.b(),
                lattice.c(), angle(lattice.alpha()), angle(lattice.beta()), angle(lattice.gamma())));
        }
    }

    /**
     * An angle for a message: 4 decimals, more where 4 would round it to the 0 or 180 degrees it is not (179.9999 is
     * refused for being almost 180, so "180.0" would not say why).
     */
    static String angle(double degrees) {
        for (int d = 4; d <= 12; d++) {
            String s = String.format(java.util.Locale.ROOT, "%." + d + "f", degrees);
            if (degrees % 180 == 0 || Double.parseDouble(s) % 180 != 0) {
                return s;
            }
        }
        return Double.toString(degrees);
    }

    private static List<AsymSite> readSites(CifBlock b, Lattice lattice, List<String> warnings) throws CifException {
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
            Species sp = siteSpecies(type, label, oxidation);
            if (name == null) {
                throw new CifException(line, "atom site " + Messages.value(who) + " has neither _atom_site_type_symbol nor"
                    + " _atom_site_label, so its element is unknown");
            }
            if (sp == null) {
                throw new CifException(line, "atom site '" + Messages.value(who) + "': unknown element '"
                    + Messages.value(name) + "'");
            }
            double[] f = new double[3];
            int[] cols = {cx, cy, cz};
            for (int k = 0; k < 3; k++) {
                if (loop.isDot(r, cols[k])) {
                    // ICSD exports write '.' for a zero coordinate; '?' (unknown) stays an error
                    warnings.add("line " + line + ": atom site '" + Messages.value(who) + "': " + coordTags[k]
                        + " '.' read as 0");
                    f[k] = 0;
                    continue;
                }
                f[k] = loop.number(r, cols[k]);
                if (!Double.isFinite(f[k])) {
                    throw new CifException(line, "atom site '" + Messages.value(who) + "': coordinate " + coordTags[k] + " '"
                        + Messages.value(loop.get(r, cols[k])) + "' is not a " + (Double.isNaN(f[k]) ? "number" : "finite number"));
                }
            }
            if (cart) {
                f = lattice.toFractional(f);
            }
            for (int k = 0; k < 3; k++) {
                if (!(Math.abs(f[k]) <= MAX_COORDINATE)) {
                    throw new CifException(line, "atom site '" + Messages.value(who) + "': " + coordTags[k] + " "
                        + Messages.value(loop.get(r, cols[k])) + " puts the atom " + (cart ? "more than " : "")
                        + "beyond " + (int) MAX_COORDINATE + " cells from the origin");
                }
            }
            double occ = 1;
            if (cOcc >= 0 && !loop.isNull(r, cOcc)) {
                occ = loop.number(r, cOcc);
                if (Double.isNaN(occ) || occ < 0) {
                    throw new CifException(line, "atom site '" + Messages.value(who) + "': occupancy '"
                        + Messages.value(loop.get(r, cOcc)) + "' is not a number >= 0");
                }
                if (occ > 1 + OCCUPANCY_TOLERANCE) {
                    throw new CifException(line, "atom site '" + Messages.value(who) + "': occupancy "
                        + Messages.value(loop.get(r, cOcc)) + " is above 1 (tolerance " + OCCUPANCY_TOLERANCE + ")");
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
            () -> new CifException(b.lineOf("_atom_site_fract_x"), "atom site: unknown element '"
                + Messages.value(type != null ? type : label) + "'"));
        double[] f = new double[3];
        String[] t = {"_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"};
        for (int k = 0; k < 3; k++) {
            f[k] = CifNumbers.parse(b.value(t[k]));
            if (!(Math.abs(f[k]) <= MAX_COORDINATE)) {
                throw new CifException(b.lineOf(t[k]), t[k] + " is missing, not a number or beyond " + (int) MAX_COORDINATE);
            }
        }
        double occ = b.value("_atom_site_occupancy") == null ? 1 : CifNumbers.parse(b.value("_atom_site_occupancy"));
        if (occ > 1 + OCCUPANCY_TOLERANCE || occ <= 0) {
            throw new CifException(b.lineOf("_atom_site_occupancy"), "occupancy " + occ + " is not in (0, 1]");
        }
        return List.of(new AsymSite(sp, Double.isNaN(occ) ? 1 : occ, f, label == null ? sp.element().symbol() : label,
            b.lineOf("_atom_site_fract_x")));
    }

    /**
     * The species of an atom site: its type symbol, else its label (also when the symbol names no element), with
     * the oxidation number of the symbol's {@code _atom_type} row when the symbol states none; null when neither
     * names an element.
     */
    static Species siteSpecies(String type, String label, Map<String, Double> oxidation) {
        Species sp = SpeciesNames.parse(type != null ? type : label).orElse(null);
        if (sp == null && type != null && label != null) {
            sp = SpeciesNames.parse(label).orElse(null);
        }
        if (sp != null && !sp.hasOxidationState() && type != null && oxidation.containsKey(type)) {
            sp = new Species(sp.element(), oxidation.get(type));
        }
        return sp;
    }

    /** {@code _atom_type_symbol} → {@code _atom_type_oxidation_number}. */
    private static Map<String, Double> oxidationNumbers(CifBlock b) {
        return oxidationNumbers(b.column("_atom_type_symbol"), b.column("_atom_type_oxidation_number"));
    }

    /** Symbol → oxidation number from the two columns of the {@code _atom_type} loop (rows without a number left out). */
    static Map<String, Double> oxidationNumbers(List<String> syms, List<String> ox) {
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
            int[] ops = b.columnRanges(tag);
            if (ops == null) {
                continue;
            }
            List<SymmetryOperation> list = new ArrayList<>(ops.length / 2);
            double[][] g = metric(lattice);
            CifText text = b.text();
            byte[] bytes = text.bytes();
            for (int k = 0; k < ops.length; k += 2) {
                SymmetryOperation parsed;
                try {
                    parsed = SymmetryOperation.parseCached(bytes, ops[k], ops[k + 1], text);
                } catch (IllegalArgumentException e) {
                    throw new CifException(b.lineOf(tag), Messages.value(e.getMessage()));
                }
                if (!keepsMetric(parsed, g)) {
                    throw new CifException(b.lineOf(tag), "symmetry operation '" + Messages.value(text.decode(ops[k], ops[k + 1]))
                        + "' is not a symmetry of this cell (it changes lengths or angles)");
                }
                list.add(parsed);
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
            throw new CifException(b.lineOf("_symmetry_space_group_name_hall"), "unknown Hall symbol '"
                + Messages.value(hall) + "'");
        }
        if (hm != null && !hm.isBlank() && !hm.trim().equals("?")) {
            throw new CifException(b.lineOf(b.has("_symmetry_space_group_name_h-m") ? "_symmetry_space_group_name_h-m"
                : "_space_group_name_h-m_alt"), "unknown space group '" + Messages.value(hm)
                + "' and no symmetry operations given");
        }
        return List.of(List.of(SymmetryOperation.IDENTITY)); // nothing stated: P1
    }

    /**
     * Applies every operation to every asymmetric site, wraps into [0, 1), drops images within
     * {@link #DUPLICATE_TOLERANCE} of one already placed for the same site, and merges partially
     * occupied sites of different labels that share a position (found through a grid, so the time
     * grows with the number of sites, not its square). Occupancies on one position that sum above
     * 1 + {@link #OCCUPANCY_TOLERANCE} are an impossible structure, whether they are partial or full (explicit or
     * the implicit 1: a fully occupied atom listed twice).
     */
    static List<Site> expand(List<AsymSite> asym, List<SymmetryOperation> ops, Lattice lattice) throws CifException {
        double[][] m = lattice.matrix();
        double tol2 = DUPLICATE_TOLERANCE * DUPLICATE_TOLERANCE;
        double[] pos = new double[3 * Math.max(4, Math.min(asym.size() * ops.size(), 1024))];
        int[] owner = new int[pos.length / 3];
        int count = 0;
        double[] img = new double[3];
        // two images closer than the tolerance differ by at most this along a (fractional): images of one
        // site are kept in slabs of a wider than that, so a new image is compared only with the three slabs
        // around it (a site of a 192-operation group meets about 10 images instead of 96)
        double reachA = DUPLICATE_TOLERANCE / lattice.planeSpacing(0);
        int slabs = (int) Math.min(ops.size(), Math.max(1, Math.floor(1 / reachA) - 1));
        if (slabs < 3) {
            slabs = 1; // too few to keep apart: one slab holds all
        }
        int[] slabHead = new int[slabs];
        int[] nextInSlab = new int[owner.length];
        for (int s = 0; s < asym.size(); s++) {
            AsymSite a = asym.get(s);
            java.util.Arrays.fill(slabHead, -1);
            for (SymmetryOperation op : ops) {
                op.applyWrapped(a.frac, img);
                int slab = slabs == 1 ? 0 : Math.min(slabs - 1, (int) (img[0] * slabs));
                if (!nearImage(pos, slabHead, nextInSlab, slab, img, reachA, m, tol2)) {
                    if (count == owner.length) {
                        pos = java.util.Arrays.copyOf(pos, pos.length * 2);
                        owner = java.util.Arrays.copyOf(owner, owner.length * 2);
                        nextInSlab = java.util.Arrays.copyOf(nextInSlab, owner.length);
                    }
                    pos[3 * count] = img[0];
                    pos[3 * count + 1] = img[1];
                    pos[3 * count + 2] = img[2];
                    owner[count] = s;
                    nextInSlab[count] = slabHead[slab];
                    slabHead[slab] = count;
                    count++;
                }
            }
            if (count > MAX_SITES) {
                throw new CifException(a.line, "symmetry expansion gives more than " + MAX_SITES
                    + " sites in the full cell (the limit)");
            }
        }
        // one checked site per asymmetric site; its images share its species map
        Site[] prototypes = new Site[asym.size()];
        for (int s = 0; s < prototypes.length; s++) {
            AsymSite a = asym.get(s);
            prototypes[s] = new Site(Map.of(a.species, a.occupancy), a.frac, a.label);
        }
        List<Site> sites = new ArrayList<>(count);
        if (asym.size() == 1) {
            for (int i = 0; i < count; i++) {
                sites.add(prototypes[owner[i]].withFrac(position(pos, i)));
            }
            return sites; // one label: its images were kept apart above
        }
        // images of other labels on one spot: their occupancies, explicit or 1, may not sum above 1 (a full atom listed
        // twice, CdCuN3 with a second Cd line, is no denser crystal); partially occupied ones share one site
        SiteGrid grid = new SiteGrid(lattice, DUPLICATE_TOLERANCE);
        for (int i = 0; i < count; i++) {
            grid.add(i, pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
        }
        boolean[] merged = new boolean[count];
        double[] q = new double[3];
        for (int i = 0; i < count; i++) {
            if (merged[i]) {
                continue;
            }
            AsymSite a = asym.get(owner[i]);
            Map<Species, Double> species = null; // set when another label joins this position
            double total = a.occupancy;
            int found = grid.near(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
            int[] near = grid.found();
            java.util.Arrays.sort(near, 0, found);
            for (int k = 0; k < found; k++) {
                int j = near[k];
                AsymSite o = asym.get(owner[j]);
                if (j <= i || merged[j] || o == a || !closeTo(pos, i, position(pos, j, q), m, tol2)) {
                    continue;
                }
                total += o.occupancy;
                if (total > 1 + OCCUPANCY_TOLERANCE) {
                    if (fractionalDistance(position(pos, i), position(pos, j)) > TINY_CELL_FRACTION) {
                        // positions far apart in the cell, yet within the tolerance in Å: the cell is the problem
                        throw new CifException(o.line, "atom sites '" + Messages.value(a.label) + "' and '"
                            + Messages.value(o.label) + "' lie at different positions of the cell but within "
                            + DUPLICATE_TOLERANCE + " Å of each other: the cell (" + lattice.lengthsText()
                            + ") is too small for its atoms");
                    }
                    throw new CifException(o.line, String.format(java.util.Locale.ROOT, "atom sites '%s' and '%s' share"
                        + " a position and their occupancies sum to %.4g, above 1 (tolerance %s)", Messages.value(a.label),
                        Messages.value(o.label), total, OCCUPANCY_TOLERANCE));
                }
                if (a.isPartial() && o.isPartial()) {
                    if (species == null) {
                        species = new LinkedHashMap<>(4);
                        species.put(a.species, a.occupancy);
                    }
                    species.merge(o.species, o.occupancy, Double::sum);
                    merged[j] = true;
                }
            }
            sites.add(species == null ? prototypes[owner[i]].withFrac(position(pos, i))
                : new Site(species, position(pos, i), a.label));
        }
        return sites;
    }

    /** Fractional offset, as a share of the cell edges, above which two atoms are not at one position of the cell. */
    private static final double TINY_CELL_FRACTION = 0.01;

    /** The largest per-axis distance of two fractional positions, with periodic images (0 … 0.5). */
    private static double fractionalDistance(double[] u, double[] v) {
        double max = 0;
        for (int k = 0; k < 3; k++) {
            double d = Math.abs(u[k] - v[k]) % 1;
            max = Math.max(max, Math.min(d, 1 - d));
        }
        return max;
    }

    private static double[] position(double[] pos, int i) {
        return position(pos, i, new double[3]);
    }

    private static double[] position(double[] pos, int i, double[] out) {
        out[0] = pos[3 * i];
        out[1] = pos[3 * i + 1];
        out[2] = pos[3 * i + 2];
        return out;
    }

    /** True when an image kept in the slab of {@code img} or a neighbouring one lies within the tolerance of it. */
    private static boolean nearImage(double[] pos, int[] slabHead, int[] nextInSlab, int slab, double[] img, double reachA,
        double[][] m, double tol2) {
        int slabs = slabHead.length;
        for (int d = slabs == 1 ? 0 : -1; d <= (slabs == 1 ? 0 : 1); d++) {
            int at = slab + d;
            at = at < 0 ? at + slabs : at >= slabs ? at - slabs : at;
            for (int k = slabHead[at]; k >= 0; k = nextInSlab[k]) {
                double dx = pos[3 * k] - img[0];
                dx -= SymmetryOperation.floor(dx + 0.5);
                if (dx > reachA || dx < -reachA) {
                    continue;
                }
                if (closeTo(pos, k, img, m, tol2)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The metric tensor G of the lattice (dot products of its row vectors). */
    static double[][] metric(Lattice lattice) {
        double[][] m = lattice.matrix();
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                g[i][j] = m[i][0] * m[j][0] + m[i][1] * m[j][1] + m[i][2] * m[j][2];
            }
        }
        return g;
    }

    /**
     * True when the rotation part keeps the cell's metric G (RᵀGR = G within 2 % of the longest
     * edge²); G comes from {@link #metric}, once for all operations of a cell.
     */
    static boolean keepsMetric(SymmetryOperation op, double[][] g) {
        double scale = Math.max(g[0][0], Math.max(g[1][1], g[2][2]));
        int[] r = op.rotation();
        // RᵀGR as Rᵀ(GR): 54 products instead of 729
        double[] gr = new double[9];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                gr[k * 3 + j] = g[k][0] * r[j] + g[k][1] * r[3 + j] + g[k][2] * r[6 + j];
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = r[i] * gr[j] + r[3 + i] * gr[3 + j] + r[6 + i] * gr[6 + j];
                if (Math.abs(v - g[i][j]) > 0.02 * scale) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when q lies within sqrt(tol2) Å of the k-th position of the flat array (nearest image; m: fractional to Cartesian). */
    private static boolean closeTo(double[] pos, int k, double[] q, double[][] m, double tol2) {
        double dx = q[0] - pos[3 * k], dy = q[1] - pos[3 * k + 1], dz = q[2] - pos[3 * k + 2];
        dx -= SymmetryOperation.floor(dx + 0.5); // nearest image; Math.rint is slow under C1
        dy -= SymmetryOperation.floor(dy + 0.5);
        dz -= SymmetryOperation.floor(dz + 0.5);
        double x = dx * m[0][0] + dy * m[1][0] + dz * m[2][0];
        double y = dx * m[0][1] + dy * m[1][1] + dz * m[2][1];
        double z = dx * m[0][2] + dy * m[1][2] + dz * m[2][2];
        return x * x + y * y + z * z < tol2;
    }

    /**
     * Shortest distance between two fully occupied sites (partial sites may legitimately overlap),
     * looked for only below {@link #CLASH_DISTANCE}: the answer is that distance, or +inf when no pair
     * is that close (a grid keeps this linear in the number of sites).
     */
    private static double shortestFullyOccupied(List<Site> sites, Lattice lattice) {
        double best = Double.POSITIVE_INFINITY;
        SiteGrid grid = new SiteGrid(lattice, CLASH_DISTANCE);
        List<double[]> f = new ArrayList<>();
        for (Site s : sites) {
            if (s.totalOccupancy() >= 1 - 1e-6) {
                double[] p = s.frac();
                grid.add(f.size(), p[0], p[1], p[2]);
                f.add(p);
            }
        }
        for (int i = 0; i < f.size(); i++) {
            double[] p = f.get(i);
            int found = grid.near(p[0], p[1], p[2]);
            int[] near = grid.found();
            for (int k = 0; k < found; k++) {
                int j = near[k];
                if (j > i) {
                    best = Math.min(best, lattice.minimumImageDistance(f.get(i), f.get(j)));
                }
            }
            if (best < CLASH_DISTANCE) {
                return best;
            }
        }
        return best;
    }
}
