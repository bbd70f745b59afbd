package org.example.genmat.core.io;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CIF data block: single items and loops, by normalised tag (lower case, {@code .} → {@code _}).
 * Values are raw strings, decoded from the file's bytes when asked for (see {@link CifText}); null
 * stands for the unquoted {@code ?} (unknown) and {@code .} (not applicable).
 */
final class CifBlock {

    /**
     * A loop: its tags and its values row by row (row-major), each value a (from, to, line) triple
     * in {@code data} starting at triple {@code base}.
     */
    static final class Loop {
        private final List<String> tags;
        private final CifText text;
        private final int[] data;
        private final int base;
        private final int count;
        private final int line;

        Loop(List<String> tags, CifText text, int[] data, int base, int count, int line) {
            this.tags = tags;
            this.text = text;
            this.data = data;
            this.base = base;
            this.count = count;
            this.line = line;
        }

        List<String> tags() {
            return tags;
        }

        int line() {
            return line;
        }

        int rows() {
            return count / tags.size();
        }

        int column(String tag) {
            return tags.indexOf(tag);
        }

        private int at(int row, int column) {
            return 3 * (base + row * tags.size() + column);
        }

        String get(int row, int column) {
            int i = at(row, column);
            return data[i] < 0 ? null : text.decode(data[i], data[i + 1]);
        }

        /** True when the value is the unquoted {@code .} (inapplicable), not {@code ?} or a real value. */
        boolean isDot(int row, int column) {
            return data[at(row, column)] == CifText.INAPPLICABLE;
        }

        /** True when the value is the unquoted {@code ?} or {@code .}, which {@link #get} answers as null. */
        boolean isNull(int row, int column) {
            return data[at(row, column)] < 0;
        }

        /** The number the value holds without making a string of it; NaN for {@code ?}, {@code .} and text. */
        double number(int row, int column) {
            int i = at(row, column);
            return text.number(data[i], data[i + 1]);
        }

        int lineOf(int row) {
            return count == 0 ? line : data[at(row, 0) + 2];
        }
    }

    private record Item(int from, int to, int line) {
    }

    private final String name;
    private final int line;
    private final CifText text;
    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, Loop> loopsByTag = new HashMap<>();
    private List<String> warnings = List.of();

    CifBlock(String name, int line, CifText text) {
        this.name = name;
        this.line = line;
        this.text = text;
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    /** An item whose value is the byte range {@code [from, to)} (see {@link CifText}). */
    void putItem(String tag, int from, int to, int itemLine) {
        items.put(tag, new Item(from, to, itemLine));
    }

    private String valueOf(Item it) {
        return it.from < 0 ? null : text.decode(it.from, it.to);
    }

    /** Notes leniency the syntax reader showed inside this block. */
    void warn(String w) {
        if (warnings.isEmpty()) {
            warnings = new java.util.ArrayList<>(2);
        }
        warnings.add(w);
    }

    /** Leniency warnings, in file order. */
    List<String> warnings() {
        return warnings;
    }

    /** A loop of {@code count} values, (from, to, line) triples in {@code data} from triple {@code base} on. */
    void putLoop(List<String> tags, int[] data, int base, int count, int loopLine) {
        Loop loop = new Loop(List.copyOf(tags), text, data, base, count, loopLine);
        for (String t : tags) {
            loopsByTag.put(t, loop);
        }
    }

    /** True when the tag is present as an item or in a loop. */
    boolean has(String tag) {
        return items.containsKey(tag) || loopsByTag.containsKey(tag);
    }

    /** The value of a single item, or of a one-row loop; null when absent, unknown or inapplicable. */
    String value(String tag) {
        Item it = items.get(tag);
        if (it != null) {
            return valueOf(it);
        }
        Loop l = loopsByTag.get(tag);
        if (l != null && l.rows() >= 1) {
            return l.get(0, l.column(tag));
        }
        return null;
    }

    /** The first present, non-null value among the tags given. */
    String firstValue(String... tags) {
        for (String t : tags) {
            String v = value(t);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Line of a tag (item or loop), or the block's line. */
    int lineOf(String tag) {
        Item it = items.get(tag);
        if (it != null) {
            return it.line;
        }
        Loop l = loopsByTag.get(tag);
        return l != null ? l.line() : line;
    }

    /** The loop holding this tag, or null. */
    Loop loop(String tag) {
        return loopsByTag.get(tag);
    }

    /** The file the block's values are ranges of. */
    CifText text() {
        return text;
    }

    /**
     * The byte ranges of a tag's values other than {@code ?} and {@code .}, as (from, to) pairs in
     * row order, for readers that look values up by their bytes; null when the tag is absent.
     */
    int[] columnRanges(String tag) {
        Loop l = loopsByTag.get(tag);
        if (l != null) {
            int c = l.column(tag);
            int rows = l.rows();
            int[] out = new int[2 * rows];
            int n = 0;
            for (int r = 0; r < rows; r++) {
                int i = l.at(r, c);
                if (l.data[i] >= 0) {
                    out[n++] = l.data[i];
                    out[n++] = l.data[i + 1];
                }
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }
        Item it = items.get(tag);
        if (it == null) {
            return null;
        }
        return it.from < 0 ? new int[0] : new int[] {it.from, it.to};
    }

    /** The values of a tag as a column (a single item counts as a one-row column); null when absent. */
    List<String> column(String tag) {
        Loop l = loopsByTag.get(tag);
        if (l != null) {
            int c = l.column(tag);
            String[] out = new String[l.rows()];
            for (int r = 0; r < out.length; r++) {
                out[r] = l.get(r, c);
            }
            return java.util.Arrays.asList(out);
        }
        Item it = items.get(tag);
        return it == null ? null : java.util.Collections.singletonList(valueOf(it));
    }
}
