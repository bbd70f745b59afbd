package org.example.genmat.core.validity;

import java.util.List;

import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

/**
 * Every switch of the validity rule, in one place: the checker's settings (oxidation-state table, mixed
 * valence, alloy rule, distance and volume limits, which checks run, disorder) and, for candidates of a
 * prototype representation, the prototype and the columns holding its sites. {@code genmat filter},
 * {@code genmat metrics}, Filter Validity and Diversity Metrics all map their options onto this record, so
 * "the nodes apply exactly the command's rules" holds for every setting, not just the defaults.
 *
 * @param checker     the composition and structure rule settings
 * @param prototype   prototype of prototype-site rows, null for none
 * @param siteColumns columns holding the prototype's sites in site order; null or empty: the site names
 */
public record ValidityOptions(ValidityChecker.Settings checker, Prototype prototype, List<String> siteColumns) {

    /** The shortest interatomic distance allowed, in Å (shown by Filter Validity's dialog). */
    public static final NumberRange MIN_DISTANCE = NumberRange.atLeast("minDistance", "the distance cutoff (Å)", 0);
    /** The smallest cell volume allowed, in Å³. */
    public static final NumberRange MIN_VOLUME = NumberRange.atLeast("minVolume", "the minimum cell volume (Å³)", 0);

    /**
     * Checks the values themselves (no files are touched here).
     *
     * @throws SettingException naming the setting that is wrong
     */
    public ValidityOptions {
        if (checker == null) {
            throw new IllegalArgumentException("validity settings are missing");
        }
        if (!checker.checkComposition() && !checker.checkStructure()) {
            throw new IllegalArgumentException("enable at least one check (composition or structure)");
        }
        MIN_DISTANCE.check(checker.minDistance());
        MIN_VOLUME.check(checker.minVolume());
        if (checker.oxidationStates() == null || checker.oxidationStates().isBlank()) {
            throw new IllegalArgumentException("name an oxidation-state table (smact14, icsd24) or a table file");
        }
        siteColumns = siteColumns == null || siteColumns.isEmpty() ? null : List.copyOf(siteColumns);
        if (siteColumns != null && prototype == null) {
            throw new IllegalArgumentException("site columns " + siteColumns + " need a prototype");
        }
        if (siteColumns != null && siteColumns.size() != prototype.sites().size()) {
            throw new IllegalArgumentException(prototype.name() + " has " + prototype.sites().size() + " sites, got "
                + siteColumns.size() + " site columns " + siteColumns);
        }
    }

    /** The published CDVAE rule, no prototype. */
    public static ValidityOptions defaults() {
        return new ValidityOptions(ValidityChecker.Settings.defaults(), null, null);
    }

    /** The same options with another prototype (site columns: the prototype's site names). */
    public ValidityOptions withPrototype(Prototype p) {
        return new ValidityOptions(checker, p, null);
    }

    /** Columns holding the prototype's sites (the site names unless other columns were given); empty without prototype. */
    public List<String> prototypeColumns() {
        if (prototype == null) {
            return List.of();
        }
        return siteColumns != null ? siteColumns : prototype.siteNames();
    }

    /** A checker of these settings (reads the oxidation-state table; a missing file is reported here). */
    public ValidityChecker newChecker() {
        return new ValidityChecker(checker);
    }
}
