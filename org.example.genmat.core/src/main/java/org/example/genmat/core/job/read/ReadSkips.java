package org.example.genmat.core.job.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.example.genmat.core.io.CrystalReader;

/**
 * What a read passed over (hidden files, files that are not crystal files, encrypted zip entries, special files),
 * counted per reason with the first few paths of each: the one summary both faces report ({@code genmat read} on
 * standard error, Read Crystals as its warning), so nothing is dropped silently. Told from the reader's worker
 * threads, hence synchronized.
 */
public final class ReadSkips implements CrystalReader.Skipped {

    /** Paths kept per reason, as examples (a folder may pass over millions of files). */
    static final int EXAMPLES = 3;

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, List<String>> examples = new TreeMap<>();
    private long total;
    private String first;

    @Override
    public synchronized void skipped(String path, String why) {
        counts.merge(why, 1L, Long::sum);
        List<String> paths = examples.computeIfAbsent(why, k -> new ArrayList<>());
        if (paths.size() < EXAMPLES) {
            paths.add(path);
        }
        if (total++ == 0) {
            first = path;
        }
    }

    /** @return the number of things passed over */
    public synchronized long count() {
        return total;
    }

    /** @return the number passed over for each reason, by reason */
    public synchronized Map<String, Long> byReason() {
        return Map.copyOf(counts);
    }

    /**
     * @return one line, e.g. {@code 15 files skipped (hidden: 3, not a crystal file: 12); first: data/notes.txt};
     *         null when nothing was skipped
     */
    public synchronized String summary() {
        if (total == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((why, n) -> parts.add(why + ": " + n));
        return total + (total == 1 ? " file" : " files") + " skipped (" + String.join(", ", parts) + "); first: "
            + first;
    }

    /** @return one line per reason, e.g. {@code skipped 4 (hidden): .a, .b, .c, ...}; empty when nothing was skipped */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        counts.forEach((why, n) -> {
            List<String> paths = examples.get(why);
            lines.add("skipped " + n + " (" + why + "): " + String.join(", ", paths) + (n > paths.size() ? ", ..." : ""));
        });
        return lines;
    }
}
