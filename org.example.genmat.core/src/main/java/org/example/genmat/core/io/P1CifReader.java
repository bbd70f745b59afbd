package org.example.genmat.core.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;

/**
 * Reads the P1 layout {@link CifWriter} writes (pymatgen's CifWriter writes the same lines) without the
 * general machinery of {@link CifReader}: no tokenizer, no symmetry-operation parsing, no space-group
 * lookup, no expansion. This is the form in which a crystal crosses nodes and commands (the {@code cif}
 * cell of the crystal and candidate tables), so every job reads it back once per row.
 * <p>
 * Only the exact layout is recognised: comment lines, one {@code data_} block, {@code 'P 1'}, the six cell
 * items, space-group number 1, the formula, volume and Z items, a symmetry loop holding {@code 'x, y, z'}
 * alone, an optional {@code _atom_type} oxidation loop and the seven-column atom-site loop, every value a
 * plain token. For anything else — another operation, a quoted label, a {@code ?}, a cell or an occupancy
 * {@link CifReader} would refuse, a second block — {@link #read} answers null and the caller takes the
 * general path, which then gives the exact result and message it always gave. For what it recognises the
 * record equals the general path's (same lattice doubles, sites, order, labels, occupancies), which
 * {@code P1CifReaderTest} checks on every crystal of the real data sets.
 */
final class P1CifReader {

    /** Control flow for "not the layout": no stack trace, one instance. */
    private static final class NotThisLayout extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotThisLayout INSTANCE = new NotThisLayout();

