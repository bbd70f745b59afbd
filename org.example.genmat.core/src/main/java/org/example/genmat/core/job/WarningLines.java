package org.example.genmat.core.job;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Warnings that can come once per row (a skipped row, a bad class cell): the first {@link #SHOWN} are passed on in
 * full, the rest only counted, and {@link #finish} passes on one closing line with their count. A table of thousands
 * of bad rows then names a few and does not flood the console or the log; each bad row still costs only itself. The
 * one cap of the project's per-row warnings (training's skipped rows, the metrics' tables).
 */
public final class WarningLines implements Consumer<String> {

    /** Warnings shown in full. */
    public static final int SHOWN = 20;

    private final Consumer<String> out;
    private final String rest;
    private long count;

    /**
     * @param out  where the warnings go
     * @param rest what the closing line counts, e.g. "skipped rows": "... and 5 more skipped rows"
     */
    public WarningLines(Consumer<String> out, String rest) {
        this.out = out;
        this.rest = rest;
    }

    @Override
    public void accept(String warning) {
        if (count++ < SHOWN) {
            out.accept(warning);
        }
    }

    /** @return the number of warnings told, shown or not */
    public long count() {
        return count;
    }

    /** @return the closing line, "... and N more REST", or null when every warning was shown */
    public String more() {
        return count <= SHOWN ? null : String.format(Locale.ROOT, "... and %,d more %s", count - SHOWN, rest);
    }

    /** Passes on the closing line when some warnings were not shown. */
    public void finish() {
        String more = more();
        if (more != null) {
            out.accept(more);
        }
    }
}
