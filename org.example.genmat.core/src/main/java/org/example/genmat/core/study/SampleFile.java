package org.example.genmat.core.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.io.CsvRecords;
import org.example.genmat.core.io.FormulaTable;
import org.example.genmat.core.io.Messages;

/**
 * Generated elpasolites from a table, in the order drawn, to score against the study's reference as a model's stream is
 * scored: the candidate table of Sample Latent or {@code genmat sample} (columns A, B, C, D and {@code note}), or a
 * report's {@code samples-<name>.csv}. A row is well-formed when its note is empty and A, B, C, D name four distinct
 * elements of the space; any other row counts as a malformed draw, as a model's malformed output does.
 *
 * @param name        the table's file name without its extension, the row name in the study's table
 * @param draws       four {@link ElpasoliteDft#index} values per row, in file order; −1 on every site of a malformed
 *                    row
 * @param wellFormed  the number of well-formed rows
 * @param unreadable  rows the CSV parser could not read (counted as malformed draws)
 * @param firstProblem why the first malformed row is malformed (null when every row is well-formed)
 */
public record SampleFile(String name, int[] draws, int wellFormed, int unreadable, String firstProblem) {

    private static final List<String> SITES = List.of("A", "B", "C", "D");

    /** This table, when it has a well-formed row to score. @throws IllegalArgumentException naming it when it has none */
    public SampleFile requireWellFormed() {
        if (wellFormed == 0) {
            throw new IllegalArgumentException(name + ": no well-formed row of " + rows()
                + (firstProblem == null ? "" : "; first: " + firstProblem));
        }
        return this;
    }

    /** The number of rows read. */
    public int rows() {
        return draws.length / 4;
    }

    /**
     * @param file a CSV or TSV table with the columns A, B, C, D (any letter case) and optionally {@code note}
     * @return its rows
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file when it has no A, B, C or D column, or is binary
     */
    public static SampleFile read(Path file) throws IOException {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String name = dot > 0 ? fileName.substring(0, dot) : fileName;
        try (CsvRecords rows = CsvRecords.openTable(file)) {
            List<String> header = rows.header(); // refuses a column named twice, naming the file
            int[] at = new int[SITES.size()];
            for (int k = 0; k < at.length; k++) {
                at[k] = column(header, SITES.get(k));
                if (at[k] < 0) {
                    throw new IllegalArgumentException(file + ": no column " + SITES.get(k) + " (a table of generated"
                        + " elpasolites has the site columns A, B, C, D); its columns are " + Messages.value(header.toString()));
                }
            }
            int note = column(header, "note");
            Builder out = new Builder(name);
            CsvRecords.Row row;
            while ((row = rows.next()) != null) {
                if (!row.ok()) {
                    out.addUnreadable("row " + row.number() + ": " + row.error());
                    continue;
                }
                List<String> cells = row.cells();
                String[] sites = new String[at.length];
                for (int k = 0; k < at.length; k++) {
                    sites[k] = at[k] < cells.size() ? cells.get(at[k]) : "";
                }
                out.add("row " + row.number(), note >= 0 && note < cells.size() ? cells.get(note) : null, sites);
            }
            return out.build();
        }
    }

    /**
     * Collects generated rows in the order drawn, from a file or from another table (Diversity Metrics' generated
     * table); {@link #build} gives the {@link SampleFile}.
     */
    public static final class Builder {
        private final String name;
        private int[] draws = new int[4 * 1024];
        private int rows;
        private int wellFormed;
        private int unreadable;
        private String firstProblem;

        /** @param name the table's name in the study's table */
        public Builder(String name) {
            this.name = name;
        }

        /**
         * One row: well-formed when {@code note} is empty and {@code sites} (A, B, C, D) name four distinct elements of
         * the space; else a malformed draw, its reason kept when it is the first.
         *
         * @param where names the row in a message ("row 12")
         * @param note  the row's note, null or blank when it has none
         */
        public Builder add(String where, String note, String... sites) {
            int[] s = {-1, -1, -1, -1};
            String problem = problem(note, sites, s);
            if (problem == null) {
                wellFormed++;
            } else {
                s = new int[] {-1, -1, -1, -1};
                firstProblem = firstProblem != null ? firstProblem : where + ": " + problem;
            }
            append(s);
            return this;
        }

        /** The well-formed rows added so far. */
        public int wellFormed() {
            return wellFormed;
        }

        /** A row that could not be read at all (counted as a malformed draw). */
        public Builder addUnreadable(String problem) {
            unreadable++;
            firstProblem = firstProblem != null ? firstProblem : problem;
            append(new int[] {-1, -1, -1, -1});
            return this;
        }

        private void append(int[] s) {
            if (4 * rows == draws.length) {
                draws = java.util.Arrays.copyOf(draws, 2 * draws.length);
            }
            System.arraycopy(s, 0, draws, 4 * rows, 4);
            rows++;
        }

        public SampleFile build() {
            return new SampleFile(name, java.util.Arrays.copyOf(draws, 4 * rows), wellFormed, unreadable, firstProblem);
        }
    }

    /** Why a row is malformed (null when it is well-formed); fills {@code sites} as it reads them. */
    private static String problem(String note, String[] symbols, int[] sites) {
        if (note != null && !note.isBlank()) {
            return "note '" + Messages.value(note.trim()) + "'";
        }
        if (symbols.length != SITES.size()) {
            throw new IllegalArgumentException("a generated elpasolite has " + SITES.size() + " sites, not " + symbols.length);
        }
        return ElpasoliteDft.readSites(symbols, sites);
    }

    /** The position of a column named {@code name} in any letter case, −1 when there is none. */
    private static int column(List<String> header, String name) {
        return header.indexOf(FormulaTable.findColumn(header, name));
    }

    /** The rows in file order as a stream of draws (after the last row: none left, an {@link IllegalStateException}). */
    public CompositionSource source() {
        int[] next = {0};
        return sites -> {
            if (next[0] >= draws.length) {
                throw new IllegalStateException(name + ": no rows left");
            }
            int i = next[0];
            next[0] += 4;
            if (draws[i] < 0) {
                return false;
            }
            System.arraycopy(draws, i, sites, 0, 4);
            return true;
        };
    }
}
