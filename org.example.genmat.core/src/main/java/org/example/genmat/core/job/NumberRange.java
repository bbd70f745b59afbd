package org.example.genmat.core.job;

import java.math.BigDecimal;

/**
 * The allowed values of one numeric setting, defined once in the engine's settings record. The record checks its
 * values with {@link #check}, the KNIME dialog shows the same bounds (the nodes' widget validations return
 * {@link #min()} and {@link #max()}), and both faces name the setting of a {@link SettingException} it throws.
 *
 * @param setting      the settings-record component, e.g. {@code latentSize}
 * @param what         what the value is, for messages ("the latent size")
 * @param min          lowest allowed value ({@code -Infinity}: none)
 * @param minExclusive whether {@code min} itself is refused
 * @param max          highest allowed value ({@code +Infinity}: none)
 * @param maxExclusive whether {@code max} itself is refused
 */
public record NumberRange(String setting, String what, double min, boolean minExclusive, double max,
                          boolean maxExclusive) {

    public NumberRange {
        if (setting == null || setting.isBlank() || what == null || Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("bad range " + setting + " [" + min + ", " + max + "]");
        }
    }

    /** {@code min <= v}, no upper bound. */
    public static NumberRange atLeast(String setting, String what, double min) {
        return new NumberRange(setting, what, min, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@code v > 0}, no upper bound. */
    public static NumberRange positive(String setting, String what) {
        return new NumberRange(setting, what, 0, true, Double.POSITIVE_INFINITY, false);
    }

    /** {@code min <= v <= max}. */
    public static NumberRange between(String setting, String what, double min, double max) {
        return new NumberRange(setting, what, min, false, max, false);
    }

    /** {@code min <= v < max}. */
    public static NumberRange from(String setting, String what, double min, double belowMax) {
        return new NumberRange(setting, what, min, false, belowMax, true);
    }

    /** Largest magnitude a float32 holds: the networks compute in float32, so a setting beyond it overflows to infinity. */
    public static final double FLOAT32_MAX = Float.MAX_VALUE;

    /**
     * This range, its upper bound lowered to {@link #FLOAT32_MAX}: for a setting the networks use as a float32 (a
     * learning rate or loss weight of 1e39 turns every weight into NaN in the first step).
     */
    public NumberRange float32() {
        return max <= FLOAT32_MAX ? this : new NumberRange(setting, what, min, minExclusive, FLOAT32_MAX, false);
    }

    /** Whether the range has an upper bound. */
    public boolean hasMax() {
        return max != Double.POSITIVE_INFINITY;
    }

    /** Whether the range has a lower bound. */
    public boolean hasMin() {
        return min != Double.NEGATIVE_INFINITY;
    }

    /** Whether {@code v} is a finite number inside the range. */
    public boolean contains(double v) {
        return Double.isFinite(v) && (minExclusive ? v > min : v >= min) && (maxExclusive ? v < max : v <= max);
    }

    /**
     * @param v the value
     * @return {@code v}
     * @throws SettingException naming {@link #setting()} when {@code v} is outside the range or not a number
     */
    public double check(double v) {
        if (!contains(v)) {
            throw new SettingException(setting, outOfRange(text(v)));
        }
        return v;
    }

    /** {@link #check(double)} for whole numbers (the message shows the value exactly). */
    public long check(long v) {
        if (!contains(v)) {
            throw new SettingException(setting, outOfRange(Long.toString(v)));
        }
        return v;
    }

    /**
     * The refusal of a value outside the range, the value as written: "the number of samples must be from 0 to
     * 1,000,000,000,000,000, was 1e16" (a face that reads a number itself says it so too).
     */
    public String outOfRange(String value) {
        return what + " must be " + describe() + ", was " + value;
    }

    /** The range in words: "at least 1", "from 0 to 1024", "greater than 0", "from 0 to below 1". */
    public String describe() {
        String lo = (minExclusive ? "greater than " : "at least ") + text(min);
        if (!hasMax()) {
            return lo;
        }
        if (!hasMin()) {
            return (maxExclusive ? "less than " : "at most ") + text(max);
        }
        if (!minExclusive) {
            return "from " + text(min) + " to " + (maxExclusive ? "below " : "") + text(max);
        }
        return lo + " and " + (maxExclusive ? "less than " : "at most ") + text(max);
    }

    private static String text(double v) {
        if (v == FLOAT32_MAX) {
            return Float.toString(Float.MAX_VALUE); // 3.4028235E38, not its 39 plain digits
        }
        if (Double.isFinite(v) && Math.abs(v) < 1e15) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        // a whole bound of 16 to 19 digits grouped (1,000,000,000,000,000, not 1.0E15); huge values in E notation (1.0E39)
        return v == Math.rint(v) && Math.abs(v) < 0x1p63 ? String.format(java.util.Locale.ROOT, "%,d", (long) v) : Double.toString(v);
    }
}
