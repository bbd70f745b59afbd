package org.example.genmat.core.job;

import java.util.HashSet;
import java.util.Set;

/** Unique row keys from natural names (sources): a repeated name gets " (2)", " (3)", ... appended. */
public final class UniqueKeys {

    private final Set<String> used = new HashSet<>();

    /**
     * @param name the natural key, e.g. a crystal's source; blank names become "Row&lt;n&gt;"
     * @return a key not handed out before
     */
    public String next(String name) {
        String base = name == null || name.isBlank() ? "Row" + used.size() : name;
        String key = base;
        for (int i = 2; !used.add(key); i++) {
            key = base + " (" + i + ")";
        }
        return key;
    }
}
