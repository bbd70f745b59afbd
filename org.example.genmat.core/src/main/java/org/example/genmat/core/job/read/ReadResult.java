package org.example.genmat.core.job.read;

import java.util.List;

/**
 * What a read wrote.
 *
 * @param rows        rows written, error rows included
 * @param errors      error rows (inputs that could not be read; their reason is in the {@code error} column)
 * @param firstError  the error of the first error row, null when there is none
 * @param misfits     rows with a kept value that does not fit its column's type, left empty (their
 *                    {@code warning} names it; {@link PassThrough})
 * @param firstMisfit the first of them, with its row's source; null when there is none
 * @param skipped     what a file read passed over (not a crystal file, hidden ...); none for a read of cells
 * @param warnings    about inputs as a whole, one per file, e.g. "t.csv: not UTF-8 from byte 17 on; read as Latin-1
 *                    (ISO-8859-1)": the first {@link org.example.genmat.core.job.WarningLines#SHOWN}, then one line
 *                    counting the rest; both faces show them (genmat read on standard error, Read Crystals in its
 *                    warning); none for a read of cells
 */
public record ReadResult(long rows, long errors, String firstError, long misfits, String firstMisfit,
                         ReadSkips skipped, List<String> warnings) {

    public ReadResult {
        warnings = List.copyOf(warnings);
    }

    /** Rows without an error. */
    public long good() {
        return rows - errors;
    }
}
