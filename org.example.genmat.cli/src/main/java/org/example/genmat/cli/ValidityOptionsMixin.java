package org.example.genmat.cli;

import java.util.List;

import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;

import picocli.CommandLine.Option;

/**
 * The validity options of {@code genmat filter} and {@code genmat metrics} (a picocli mixin): every switch of the
 * engine's {@link ValidityOptions}, the same the Filter Validity and Diversity Metrics nodes show.
 */
public final class ValidityOptionsMixin implements SettingOptions.Ranged {

    @Option(names = "--oxidation-states", defaultValue = "smact14",
        description = "smact14 (SMACT 2.2.1, reproduces published numbers; default), icsd24, or a table file (El s1 s2 ...)")
    String oxidationStates;

    @Option(names = "--mixed-valence", description = "let each atom take its own state (Fe3O4 valid); off in the published rule")
    boolean mixedValence;

    @Option(names = "--alloy-rule", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "all-metal compositions are valid (on in the published rule; --no-alloy-rule turns it off)")
    boolean alloyRule;

    @Option(names = "--min-distance", defaultValue = "0.5", description = "smallest distance between distinct sites, Å (default 0.5)")
    double minDistance;

    @Option(names = "--min-volume", defaultValue = "0.1", description = "smallest cell volume, Å³ (default 0.1)")
    double minVolume;

    @Option(names = "--reject-disorder", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "partially occupied sites make a structure invalid (default; --no-reject-disorder accepts them)")
    boolean rejectDisorder;

    @Option(names = "--check-composition", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "apply the composition rule (default; --no-check-composition skips it)")
    boolean checkComposition;

    @Option(names = "--check-structure", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "apply the structure rule to rows with a cif column (default; --no-check-structure skips it)")
    boolean checkStructure;

    @Option(names = "--prototype",
        description = "prototype-site rows: elpasolite (columns A,B,C,D) or perovskite (A,B,X1,X2,X3)")
    String prototype;

    @Option(names = "--site-columns", split = ",", description = "columns holding the prototype sites, in site order")
    List<String> siteColumns;

    @Override
    public java.util.Map<String, NumberRange> optionRanges() {
        return SettingOptions.ranges(java.util.Map.of(), ValidityOptions.MIN_DISTANCE, ValidityOptions.MIN_VOLUME);
    }

    /** The engine's validity options these options describe (checked there). */
    ValidityOptions options() {
        Prototype sites = prototype == null ? null : SettingOptions.parse("--prototype", () -> Prototype.forName(prototype));
        return SettingOptions.build(java.util.Map.of(), () -> new ValidityOptions(new ValidityChecker.Settings(
            oxidationStates, mixedValence, alloyRule, minDistance, minVolume, checkComposition, checkStructure,
            rejectDisorder), sites, siteColumns));
    }
}