        private NotThisLayout() {
            super(null, null, false, false);
        }
    }

    private static final String[] CELL_TAGS = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha",
        "_cell_angle_beta", "_cell_angle_gamma"};

    private static final String[] SITE_LOOP = {"loop_", " _atom_site_type_symbol", " _atom_site_label",
        " _atom_site_symmetry_multiplicity", " _atom_site_fract_x", " _atom_site_fract_y", " _atom_site_fract_z",
        " _atom_site_occupancy"};

    /** The space group the layout states, as the general path reports it. */
    private static final String P1 = "P 1";

    private final byte[] b;
    private final int n;
    private int pos;
    private int line = 1;

    private P1CifReader(byte[] bytes) {
        this.b = bytes;
        this.n = bytes.length;
    }

    /**
     * The record of CIF bytes (already UTF-8) in the P1 layout, as {@link CifReader#read(byte[], String)}'s general
     * path would give it; null when the bytes are not exactly that layout.
     */
    static CrystalRecord read(byte[] utf8, String file) {
        try {
            return new P1CifReader(utf8).record(file);
        } catch (NotThisLayout | CifException | RuntimeException e) {
            return null; // the general path reads it (and names what is wrong, if anything)
        }
    }

    private CrystalRecord record(String file) throws NotThisLayout, CifException {
        if (at("#\\#CIF_2")) {
            throw NotThisLayout.INSTANCE; // CIF 2 reads brackets and quotes in other ways
        }
        while (pos < n && b[pos] == '#') {
            skipLine();
        }
        literal("data_");
        int nameFrom = pos;
        int nameTo = token();
        if (nameTo == nameFrom) {
            throw NotThisLayout.INSTANCE;
        }
        for (int i = nameFrom; i < nameTo; i++) {
            if (!isNameChar(b[i])) {
                throw NotThisLayout.INSTANCE;
            }
        }
        String blockName = new String(b, nameFrom, nameTo - nameFrom, StandardCharsets.ISO_8859_1);
        endOfLine();
        literal("_symmetry_space_group_name_H-M");
        spaces();
        literal("'P 1'");
        endOfLine();
        double[] cell = new double[6];
        for (int i = 0; i < 6; i++) {
            cell[i] = numberItem(CELL_TAGS[i]);
            if (!(i < 3 ? CifReader.isCellLength(cell[i]) : CifReader.isCellAngle(cell[i]))) {
                throw NotThisLayout.INSTANCE;
            }
        }
        literal("_symmetry_Int_Tables_number");
        spaces();
        literal("1");
        endOfLine();
        literal("_chemical_formula_structural");
        spaces();
        formulaToken();
        endOfLine();
        literal("_chemical_formula_sum");
        spaces();
        sumFormula();
        endOfLine();
        numberItem("_cell_volume");
        literal("_cell_formula_units_Z");
        spaces();
        numberToken();
        endOfLine();
        for (String l : new String[] {"loop_", " _symmetry_equiv_pos_site_id", " _symmetry_equiv_pos_as_xyz"}) {
            literal(l);
            endOfLine();
        }
        spaces();
        literal("1");
        spaces();
        literal("'x, y, z'");
        endOfLine();
        literal("loop_");
        endOfLine();
        Map<String, Double> oxidation = Map.of();
        if (at(" _atom_type_symbol\n")) {
            oxidation = oxidationLoop();
        }
        for (int i = 1; i < SITE_LOOP.length; i++) {
            literal(SITE_LOOP[i]);
            endOfLine();
        }
        Lattice lattice;
        try {
            lattice = Lattice.fromParameters(cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]);
        } catch (IllegalArgumentException e) {
            throw NotThisLayout.INSTANCE;
        }
        if (CifReader.isFlat(lattice)) {
            throw NotThisLayout.INSTANCE;
        }
        List<CifReader.AsymSite> asym = sites(oxidation);
        String source = file + "#" + blockName;
        return CrystalRecord.of(new Crystal(lattice, fullCell(asym, lattice), P1, 1, source), P1);
    }

    /**
     * The sites in the cell: each row's position wrapped into [0, 1) as the identity operation wraps it, by
     * {@link CifReader#expand}, whose rule merges partially occupied rows of one position into a mixed site and refuses
     * rows whose occupancies on one position sum above 1 (a full atom listed twice) as the general reader does.
     */
    private static List<Site> fullCell(List<CifReader.AsymSite> asym, Lattice lattice) throws CifException {
        return CifReader.expand(asym, List.of(SymmetryOperation.IDENTITY), lattice);
    }

    /** The rows of the {@code _atom_type} loop up to the next {@code loop_}: symbol → oxidation number. */
    private Map<String, Double> oxidationLoop() throws NotThisLayout {
        literal(" _atom_type_symbol");
        endOfLine();
        literal(" _atom_type_oxidation_number");
        endOfLine();
        List<String> symbols = new ArrayList<>(4);
        List<String> numbers = new ArrayList<>(4);
        while (!at("loop_\n")) {
            spaces();
            symbols.add(nameToken());
            spaces();
            int from = pos;
            numberToken();
            numbers.add(new String(b, from, pos - from, StandardCharsets.ISO_8859_1));
            endOfLine();
        }
        literal("loop_");
        endOfLine();
        return CifReader.oxidationNumbers(symbols, numbers);
    }

    /** The atom-site rows up to the end of the text (blank lines may follow them). */
    private List<CifReader.AsymSite> sites(Map<String, Double> oxidation) throws NotThisLayout {
        List<CifReader.AsymSite> out = new ArrayList<>();
        while (true) {
            int rowStart = pos;
            while (pos < n && b[pos] == ' ') {
                pos++;
            }
            if (pos >= n || b[pos] == '\n') {
                pos = rowStart;
                break;
            }
            if (pos == rowStart) {
                throw NotThisLayout.INSTANCE; // a row starts with white space
            }
            int rowLine = line;
            String type = nameToken();
            spaces();
            String label = nameToken();
            spaces();
            numberToken(); // the multiplicity, which the reader does not use
            spaces();
            double[] frac = new double[3];
            for (int k = 0; k < 3; k++) {
                frac[k] = numberToken();
                if (!(Math.abs(frac[k]) <= CifReader.MAX_COORDINATE)) {
                    throw NotThisLayout.INSTANCE;
                }
                spaces();
            }
            double occupancy = numberToken();
            // an empty site or one the general path refuses: leave it to the general path
            if (!(occupancy > 0 && occupancy <= 1 + CifReader.OCCUPANCY_TOLERANCE)) {
                throw NotThisLayout.INSTANCE;
            }
            Species species = CifReader.siteSpecies(type, label, oxidation);
            if (species == null || out.size() >= CifReader.MAX_SITES) {
                throw NotThisLayout.INSTANCE;
            }
            out.add(new CifReader.AsymSite(species, occupancy, frac, label, rowLine));
            endOfLineOrText();
        }
        // only blank lines may follow
        for (; pos < n; pos++) {
            if (b[pos] != ' ' && b[pos] != '\n') {
                throw NotThisLayout.INSTANCE;
            }
        }
        if (out.isEmpty()) {
            throw NotThisLayout.INSTANCE;
        }
        return out;
    }

    /** {@code tag}, spaces, a number, the end of the line. */
    private double numberItem(String tag) throws NotThisLayout {
        literal(tag);
        spaces();
        double v = numberToken();
        endOfLine();
        return v;
    }

    /** A number token (digits, point, sign, exponent) as the general path reads it; not a number: not this layout. */
    private double numberToken() throws NotThisLayout {
        int from = pos;
        while (pos < n && isNumberChar(b[pos])) {
            pos++;
        }
        if (pos == from || !isTokenEnd()) {
            throw NotThisLayout.INSTANCE;
        }
        double v = CifNumbers.parse(b, from, pos);
        if (!Double.isFinite(v)) {
            throw NotThisLayout.INSTANCE;
        }
        return v;
    }

    /**
     * A species symbol or site label: a letter, then printable ASCII ({@code O1'}, {@code S1*}); never one the CIF
     * syntax reads as something else ({@code data_x}, {@code loop_}, {@code save_x}, {@code stop_}, {@code global_}).
     */
    private String nameToken() throws NotThisLayout {
        int from = pos;
        if (pos >= n || !isLetter(b[pos])) {
            throw NotThisLayout.INSTANCE;
        }
        while (pos < n && isNameChar(b[pos])) {
            pos++;
        }
        int len = pos - from;
        if (!isTokenEnd() || (len >= 5 && b[from + 4] == '_') || (len == 7 && b[from + 6] == '_')) {
            throw NotThisLayout.INSTANCE;
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    /** The structural formula: letters, digits, points and brackets, or {@code ?}. */
    private void formulaToken() throws NotThisLayout {
        int from = pos;
        while (pos < n && (isLetter(b[pos]) || isDigit(b[pos]) || b[pos] == '.' || b[pos] == '(' || b[pos] == ')')) {
            pos++;
        }
        if (pos == from && pos < n && b[pos] == '?') {
            pos++;
        }
        if (pos == from || !isTokenEnd() || (pos - from >= 5 && b[from + 4] == '_')) {
            throw NotThisLayout.INSTANCE;
        }
    }

    /** The sum formula: {@code '} letters, digits, points and spaces {@code '}, or one element bare ({@code C8}). */
    private void sumFormula() throws NotThisLayout {
        if (!at("'")) {
            formulaToken();
            return;
        }
        literal("'");
        while (pos < n && (isLetter(b[pos]) || isDigit(b[pos]) || b[pos] == '.' || b[pos] == ' ')) {
            pos++;
        }
        literal("'");
    }

    private boolean isTokenEnd() {
        return pos >= n || b[pos] == ' ' || b[pos] == '\n';
    }

    private static boolean isLetter(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Printable ASCII other than the space: inside a bare CIF 1.1 token none of them is special. */
    private static boolean isNameChar(byte c) {
        return c > ' ' && c < 0x7f;
    }

    private static boolean isNumberChar(byte c) {
        return isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }

    /** True when the text continues with {@code s} here. */
    private boolean at(String s) {
        if (n - pos < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void literal(String s) throws NotThisLayout {
        if (!at(s)) {
            throw NotThisLayout.INSTANCE;
        }
        pos += s.length();
    }

    /** One or more spaces (tabs, carriage returns and other white space: not this layout). */
    private void spaces() throws NotThisLayout {
        int from = pos;
        while (pos < n && b[pos] == ' ') {
            pos++;
        }
        if (pos == from) {
            throw NotThisLayout.INSTANCE;
        }
    }

    /** Trailing spaces, then the line feed. */
    private void endOfLine() throws NotThisLayout {
        while (pos < n && b[pos] == ' ') {
            pos++;
        }
        if (pos >= n || b[pos] != '\n') {
            throw NotThisLayout.INSTANCE;
        }
        pos++;
        line++;
    }

    /** Like {@link #endOfLine}, but the text may also end here (a cell without its last line feed). */
    private void endOfLineOrText() throws NotThisLayout {
        while (pos < n && b[pos] == ' ') {
            pos++;
        }
        if (pos < n) {
            endOfLine();
        }
    }

    /** A comment line, whatever it holds. */
    private void skipLine() {
        while (pos < n && b[pos] != '\n') {
            pos++;
        }
        if (pos < n) {
            pos++;
            line++;
        }
    }

    /** A token's end: the first space or line feed (or the end of the text). */
    private int token() {
        while (pos < n && b[pos] != ' ' && b[pos] != '\n') {
            pos++;
        }
        return pos;
    }
}
