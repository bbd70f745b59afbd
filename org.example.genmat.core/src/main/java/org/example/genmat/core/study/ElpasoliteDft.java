package org.example.genmat.core.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.io.CsvRecords;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.surrogate.StabilityClasses;

/**
 * DFT formation energies of elpasolites ABC2D6 over {@link ElpasoliteSpace}: a table with columns
 * {@code A, B, C, D, formation_energy_ev_per_atom} (C the ×2 site, D the ×6 site; {@code formula}
 * optional). The embedded default is the 5,645 rows of Faber, Lindmaa, von Lilienfeld and Armiento,
 * PRL 117, 135502 (2016), as redistributed by SkipAtom (MIT; {@code LICENSE-skipatom.txt} and
 * {@code CITATION.txt} beside it). A row that cannot be used is reported with its line number and
 * reason and does not stop the others.
 */
public final class ElpasoliteDft {

    /** Resource of the embedded default data. */
    public static final String RESOURCE = "/org/example/genmat/core/study/elpasolites-dft.csv";
    /** The {@link Table#source()} of the embedded data; a file's source is its file name. */
    private static final String EMBEDDED_SOURCE = "embedded elpasolites-dft.csv";
    /** Short citation of the embedded data. */
    public static final String CITATION = "Faber, Lindmaa, von Lilienfeld, Armiento, PRL 117, 135502 (2016); redistributed by SkipAtom (MIT)";
    /** The formation-energy column, eV/atom. */
    public static final String ENERGY = "formation_energy_ev_per_atom";
    /** The default columns of the sites A, B, C (×2) and D (×6). */
    public static final List<String> SITES = List.of("A", "B", "C", "D");

    /** One DFT row: element indices of {@link ElpasoliteSpace} on A, B, C, D and the formation energy. */
    public record Row(int a, int b, int c, int d, double energy) {
        public int[] sites() {
            return new int[] {a, b, c, d};
        }

        public int stabilityClass() {
            return StabilityClasses.of(energy);
        }

        public String formula() {
            return ElpasoliteDft.formula(a, b, c, d);
        }
    }

    /**
     * Rows read and rows skipped (one message each, naming the line).
     *
     * @param embedded whether this is the embedded default data, which {@link #CITATION} names; a user's file never is,
     *                 whatever its name
     */
    public record Table(String source, List<Row> rows, List<String> skipped, boolean embedded, List<String> rowNames) {
        /** A table read from elsewhere than the embedded data. */
        public Table(String source, List<Row> rows, List<String> skipped) {
            this(source, rows, skipped, false);
        }

        /** A table whose rows are named by their place in it: "row 1", "row 2", ... */
        public Table(String source, List<Row> rows, List<String> skipped, boolean embedded) {
            this(source, rows, skipped, embedded, java.util.stream.IntStream.rangeClosed(1, rows.size()).mapToObj(i -> "row " + i).toList());
        }

        /**
         * @param rowNames where each row is in its table ("line 47", "Row7"), as messages name it
         */
        public Table {
            rows = List.copyOf(rows);
            skipped = List.copyOf(skipped);
            rowNames = List.copyOf(rowNames);
            if (rowNames.size() != rows.size()) {
                throw new IllegalArgumentException("one name per row: " + rows.size() + " rows, " + rowNames.size() + " names");
            }
        }

        /**
         * The compositions that more than one row holds (repeat calculations; an A↔B swap is the same composition), in the
         * order of their first row. Every row stays in the table; the surrogate keeps a composition's rows together.
         */
        public List<RepeatedComposition> repeatedCompositions() {
            Map<Long, List<Integer>> byComposition = new java.util.LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                byComposition.computeIfAbsent(ElpasoliteSpace.key(r.a(), r.b(), r.c(), r.d()), k -> new ArrayList<>()).add(i);
            }
            List<RepeatedComposition> repeated = new ArrayList<>();
            for (List<Integer> at : byComposition.values()) {
                if (at.size() > 1) {
                    repeated.add(new RepeatedComposition(at.stream().map(rows::get).toList(), at.stream().map(rowNames::get).toList()));
                }
            }
            return repeated;
        }

        /** The source as models' provenance and reports name it: the embedded data with its citation. */
        public String provenance() {
            return embedded ? source + " (" + CITATION + ")" : source;
        }

        public int[][] sites() {
            return rows.stream().map(Row::sites).toArray(int[][]::new);
        }

