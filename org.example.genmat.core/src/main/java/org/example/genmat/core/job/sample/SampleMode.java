package org.example.genmat.core.job.sample;

import java.util.Locale;

/** What a sampling run decodes. */
public enum SampleMode {
    /** Latent vectors drawn from the prior N(0, T²·I). */
    PRIOR,
    /** Evenly spaced points on the line between the latent means of two input crystals. */
    INTERPOLATE,
    /** Every input crystal's latent mean, and its reconstruction. */
    ENCODE,
    /** The latent vectors of an input table (columns z1 ... zk). */
    DECODE;

    /** Whether the mode reads input rows. */
    public boolean readsInput() {
        return this != PRIOR;
    }

    /** The mode of a name (case-insensitive), with a message listing the known ones otherwise. */
    public static SampleMode forName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new org.example.genmat.core.job.SettingException("mode", "unknown mode '" + name + "' (known: prior, interpolate, encode, decode)");
        }
    }
}
