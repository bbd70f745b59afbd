package org.example.genmat.core.featurize;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;

/**
 * One decoded model output.
 *
 * @param formula     reduced formula of the decoded composition, null when nothing could be decoded
 * @param composition decoded composition (cell contents for structures), null when nothing could be decoded
 * @param crystal     decoded crystal where the representation has a structure, else null
 * @param latent      the latent vector the candidate was decoded from (null when decoded from a raw vector)
 * @param condition   the condition it was generated under (class label or property value), null if unconditional
 * @param decodeNote  why the output is not a clean candidate (non-existent element, repeated element, invalid
 *                    lattice, ...), null when it decoded cleanly
 * @param sites       site name → element symbol for prototype representations (empty otherwise); a site whose code
 *                    names no element holds {@code ?}
 */
public record Candidate(String formula, Composition composition, Crystal crystal, float[] latent, String condition,
                        String decodeNote, Map<String, String> sites) {

    public Candidate {
        sites = sites == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sites));
    }

    /** A candidate without site assignment. */
    public Candidate(String formula, Composition composition, Crystal crystal, float[] latent, String condition,
                     String decodeNote) {
        this(formula, composition, crystal, latent, condition, decodeNote, Map.of());
    }

    /** True when the output decoded cleanly (every site named an element, no rule broken). */
    public boolean clean() {
        return decodeNote == null && composition != null;
    }

    /** The same candidate with the latent vector and condition it came from. */
    public Candidate withOrigin(float[] latentVector, String conditionLabel) {
        return new Candidate(formula, composition, crystal, latentVector, conditionLabel, decodeNote, sites);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && Objects.equals(formula, c.formula) && Objects.equals(composition, c.composition)
            && Objects.equals(crystal, c.crystal) && Arrays.equals(latent, c.latent) && Objects.equals(condition, c.condition)
            && Objects.equals(decodeNote, c.decodeNote) && sites.equals(c.sites);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formula, composition, crystal, Arrays.hashCode(latent), condition, decodeNote, sites);
    }

    @Override
    public String toString() {
        return "Candidate(" + formula + (decodeNote == null ? "" : ", " + decodeNote) + (condition == null ? "" : ", " + condition) + ")";
    }
}
