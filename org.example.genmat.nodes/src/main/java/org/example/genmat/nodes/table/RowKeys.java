package org.example.genmat.nodes.table;

import java.util.HashSet;
import java.util.Set;

import org.knime.core.data.RowKey;

/** Unique row keys from natural names (sources): a repeated name gets " (2)", " (3)", ... appended. */
public final class RowKeys {

    private final Set<String> m_used = new HashSet<>();

    /**
     * @param name the natural key, e.g. the record's source; blank names become "Row&lt;n&gt;"
     * @return a key not handed out before
     */
    public RowKey next(final String name) {
        String base = name == null || name.isBlank() ? "Row" + m_used.size() : name;
        String key = base;
        for (int i = 2; !m_used.add(key); i++) {
            key = base + " (" + i + ")";
        }
        return new RowKey(key);
    }
}
