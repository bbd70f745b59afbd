package org.example.genmat.cli;

import java.util.List;

import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityChecker;

import picocli.CommandLine.Option;

/**
 * The validity options shared by {@code genmat filter} and {@code genmat metrics} (a picocli mixin), so
 * both commands judge samples by the same rule with the same defaults.
 */
public final class ValidityOptions {

    @Option(names = "--oxidation-states", defaultValue = "smact14",
        description = "smact14 (SMACT 2.2.1, reproduces published numbers; default), icsd24, or a table file (El s1 s2 ...)")
    String oxidationStates;

    @Option(names = "--mixed-valence", description = "let each atom take its own state (Fe3O4 valid); off in the published rule")
    boolean mixedValence;

    @Option(names = "--min-distance", defaultValue = "0.5", description = "smallest distance between distinct sites, Å (default 0.5)")
    double minDistance;

    @Option(names = "--prototype",
        description = "prototype-site rows: elpasolite (columns A,B,C,D) or perovskite (A,B,X1,X2,X3)")
    String prototype;

    @Option(names = "--site-columns", split = ",", description = "columns holding the prototype sites, in site order")
    List<String> siteColumns;

    /** The checker these options describe. */
    ValidityChecker checker() {
        return new ValidityChecker(ValidityChecker.Settings.defaults()
            .withOxidationStates(oxidationStates).withMixedValence(mixedValence).withMinDistance(minDistance));
    }

    /** The prototype of prototype-site rows (with its site columns), or null when none is given. */
    SampleRows.Prototype prototype() {
        SampleRows.Prototype proto = prototype == null ? null : SampleRows.Prototype.forName(prototype);
        if (proto != null && siteColumns != null) {
            proto = proto.withSites(siteColumns);
        }
        return proto;
    }
}
