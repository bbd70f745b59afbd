package org.example.genmat.core.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.example.genmat.core.crystal.Lattice;

/**
 * Space-group operations by Hermann–Mauguin symbol, Hall symbol or number.
 * <p>
 * Tables: BioJava's crystallography package ({@code org.biojava.nbio.structure.xtal}, its CCP4
 * symop table {@code spacegroups.xml}, read directly because BioJava's JAXB loader takes half a
 * second) gives the 230 groups in their standard settings (origin choice 1 where ITA lists
 * two, hexagonal axes for R groups) plus rhombohedral axes and a few alternative monoclinic and
 * orthorhombic settings. BioJava has no Hall symbols and no second origin choices, so the project
 * adds its own Hall-symbol generator ({@link HallSymbol}) and a small table of Hall symbols for
 * the 24 groups' origin choice 2 and a few common non-standard monoclinic settings. The BioJava
 * table is parsed only when a file needs it (most CIFs list their operations).
 * <p>
 * Where a symbol does not say which origin it uses, both candidates are returned, origin choice 2
 * first (the setting of ICSD and COD); the reader keeps the first without clashing atoms, which
 * resolves the spinel pitfall (MgAl2O4 read in the wrong origin puts atoms 0.283 Å apart).
 */
public final class SpaceGroups {

    private SpaceGroups() {
    }

    /** Hall symbols of origin choice 2 for the groups with two origins (ITA), by number. */
    private static final Map<Integer, String> ORIGIN_2_HALL = Map.ofEntries(
        Map.entry(48, "-P 2ab 2bc"), Map.entry(50, "-P 2ab 2b"), Map.entry(59, "-P 2ab 2a"),
        Map.entry(68, "-C 2a 2ac"), Map.entry(70, "-F 2uv 2vw"), Map.entry(85, "-P 4a"), Map.entry(86, "-P 4bc"),
        Map.entry(88, "-I 4ad"), Map.entry(125, "-P 4a 2b"), Map.entry(126, "-P 4a 2bc"), Map.entry(129, "-P 4a 2a"),
        Map.entry(130, "-P 4a 2ac"), Map.entry(133, "-P 4ac 2b"), Map.entry(134, "-P 4ac 2bc"),
        Map.entry(137, "-P 4ac 2a"), Map.entry(138, "-P 4ac 2ac"), Map.entry(141, "-I 4bd 2"),
        Map.entry(142, "-I 4bd 2c"), Map.entry(201, "-P 2ab 2bc 3"), Map.entry(203, "-F 2uv 2vw 3"),
        Map.entry(222, "-P 4a 2bc 3"), Map.entry(224, "-P 4bc 2bc 3"), Map.entry(227, "-F 4vw 2vw 3"),
        Map.entry(228, "-F 4cvw 2vw 3"));

    /** Common non-standard settings BioJava lacks: normalised H-M symbol → Hall symbol. */
    private static final Map<String, String> EXTRA_SETTINGS = Map.ofEntries(
        Map.entry("p121/n1", "-P 2yn"), Map.entry("p21/n", "-P 2yn"),
        Map.entry("p121/a1", "-P 2yab"), Map.entry("p21/a", "-P 2yab"),
        Map.entry("i12/a1", "-I 2ya"), Map.entry("i2/a", "-I 2ya"),
        Map.entry("i12/c1", "-I 2yc"), Map.entry("i2/c", "-I 2yc"));

    private static volatile Map<String, List<Integer>> byName;
    private static final Map<String, Optional<List<SymmetryOperation>>> HALL_CACHE = new ConcurrentHashMap<>();
    private static final Map<Integer, List<SymmetryOperation>> BIOJAVA_CACHE = new ConcurrentHashMap<>();

