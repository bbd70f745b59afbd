package org.example.genmat.core.validity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.Messages;

/**
 * Allowed oxidation states per element. Built-in tables: {@code smact14} (SMACT 2.2.1, the permissive
 * table behind the published CDVAE validity numbers; default) and {@code icsd24} (states seen in
 * ICSD 2024 more than five times). Users may supply a file: one element per line, its symbol followed
 * by signed integers separated by spaces or commas ({@code Fe +2 +3}); {@code #} starts a comment;
 * an element without states (or not listed) can never be part of a valid compound. Each element is listed once, and
 * a table lists at least one. Read as every table is ({@link CrystalTable#openText}): UTF-8 with or without a BOM,
 * or UTF-16.
 */
public final class OxidationStateTable {

    /** Name of the default table. */
    public static final String SMACT14 = "smact14";
    /** Name of the ICSD-2024 table. */
    public static final String ICSD24 = "icsd24";

    private static final int[] NONE = new int[0];
    private static volatile OxidationStateTable smact14;
    private static volatile OxidationStateTable icsd24;

    private final String name;
    private final int[][] statesByZ;

    private OxidationStateTable(String name, int[][] statesByZ) {
        this.name = name;
        this.statesByZ = statesByZ;
    }

    /** The SMACT 2.2.1 table used by CDVAE (default). */
    public static OxidationStateTable smact14() {
        if (smact14 == null) {
            smact14 = builtIn(SMACT14);
        }
        return smact14;
    }

    /** The ICSD-2024 table of current SMACT. */
    public static OxidationStateTable icsd24() {
        if (icsd24 == null) {
            icsd24 = builtIn(ICSD24);
        }
        return icsd24;
    }

    /**
     * The file a table name stands for: null for the built-in {@code smact14} and {@code icsd24} (any case), else the
     * path (a file the job reads, so an output must not overwrite it).
     */
    public static Path file(String nameOrFile) {
        if (nameOrFile == null || nameOrFile.isBlank()) {
            return null;
        }
        String n = nameOrFile.trim().toLowerCase(Locale.ROOT);
        return n.equals(SMACT14) || n.equals(ICSD24) ? null : Path.of(nameOrFile.trim());
    }

    /** {@code smact14}, {@code icsd24} (any case), or else a path to a table file. */
    public static OxidationStateTable forName(String nameOrFile) {
        String n = nameOrFile.trim().toLowerCase(Locale.ROOT);
        if (n.equals(SMACT14)) {
            return smact14();
        }
        if (n.equals(ICSD24)) {
            return icsd24();
        }
        Path p = Path.of(nameOrFile.trim());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("oxidation-state table '" + nameOrFile
                + "' is neither smact14, icsd24 nor a readable file");
        }
        return fromFile(p);
    }

    /**
     * Reads a user table (format in the class comment); the table's name is the file name.
     *
     * @throws IllegalArgumentException naming the file (and line) when it is binary or not such a table (bytes that are not UTF-8 are read as Latin-1)
     */
    public static OxidationStateTable fromFile(Path file) {
        try (BufferedReader r = CrystalTable.openText(file, "an oxidation-state table")) {
            return parseUserTable(r, file.getFileName().toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read oxidation-state table " + file + ": " + e.getMessage());
        }
    }

    static OxidationStateTable parseUserTable(BufferedReader r, String name) throws IOException {
        int[][] table = new int[Element.MAX_Z + 1][];
        int[] listedOn = new int[Element.MAX_Z + 1]; // line of each element's states, 0 when not listed
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (body.isEmpty()) {
                continue;
            }
            String[] parts = body.split("[\\s,;]+");
            Element el = Element.find(parts[0]).orElse(null);
            if (el == null) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": unknown element '"
                    + Messages.value(parts[0]) + "'");
            }
            // refused, not merged: two lines for one element are more likely an edit left half done than a wish for
            // the union, and keeping either line silently would change the verdicts unseen
            if (listedOn[el.z()] != 0) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": " + el.symbol() + " is listed again (first on"
                    + " line " + listedOn[el.z()] + "); list each element once, with all its states");
            }
            listedOn[el.z()] = lineNo;
            int[] states = new int[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                try {
                    states[i - 1] = Integer.parseInt(parts[i].startsWith("+") ? parts[i].substring(1) : parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " line " + lineNo + ": '" + parts[i]
                        + "' is not an integer oxidation state");
                }
            }
            table[el.z()] = Arrays.stream(states).distinct().sorted().toArray();
        }
        if (Arrays.stream(listedOn).allMatch(l -> l == 0)) {
            // every compound would then be invalid ("O has no oxidation state"), row by row
            throw new IllegalArgumentException(name + ": no element listed; an oxidation-state table has one element per"
                + " line with its states, e.g. 'Fe +2 +3'");
        }
        return new OxidationStateTable(name, table);
    }

    private static OxidationStateTable builtIn(String name) {
        int[][] table = new int[Element.MAX_Z + 1][];
        for (String[] row : readResourceCsv("oxidation-states-" + name + ".csv")) {
            int z = Integer.parseInt(row[0]);
            table[z] = row.length < 3 || row[2].isBlank() ? NONE
                : Arrays.stream(row[2].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        }
        return new OxidationStateTable(name, table);
    }

    /** Rows of one of this package's CSV resources, without comment and header lines. */
    static java.util.List<String[]> readResourceCsv(String resource) {
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        try (InputStream in = Objects.requireNonNull(OxidationStateTable.class.getResourceAsStream(resource),
                "missing resource " + resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(",", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The table's name: smact14, icsd24, or the file name. */
    public String name() {
        return name;
    }

    /** Allowed states of {@code e}, ascending; empty when none. */
    public int[] states(Element e) {
        int[] s = statesByZ[e.z()];
        return s == null ? NONE : s.clone();
    }

    int[] statesNoCopy(int z) {
        int[] s = statesByZ[z];
        return s == null ? NONE : s;
    }

    @Override
    public String toString() {
        return name;
    }
}
