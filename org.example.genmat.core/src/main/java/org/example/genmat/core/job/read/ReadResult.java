package org.example.genmat.core.job.read;

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
 */
public record ReadResult(long rows, long errors, String firstError, long misfits, String firstMisfit,
                         ReadSkips skipped) {

    /** Rows without an error. */
    public long good() {
        return rows - errors;
    }
}
