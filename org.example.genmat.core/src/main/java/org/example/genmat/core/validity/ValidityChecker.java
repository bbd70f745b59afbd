package org.example.genmat.core.validity;

import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.io.CrystalRecord;

/**
 * The validity facade: composition rule (SMACT/CDVAE), structure rule (CDVAE) and prototype-site
 * rules, configured by {@link Settings}. Immutable and thread-safe; one instance serves many rows.
 */
public final class ValidityChecker {

    /**
     * @param oxidationStates table name ({@code smact14}, {@code icsd24}) or a table file path
     * @param mixedValence    each atom may take its own state (Fe3O4 valid); off in the published rule
     * @param alloyRule       all-metal compositions are valid (on in the published rule)
     * @param minDistance     smallest allowed distance between distinct sites, Å (0.5)
     * @param minVolume       smallest allowed cell volume, Å³ (0.1)
     * @param checkComposition run the composition rule
     * @param checkStructure  run the structure rule where a structure is given
     * @param rejectDisorder  partially occupied sites make a structure invalid
     */
    public record Settings(String oxidationStates, boolean mixedValence, boolean alloyRule, double minDistance,
                           double minVolume, boolean checkComposition, boolean checkStructure, boolean rejectDisorder) {

        /** The published CDVAE settings. */
        public static Settings defaults() {
            return new Settings(OxidationStateTable.SMACT14, false, true, StructureValidity.DEFAULT_MIN_DISTANCE,
                StructureValidity.DEFAULT_MIN_VOLUME, true, true, true);
        }

        public Settings withOxidationStates(String table) {
            return new Settings(table, mixedValence, alloyRule, minDistance, minVolume, checkComposition,
                checkStructure, rejectDisorder);
        }

        public Settings withMixedValence(boolean on) {
            return new Settings(oxidationStates, on, alloyRule, minDistance, minVolume, checkComposition,
                checkStructure, rejectDisorder);
        }

        public Settings withMinDistance(double d) {
            return new Settings(oxidationStates, mixedValence, alloyRule, d, minVolume, checkComposition,
                checkStructure, rejectDisorder);
        }

        public Settings withChecks(boolean composition, boolean structure) {
            return new Settings(oxidationStates, mixedValence, alloyRule, minDistance, minVolume, composition,
                structure, rejectDisorder);
        }

        /** One line naming the definition, for metric tables and node descriptions. */
        public String describe() {
            return "SMACT/CDVAE composition rule with " + oxidationStates + " oxidation states"
                + (mixedValence ? ", mixed valence" : "") + (alloyRule ? ", alloy rule" : "")
                + "; structure: volume >= " + minVolume + " Å³, distances >= " + minDistance + " Å";
        }
    }

    private final Settings settings;
    private final CompositionValidity compositionRule;
    private final StructureValidity structureRule;

    public ValidityChecker(Settings settings) {
        this(settings, null);
    }

    /**
     * @param table the oxidation-state table already read (e.g. from a KNIME file system, open only while the node reads
     *              it), null to read it by {@link Settings#oxidationStates}
     */
    public ValidityChecker(Settings settings, OxidationStateTable table) {
        this.settings = settings;
        this.compositionRule = new CompositionValidity(table != null ? table : OxidationStateTable.forName(settings.oxidationStates()),
            settings.alloyRule(), settings.mixedValence());
        this.structureRule = new StructureValidity(settings.minDistance(), settings.minVolume(),
            settings.rejectDisorder());
    }

    /** A checker with the published settings. */
    public static ValidityChecker defaults() {
        return new ValidityChecker(Settings.defaults());
    }

    public Settings settings() {
        return settings;
    }

    public String oxidationTableName() {
        return compositionRule.table().name();
    }

    /** Composition-only sample: structure counts as valid (nothing to check). */
    public ValidityResult check(Composition composition) {
        if (!settings.checkComposition()) {
            return ValidityResult.ok();
        }
        return compositionRule.check(composition);
    }

    /** A crystal: composition rule on its cell contents, then the structure rule; both verdicts kept. */
    public ValidityResult check(Crystal crystal) {
        ValidityResult comp = settings.checkComposition() ? compositionRule.check(crystal.composition())
            : ValidityResult.ok();
        ValidityResult struct = settings.checkStructure() ? structureRule.check(crystal) : ValidityResult.ok();
        return combine(comp, struct);
    }

    /**
     * One input item: its reader error makes it invalid (check {@code input}); a crystal is checked as
     * a crystal, a composition-only record by the composition rule only.
     */
    public ValidityResult check(CrystalRecord record) {
        if (record == null) {
            return new ValidityResult(false, false, ValidityResult.CHECK_INPUT, "no data");
        }
        if (!record.ok()) {
            return new ValidityResult(false, false, ValidityResult.CHECK_INPUT, record.error());
        }
        if (record.crystal() != null) {
            return check(record.crystal());
        }
        if (record.composition() == null) {
            return new ValidityResult(false, false, ValidityResult.CHECK_INPUT, "no composition or structure");
        }
        return check(record.composition());
    }

    /**
     * A sample that should be a structure but has none (a row of a table of structures with an empty cif, a generated
     * candidate whose lattice did not decode): the composition rule on its composition, and structure-invalid, as
     * CDVAE counts a sample that is not a crystal. The one definition for filter, metrics, the KNIME nodes and the
     * benchmark.
     *
     * @param composition its composition, may be null
     * @param note        why it has no structure (the sampler's note), may be null or blank
     */
    public ValidityResult checkMissingStructure(Composition composition, String note) {
        ValidityResult comp = composition == null || composition.isEmpty()
            ? new ValidityResult(false, true, ValidityResult.CHECK_INPUT, "no composition")
            : check(composition);
        if (!settings.checkStructure()) {
            return comp; // structure rule off: nothing judges the missing structure
        }
        String why = note == null || note.isBlank() ? "no structure" : "no structure: " + note.strip().replaceAll("\\s+", " ");
        return combine(comp, new ValidityResult(true, false, ValidityResult.CHECK_NO_STRUCTURE, why));
    }

    /** Prototype-site sample: site rules first, then the composition rule on the resulting formula. */
    public ValidityResult checkPrototype(List<String> siteNames, List<String> siteElements, Composition composition) {
        ValidityResult proto = PrototypeRules.check(siteNames, siteElements);
        if (!proto.valid()) {
            return proto;
        }
        return composition == null ? proto : check(composition);
    }

    static ValidityResult combine(ValidityResult comp, ValidityResult struct) {
        String check = comp.failedCheck() != null ? comp.failedCheck() : struct.failedCheck();
        String reason = comp.reason() != null && struct.reason() != null ? comp.reason() + "; " + struct.reason()
            : comp.reason() != null ? comp.reason() : struct.reason();
        return new ValidityResult(comp.compositionValid(), struct.structureValid(), check, reason);
    }
}