    /** Operations from a Hall symbol, or empty when the symbol is not valid Hall notation. */
    public static Optional<List<SymmetryOperation>> fromHall(String hall) {
        String key = hall.trim().replaceAll("\\s+", " ");
        return HALL_CACHE.computeIfAbsent(key, k -> {
            try {
                return Optional.of(List.copyOf(HallSymbol.operations(k)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Candidate operation sets for a space-group number (standard setting). Two candidates (origin
     * 2, then 1) where ITA lists two origins and {@code coordinateSystemCode} does not choose.
     */
    public static List<List<SymmetryOperation>> fromNumber(int number, String coordinateSystemCode, Lattice lattice) {
        if (number < 1 || number > 230) {
            return List.of();
        }
        int id = number;
        if (isRhombohedralGroup(number) && rhombohedralAxes(coordinateSystemCode, lattice)) {
            id = 1000 + number;
        }
        return withOriginChoices(number, id, coordinateSystemCode);
    }

    /**
     * Candidate operation sets for a Hermann–Mauguin symbol such as {@code F m -3 m}, {@code Fd-3m:2},
     * {@code P 63/m m c}, {@code P6_3/mmc}, {@code P 1 21/c 1}, {@code P21/c}, {@code R -3 m :H},
     * full symbols such as {@code P 21/n 21/m 21/a}; empty when unknown.
     */
    public static List<List<SymmetryOperation>> fromHermannMauguin(String symbol, String coordinateSystemCode, Lattice lattice) {
        String s = symbol.trim();
        String code = coordinateSystemCode;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            code = s.substring(colon + 1).trim();
            s = s.substring(0, colon).trim();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String marker : new String[] {"origin choice", "origin"}) {
            int i = lower.indexOf(marker);
            if (i > 0) {
                String rest = lower.substring(i + marker.length()).replaceAll("[^12]", "");
                if (!rest.isEmpty()) {
                    code = rest.substring(0, 1);
                }
                s = s.substring(0, i).trim();
                break;
            }
        }
        // ICSD style suffixes: "F d -3 m S" / "Z" (origin choice 1 / 2), "R -3 m H" / "R"
        String[] parts = s.split("\\s+");
        if (parts.length > 1) {
            String last = parts[parts.length - 1];
            if (last.equals("S") || last.equals("Z") || last.equals("H") || last.equals("R")) {
                code = switch (last) {
                    case "S" -> "1";
                    case "Z" -> "2";
                    default -> last;
                };
                s = s.substring(0, s.length() - last.length()).trim();
            }
        }
        String key = normalise(s);
        String extra = EXTRA_SETTINGS.get(key);
        if (extra != null) {
            return fromHall(extra).map(List::of).orElse(List.of());
        }
        List<Integer> ids = names().get(key);
        if (ids == null) {
            ids = names().get(normalise(shortFromFull(s)));
        }
        if (ids == null) {
            return List.of();
        }
        int id = ids.get(0);
        int number = id % 1000;
        if (isRhombohedralGroup(number) && id < 1000) {
            id = rhombohedralAxes(code, lattice) ? 1000 + number : number;
        }
        return withOriginChoices(number, id, code);
    }

    private static List<List<SymmetryOperation>> withOriginChoices(int number, int biojavaId, String code) {
        String hall2 = ORIGIN_2_HALL.get(number);
        List<SymmetryOperation> standard = biojava(biojavaId);
        if (hall2 == null) {
            return standard == null ? List.of() : List.of(standard);
        }
        List<SymmetryOperation> origin2 = fromHall(hall2).orElseThrow();
        String c = code == null ? "" : code.trim();
        if (c.equals("1")) {
            return List.of(standard);
        }
        if (c.equals("2")) {
            return List.of(origin2);
        }
        return List.of(origin2, standard);
    }

    private static boolean isRhombohedralGroup(int n) {
        return n == 146 || n == 148 || n == 155 || n == 160 || n == 161 || n == 166 || n == 167;
    }

    /** R groups: rhombohedral axes when the code says so, or the cell is a = b = c with equal non-90° angles. */
    private static boolean rhombohedralAxes(String code, Lattice lattice) {
        if (code != null) {
            String c = code.trim().toLowerCase(Locale.ROOT);
            if (c.equals("r")) {
                return true;
            }
            if (c.equals("h")) {
                return false;
            }
        }
        if (lattice == null) {
            return false;
        }
        double[] p = lattice.parameters();
        return Math.abs(p[0] - p[1]) < 1e-3 && Math.abs(p[1] - p[2]) < 1e-3 && Math.abs(p[3] - p[4]) < 1e-2
            && Math.abs(p[4] - p[5]) < 1e-2 && Math.abs(p[3] - 90) > 1e-2;
    }

    /** Lower case, no spaces, no underscores (subscripts: P6_3 = P63). */
    static String normalise(String hm) {
        StringBuilder sb = new StringBuilder(hm.length());
        for (int i = 0; i < hm.length(); i++) {
            char c = hm.charAt(i);
            if (c == ' ' || c == '_' || c == '\t' || c == '\'' || c == '"') {
                continue;
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** Full symbol → short symbol: {@code P 21/n 21/m 21/a} → {@code P n m a}, {@code F 4/m -3 2/m} → {@code F m -3 m}. */
    static String shortFromFull(String s) {
        String[] t = s.trim().split("\\s+");
        if (t.length < 3) {
            return s;
        }
        boolean cubic = t.length == 4 && (t[2].equals("-3") || t[2].equals("3"));
        boolean keepFirst = !cubic && t[1].matches("-?[346].*");
        StringBuilder sb = new StringBuilder(t[0]);
        for (int i = 1; i < t.length; i++) {
            String c = t[i];
            int slash = c.indexOf('/');
            if (slash >= 0 && !(i == 1 && keepFirst)) {
                c = c.substring(slash + 1);
            }
            sb.append(' ').append(c);
        }
        return sb.toString();
    }

    private static Map<String, List<Integer>> names() {
        Map<String, List<Integer>> m = byName;
        if (m == null) {
            synchronized (SpaceGroups.class) {
                if (byName == null) {
                    byName = buildNames();
                }
                m = byName;
            }
        }
        return m;
    }

    private static Map<String, List<Integer>> buildNames() {
        Map<String, List<Integer>> m = new HashMap<>();
        for (Map.Entry<Integer, BiojavaGroup> e : table().entrySet()) {
            int id = e.getKey();
            BiojavaGroup g = e.getValue();
            List<String> names = new ArrayList<>();
            names.add(g.shortSymbol());
            if (g.altShortSymbol() != null) {
                names.add(g.altShortSymbol());
            }
            for (String name : names) {
                String n = normalise(name);
                m.computeIfAbsent(n, k -> new ArrayList<>()).add(id);
                // "P 1 21/c 1" is also written "P 21/c"
                String[] t = name.trim().split("\\s+");
                if (t.length == 4 && t[1].equals("1") && t[3].equals("1")) {
                    m.computeIfAbsent(normalise(t[0] + t[2]), k -> new ArrayList<>()).add(id);
                }
                // CCP4 writes hexagonal R groups as "H 3 m"; CIFs write "R 3 m" (hexagonal axes by default)
                if (id < 1000 && n.startsWith("h") && isRhombohedralGroup(id)) {
                    m.computeIfAbsent("r" + n.substring(1), k -> new ArrayList<>()).add(0, id);
                }
            }
        }
        // ids below 1000 (standard settings) first
        m.values().forEach(l -> l.sort(Integer::compare));
        return m;
    }

    /** One entry of BioJava's space-group table. */
    private record BiojavaGroup(String shortSymbol, String altShortSymbol, List<String> operations) {
    }

    private static volatile Map<Integer, BiojavaGroup> table;

    /**
     * BioJava's table ({@code org/biojava/nbio/structure/xtal/spacegroups.xml} in biojava-structure),
     * read with a few string searches: BioJava's own loader goes through JAXB, which costs half a
     * second of start-up for one lookup. The file is JAXB output with one fixed layout.
     */
    private static Map<Integer, BiojavaGroup> table() {
        Map<Integer, BiojavaGroup> t = table;
        if (t == null) {
            synchronized (SpaceGroups.class) {
                if (table == null) {
                    table = readBiojavaTable();
                }
                t = table;
            }
        }
        return t;
    }

    private static final String BIOJAVA_TABLE = "/org/biojava/nbio/structure/xtal/spacegroups.xml";

    private static Map<Integer, BiojavaGroup> readBiojavaTable() {
        String xml;
        try (java.io.InputStream in = SpaceGroups.class.getResourceAsStream(BIOJAVA_TABLE)) {
            if (in == null) {
                throw new IllegalStateException("BioJava's space-group table " + BIOJAVA_TABLE + " is not on the class path");
            }
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read BioJava's space-group table", e);
        }
        Map<Integer, BiojavaGroup> out = new HashMap<>();
        int at = 0;
        while ((at = xml.indexOf("<ns2:SpaceGroup>", at)) >= 0) {
            int end = xml.indexOf("</ns2:SpaceGroup>", at);
            if (end < 0) {
                break;
            }
            String g = xml.substring(at, end);
            at = end;
            String id = element(g, "id");
            String symbol = element(g, "shortSymbol");
            if (id == null || symbol == null) {
                continue;
            }
            List<String> ops = new ArrayList<>();
            int t0 = g.indexOf("<transfAlgebraic>"), t1 = g.indexOf("</transfAlgebraic>");
            if (t0 >= 0 && t1 > t0) {
                String block = g.substring(t0, t1);
                int i = 0;
                while ((i = block.indexOf("<item>", i)) >= 0) {
                    int j = block.indexOf("</item>", i);
                    ops.add(unescape(block.substring(i + 6, j)));
                    i = j;
                }
            }
            out.put(Integer.parseInt(id.trim()), new BiojavaGroup(symbol, element(g, "altShortSymbol"), List.copyOf(ops)));
        }
        if (out.size() < 230) {
            throw new IllegalStateException("BioJava's space-group table has " + out.size() + " groups, expected at least 230");
        }
        return out;
    }

    private static String element(String xml, String name) {
        int i = xml.indexOf("<" + name + ">");
        if (i < 0) {
            return null;
        }
        int j = xml.indexOf("</" + name + ">", i);
        return j < 0 ? null : unescape(xml.substring(i + name.length() + 2, j));
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** BioJava's operations for a CCP4 id, as our operations; null when the id is unknown. */
    private static List<SymmetryOperation> biojava(int id) {
        return BIOJAVA_CACHE.computeIfAbsent(id, k -> {
            BiojavaGroup g = table().get(k);
            if (g == null) {
                return null;
            }
            List<SymmetryOperation> ops = new ArrayList<>();
            ops.add(SymmetryOperation.IDENTITY); // listed first by BioJava; kept first here whatever the table says
            for (String text : g.operations()) {
                SymmetryOperation op = SymmetryOperation.parse(text);
                if (!op.sameModuloLattice(SymmetryOperation.IDENTITY)) {
                    ops.add(op);
                }
            }
            return List.copyOf(ops);
        });
    }
}
