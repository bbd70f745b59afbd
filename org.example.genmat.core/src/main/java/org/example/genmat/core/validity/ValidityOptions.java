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
 * @param oxidationTable the oxidation-state table already read (a file the node read through KNIME's file handling),
 *                    null to read the table {@code checker.oxidationStates()} names
 */
public record ValidityOptions(ValidityChecker.Settings checker, Prototype prototype, List<String> siteColumns,
                              OxidationStateTable oxidationTable) {

    /** Options whose oxidation-state table is read by its name or path. */
    public ValidityOptions(ValidityChecker.Settings checker, Prototype prototype, List<String> siteColumns) {
        this(checker, prototype, siteColumns, null);
    }

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
            throw new SettingException("siteColumns", "site columns " + siteColumns + " need a prototype", "prototype");
        }
        if (siteColumns != null && siteColumns.size() != prototype.sites().size()) {
            throw new IllegalArgumentException(prototype.name() + " has " + prototype.sites().size() + " sites, got "
                + siteColumns.size() + " site columns " + siteColumns);
        }
        if (siteColumns != null && (siteColumns.stream().anyMatch(String::isBlank)
            || siteColumns.stream().distinct().count() < siteColumns.size())) {
            throw new IllegalArgumentException("the site columns " + siteColumns + " must name " + prototype.sites().size()
                + " different columns");
        }
    }

    /** The published CDVAE rule, no prototype. */
    public static ValidityOptions defaults() {
        return new ValidityOptions(ValidityChecker.Settings.defaults(), null, null);
    }

    /** The same options with another prototype (site columns: the prototype's site names). */
    public ValidityOptions withPrototype(Prototype p) {
        return new ValidityOptions(checker, p, null, oxidationTable);
    }

    /**
     * The site columns as typed in a setting: comma separated, blanks around names ignored; null for none (the
     * prototype's site names).
     */
    public static List<String> siteColumns(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return java.util.Arrays.stream(text.split(",", -1)).map(String::trim).toList();
    }

    /** Columns holding the prototype's sites (the site names unless other columns were given); empty without prototype. */
    public List<String> prototypeColumns() {
        if (prototype == null) {
            return List.of();
        }
        return siteColumns != null ? siteColumns : prototype.siteNames();
    }

    /**
     * The files these options read: the oxidation-state table file, unless it is built in or already read. A face
     * passes them with its other inputs to {@link org.example.genmat.core.io.OutputFiles#plan}, so no output
     * overwrites them.
     */
    public List<java.nio.file.Path> inputFiles() {
        java.nio.file.Path table = oxidationTable != null ? null : OxidationStateTable.file(checker.oxidationStates());
        return table == null ? List.of() : List.of(table);
    }

    /** A checker of these settings (reads the oxidation-state table; a missing file is reported here). */
    public ValidityChecker newChecker() {
        return new ValidityChecker(checker, oxidationTable);
    }
}
