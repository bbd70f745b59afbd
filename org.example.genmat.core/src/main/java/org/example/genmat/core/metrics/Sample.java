package org.example.genmat.core.metrics;

import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.validity.ValidityResult;

/**
 * One row given to the metrics: its composition (null when unreadable), crystal (null for
 * composition-only rows), elements per prototype site (null when not a prototype sample), class
 * label (null when none) and validity verdict.
 */
public record Sample(Composition composition, Crystal crystal, List<String> siteElements, Integer classLabel,
                     ValidityResult validity) {

    /** A row that could not be read at all (a malformed CSV record): failed check input, {@code reason} says why. */
    public static Sample unreadable(String reason) {
        return new Sample(null, null, null, null, new ValidityResult(false, false, ValidityResult.CHECK_INPUT, reason));
    }

    /**
     * Whether the structure rule judged this sample, i.e. it counts in validity_structure: it has a crystal, or it should
     * have had one and has not ({@link org.example.genmat.core.validity.ValidityChecker#checkMissingStructure}: read,
     * with a composition, yet structure-invalid). Unreadable rows (no composition) and composition-only samples do not.
     */
    public boolean structureJudged() {
        return crystal != null || composition != null && validity != null && !validity.structureValid();
    }

    public boolean valid() {
        return composition != null && validity != null && validity.valid();
    }
}