        public double[] energies() {
            return rows.stream().mapToDouble(Row::energy).toArray();
        }
    }

    /** Energies of one composition further apart than this (eV/atom) are named in {@link #repeatsNote}. */
    public static final double REPEAT_SPREAD_NOTED = 0.1;

    /**
     * Rows of one composition.
     *
     * @param rows  its rows, in table order
     * @param names where each is in the table ("line 47")
     */
    public record RepeatedComposition(List<Row> rows, List<String> names) {
        /** The formula of the first row (its A↔B swap is the same composition). */
        public String formula() {
            return rows.get(0).formula();
        }

        /** Largest minus smallest formation energy of the rows, eV/atom. */
        public double spread() {
            DoubleSummaryStatistics e = rows.stream().mapToDouble(Row::energy).summaryStatistics();
            return e.getMax() - e.getMin();
        }
    }

    /**
     * One line on the compositions that occur more than once, empty when none does: "17 compositions occur twice (A<->B swaps
     * counted as one), e.g. line 47 and line 1629; all rows kept, ...", naming those whose energies differ by more than
     * {@link #REPEAT_SPREAD_NOTED} eV/atom.
     */
    public static String repeatsNote(List<RepeatedComposition> repeated) {
        if (repeated.isEmpty()) {
            return "";
        }
        int most = repeated.stream().mapToInt(r -> r.rows().size()).max().orElseThrow();
        RepeatedComposition first = repeated.get(0);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d composition%s occur%s %s (A<->B swaps counted as one), e.g. %s",
            repeated.size(), repeated.size() == 1 ? "" : "s", repeated.size() == 1 ? "s" : "", most == 2 ? "twice" : "2 to " + most + " times",
            String.join(" and ", first.names())));
        List<RepeatedComposition> apart = repeated.stream().filter(r -> r.spread() > REPEAT_SPREAD_NOTED).toList();
        if (!apart.isEmpty()) {
            RepeatedComposition widest = apart.stream().max(java.util.Comparator.comparingDouble(RepeatedComposition::spread)).orElseThrow();
            text.append(String.format(Locale.ROOT, "; %d of them with energies more than %s eV/atom apart (up to %.3f, %s %s)", apart.size(),
                REPEAT_SPREAD_NOTED, widest.spread(), widest.formula(), String.join(" and ", widest.names())));
        }
        return text.append("; all rows kept, each composition's rows in one cross-validation fold").toString();
    }

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < ElpasoliteSpace.N; i++) {
            INDEX.put(Element.ofZ(ElpasoliteSpace.Z[i]).symbol(), i);
        }
    }

    private ElpasoliteDft() {
    }

    /** The formula ABC2D6 of element indices. */
    public static String formula(int a, int b, int c, int d) {
        return symbol(a) + symbol(b) + symbol(c) + "2" + symbol(d) + "6";
    }

    /** Element symbol of an index of {@link ElpasoliteSpace}. */
    public static String symbol(int i) {
        return Element.ofZ(ElpasoliteSpace.Z[i]).symbol();
    }

    /** Index of an element symbol in {@link ElpasoliteSpace}, −1 when it is not one of the 39. */
    public static int index(String symbol) {
        Integer i = INDEX.get(symbol);
        return i == null ? -1 : i;
    }

    /** The embedded default data. */
    public static Table embedded() throws IOException {
        try (InputStream in = ElpasoliteDft.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the embedded elpasolite DFT data (" + RESOURCE + ") is missing from the jar");
            }
            Table t = read(in, EMBEDDED_SOURCE);
            return new Table(t.source(), t.rows(), t.skipped(), true, t.rowNames());
        }
    }

    /** A table from a file with the columns A, B, C, D and {@link #ENERGY}. */
    public static Table read(Path file) throws IOException {
        return read(file, SITES, ENERGY);
    }

    /**
     * A table from a file whose columns have other names. Read as every table of the project is ({@link CsvRecords}:
     * UTF-8 or UTF-16, a malformed row costs only itself); a row that cannot be used is left out with its line.
     *
     * @param siteColumns the columns of the sites A, B, C (×2) and D (×6), in that order
     * @param energyColumn the formation energy column, eV/atom
     * @throws IllegalArgumentException naming the file when it is no table, lacks a column or names one twice
     */
    public static Table read(Path file, List<String> siteColumns, String energyColumn) throws IOException {
        try (CsvRecords records = CsvRecords.openTable(file)) {
            return read(records, file.getFileName() == null ? file.toString() : file.getFileName().toString(), siteColumns, energyColumn);
        }
    }

    /** A table from a stream (not closed) with the columns A, B, C, D and {@link #ENERGY}; {@code source} names it. */
    public static Table read(InputStream in, String source) throws IOException {
        CsvRecords records;
        try {
            records = new CsvRecords(in, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e); // binary data
        }
        try {
            records.header(); // a stream's table has no file for its refusals to name
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        return read(records, source, SITES, ENERGY);
    }

    /** @param records opened from a file, whose header's refusals name it, or a stream whose header was checked */
    private static Table read(CsvRecords records, String source, List<String> siteColumns, String energyColumn) {
        List<String> header = records.header().stream().map(String::trim).toList();
        CsvRecords.requireDistinctColumns(source, header); // names the same once trimmed
        int[] at = requireColumns(source, header, siteColumns, energyColumn);
        Builder table = new Builder(source);
        for (CsvRecords.Row row = records.next(); row != null; row = records.next()) {
            String line = "line " + row.line();
            if (!row.ok()) {
                table.skipped.add(source + ": " + row.problem());
                continue;
            }
            List<String> cells = row.cells();
            if (cells.size() != header.size()) {
                table.skip(source + " " + line, "has " + cells.size() + " cells, the header " + header.size());
                continue;
            }
            table.add(line, cells.get(at[0]), cells.get(at[1]), cells.get(at[2]), cells.get(at[3]), cells.get(at[4]));
        }
        return table.build();
    }

    /**
     * Refuses a table that lacks a site or the energy column before its rows are read (else every row would be
     * "missing" its energy): the one check of {@code genmat demo --data} and of the metrics' study on a training table.
     *
     * @param source       the table as named in the message (a file, "training table")
     * @param header       its columns
     * @param siteColumns  the columns of the sites A, B, C (×2) and D (×6), in that order
     * @param energyColumn the formation energy column, eV/atom
     * @return the index in {@code header} of each site column and then of the energy column
     * @throws IllegalArgumentException "SOURCE has no column 'x' (columns: ...)"
     */
    public static int[] requireColumns(String source, List<String> header, List<String> siteColumns, String energyColumn) {
        if (siteColumns.size() != SITES.size()) {
            throw new IllegalArgumentException("the site columns must name the 4 sites A, B, C, D in that order, got " + siteColumns.size()
                + ": " + String.join(", ", siteColumns));
        }
        List<String> columns = new ArrayList<>(siteColumns);
        columns.add(energyColumn);
        int[] at = new int[columns.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = header.indexOf(columns.get(k));
            if (at[k] < 0) {
                throw new IllegalArgumentException(source + " has no column '" + columns.get(k) + "' (columns: " + String.join(", ", header)
                    + ")");
            }
        }
        return at;
    }

    /**
     * Reads the element symbols on A, B, C, D into {@code sites} (indices of the space): why they are not four distinct
     * elements of the space, or null when they are. The one rule of the DFT rows and of generated rows
     * ({@link SampleFile}).
     */
    static String readSites(String[] symbols, int[] sites) {
        for (int k = 0; k < SITES.size(); k++) {
            String symbol = symbols[k] == null ? "" : symbols[k].trim();
            sites[k] = index(symbol);
            if (sites[k] < 0) {
                return "site " + SITES.get(k) + " holds '" + Messages.value(symbol) + "', not one of the 39 main-group elements H-Bi";
            }
            for (int j = 0; j < k; j++) {
                if (sites[j] == sites[k]) {
                    return "element " + symbol + " on both " + SITES.get(j) + " and " + SITES.get(k);
                }
            }
        }
        return null;
    }

    /**
     * Collects DFT rows from any table (a file, Diversity Metrics' training table); a row that cannot be used is
     * kept as a message naming it, and the others go on.
     */
    public static final class Builder {
        private final String source;
        private final List<Row> rows = new ArrayList<>();
        private final List<String> rowNames = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();

        /** @param source the table's name in messages and provenance */
        public Builder(String source) {
            this.source = source;
        }

        /**
         * One row's cells: the element symbols on A, B, C, D and the formation energy in eV/atom as text.
         *
         * @param row names the row within the table ("line 12", "Row7"); messages put the table's name in front
         */
        public Builder add(String row, String a, String b, String c, String d, String energy) {
            String where = source + " " + row;
            int[] s = new int[4];
            String sites = readSites(new String[] {a, b, c, d}, s);
            if (sites != null) {
                return skip(where, sites);
            }
            String v = energy == null ? "" : energy.trim();
            double e;
            try {
                e = Double.parseDouble(v);
            } catch (NumberFormatException ex) {
                return skip(where, v.isEmpty() ? "the formation energy is missing" : "formation energy '" + v + "' is not a number");
            }
            if (!Double.isFinite(e) || Math.abs(e) > 100) {
                return skip(where, "formation energy " + v + " eV/atom is not a plausible finite value");
            }
            rows.add(new Row(s[0], s[1], s[2], s[3], e));
            rowNames.add(row);
            return this;
        }

        /** A row left out, with the reason; {@code where} names it fully ("data.csv line 12"). */
        private Builder skip(String where, String problem) {
            skipped.add(where + ": " + problem);
            return this;
        }

        /** @throws IllegalArgumentException when no row is usable, naming the first problem */
        public Table build() {
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(source + " has no usable rows" + (skipped.isEmpty() ? "" : "; first problem: " + skipped.get(0)));
            }
            return new Table(source, rows, skipped, false, rowNames);
        }
    }
}
