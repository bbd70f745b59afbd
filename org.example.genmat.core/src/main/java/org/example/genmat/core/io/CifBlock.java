package org.example.genmat.core.io;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CIF data block: single items and loops, by normalised tag (lower case, {@code .} → {@code _}).
 * Values are raw strings; null stands for the unquoted {@code ?} (unknown) and {@code .} (not applicable).
 */
final class CifBlock {

    /** A loop: its tags and its values row by row (row-major), with the line of each value. */
    record Loop(List<String> tags, List<String> values, int[] lines, int line) {
        int rows() {
            return values.size() / tags.size();
        }

        int column(String tag) {
            return tags.indexOf(tag);
        }

        String get(int row, int column) {
            String v = values.get(row * tags.size() + column);
            return v == CifSyntax.DOT ? null : v;
        }

        /** True when the value is the unquoted {@code .} (inapplicable), not {@code ?} or a real value. */
        boolean isDot(int row, int column) {
            return values.get(row * tags.size() + column) == CifSyntax.DOT;
        }

        int lineOf(int row) {
            return lines.length == 0 ? line : lines[row * tags.size()];
        }
    }

    private record Item(String value, int line) {
    }

    private final String name;
    private final int line;
    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, Loop> loopsByTag = new HashMap<>();
    private List<String> warnings = List.of();

    CifBlock(String name, int line) {
        this.name = name;
        this.line = line;
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    void putItem(String tag, String value, int itemLine) {
        items.put(tag, new Item(value == CifSyntax.DOT ? null : value, itemLine));
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

    void putLoop(List<String> tags, List<String> values, int[] lines, int loopLine) {
        Loop loop = new Loop(List.copyOf(tags), values, lines, loopLine);
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
            return it.value;
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
        return it == null ? null : java.util.Collections.singletonList(it.value);
    }
}
