package org.example.genmat.core.job.sample;

import org.example.genmat.core.io.CrystalRecord;

/** Input rows of the sampling modes that read a table. */
public final class SampleInput {

    private SampleInput() {
    }

    /**
     * A crystal to encode or interpolate from.
     *
     * @param key       the row's key (KNIME row ID, the CSV row's source)
     * @param record    the crystal or composition read from the row (an error record when unreadable)
     * @param condition the row's value in the model's condition column, null when the table has none
     */
    public record Crystal(String key, CrystalRecord record, String condition) {
    }

    /**
     * A latent vector to decode.
     *
     * @param key     the row's key
     * @param z       the vector (the model's latent size), null when a value is missing
     * @param problem why the row cannot be decoded (e.g. a missing value), null when it can
     */
    public record Latent(String key, float[] z, String problem) {

        /**
         * Why a latent value cannot be decoded, null when it can: NaN, infinite or beyond a float's range (a network
         * fed one decodes nonsense), as the row's note names it.
         *
         * @param column the value's column, {@code z1} ...
         * @param text   the value as the table holds it
         */
        public static String notFinite(String column, double value, String text) {
            if (Double.isFinite(value) && Math.abs(value) > Float.MAX_VALUE) {
                // 1e39 is a number, but not one a latent value (32 bits) can hold
                return column + " is '" + text + "', beyond the largest latent value (" + Float.MAX_VALUE + ")";
            }
            return Double.isFinite(value) ? null : column + " is '" + text + "', not a finite number";
        }
    }
}
