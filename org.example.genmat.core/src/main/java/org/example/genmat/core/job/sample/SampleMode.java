package org.example.genmat.core.job.sample;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * The settings that act in some modes only, each with its modes: the components of {@link SampleSettings}, those of
     * its decoding ({@link SampleSettings#decoding}) and {@code input}, the rows a mode reads. A setting not named here
     * (the condition) acts in every mode. The one definition of which setting applies where: genmat sample refuses an
     * option given in a mode its setting does not act in (a --temperature of encode was silently ignored).
     */
    private static final Map<String, Set<SampleMode>> ONLY_IN = onlyIn();

    private static Map<String, Set<SampleMode>> onlyIn() {
        Map<String, Set<SampleMode>> m = new LinkedHashMap<>();
        // the prior's draws: how many, from how wide a prior, with which seed, which shard of the stream
        for (String prior : new String[] {"samples", "temperature", "seed", "shard", "shards"}) {
            m.put(prior, EnumSet.of(PRIOR));
        }
        // how a drawn latent point is decoded (the study's decoding): the other modes decode the mean
        for (String decoding : new String[] {"outputNoise", "guidance", "siteGuidance", "conditionGuidance", "guidanceSpread"}) {
            m.put(decoding, EnumSet.of(PRIOR));
        }
        for (String line : new String[] {"steps", "firstRow", "secondRow"}) {
            m.put(line, EnumSet.of(INTERPOLATE));
        }
        m.put("input", EnumSet.of(INTERPOLATE, ENCODE, DECODE));
        m.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return Collections.unmodifiableMap(m);
    }

    /** The settings that act in some modes only ({@link #modesOf}). */
    public static Set<String> modeBoundSettings() {
        return ONLY_IN.keySet();
    }

    /** The modes {@code setting} acts in: those {@link #ONLY_IN} names, else all. */
    public static Set<SampleMode> modesOf(String setting) {
        Set<SampleMode> modes = ONLY_IN.get(setting);
        return modes != null ? modes : Collections.unmodifiableSet(EnumSet.allOf(SampleMode.class));
    }

    /** Whether the mode reads input rows. */
    public boolean readsInput() {
        return modesOf("input").contains(this);
    }

    /** The mode's name as the faces take it: prior, interpolate, encode, decode. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a name (case-insensitive), with a message listing the known ones otherwise. */
    public static SampleMode forName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new org.example.genmat.core.job.SettingException("mode", "unknown mode '" + name + "' (known: "
                + String.join(", ", java.util.Arrays.stream(values()).map(SampleMode::label).toList()) + ")");
        }
    }
}
