package org.example.genmat.nodes.validity;

import java.nio.file.Files;
import java.util.Optional;

import org.example.genmat.core.validity.OxidationStateTable;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.nodes.EngineRange;
import org.example.genmat.nodes.FileLocations;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.FileReaderWidget;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.FileSelection;
import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/**
 * The validity rule's settings, shared by Filter Validity and Diversity Metrics (a nested parameters group), mapped
 * onto the engine's one {@link ValidityOptions} as {@code genmat filter} and {@code genmat metrics} map their options.
 */
@SuppressWarnings("restriction") // FileSelection & co. are x-internal in KNIME 5.8, as used by KNIME's own readers
public final class ValidityParameters implements NodeParameters {

    private static final String OXIDATION_FILE = "oxidation-state file";

    /** Which oxidation-state table the charge-balance rule uses. */
    enum OxidationTable {
        /** SMACT's permissive smact14 table (CDVAE). */
        @Label(value = "smact14 (CDVAE)", description = "The permissive table used by the published CDVAE"
            + " composition-validity metric (SMACT 2.2.1's oxidation_states.txt).")
        SMACT14,
        /** ICSD-2024 filtered table. */
        @Label(value = "ICSD 2024", description = "SMACT's newer table of states seen in the ICSD (2024),"
            + " stricter than smact14.")
        ICSD24,
        /** A user file. */
        @Label(value = "File", description = "A table file in SMACT's format (element followed by its states).")
        FILE
    }

    static final class CheckCompositionRef implements ParameterReference<Boolean> {
    }

    static final class CheckStructureRef implements ParameterReference<Boolean> {
    }

    static final class OxidationTableRef implements ParameterReference<OxidationTable> {
    }

    static final class PrototypeRef implements ParameterReference<PrototypeChoice> {
    }

    /** The site columns apply only with a prototype. */
    static final class HasPrototype implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PrototypeRef.class).isOneOf(PrototypeChoice.NONE).negate();
        }
    }

    /** The composition rule's options apply only when it is checked. */
    static final class ChecksComposition implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(CheckCompositionRef.class).isTrue();
        }
    }

    static final class ChecksStructure implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(CheckStructureRef.class).isTrue();
        }
    }

    static final class ReadsOxidationFile implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getPredicate(ChecksComposition.class)
                .and(i.getEnum(OxidationTableRef.class).isOneOf(OxidationTable.FILE));
        }
    }

    // the bounds of the number widgets: the engine's ranges
    static final class MinDistanceMin extends EngineRange.Min {
        MinDistanceMin() {
            super(ValidityOptions.MIN_DISTANCE);
        }
    }

    static final class MinVolumeMin extends EngineRange.Min {
        MinVolumeMin() {
            super(ValidityOptions.MIN_VOLUME);
        }
    }

    @Widget(title = "Check composition", description = "Apply the SMACT/CDVAE composition rule: some assignment"
        + " of oxidation states is charge neutral and (for ionic compounds) the Pauling electronegativities"
        + " increase with the oxidation state; all-metal compositions count as valid alloys. Default: on.")
    @ValueReference(CheckCompositionRef.class)
    boolean m_checkComposition = true;

    @Widget(title = "Check structure", description = "For rows with a structure (cif column): the cell volume is"
        + " at least the minimum volume and no two distinct sites are closer than the distance cutoff."
        + " Composition-only rows pass this check; a row whose structure did not decode (an empty cif and a note"
        + " saying why, as Sample Latent writes it) fails it ('no structure'). Default: on.")
    @ValueReference(CheckStructureRef.class)
    boolean m_checkStructure = true;

    @Widget(title = "Prototype sites", description = "Also apply the prototype-site rules to candidates of a"
        + " prototype representation (elpasolite or perovskite sites, from the site columns of Sample Latent); every"
        + " input table must then hold the site columns. Default: None.")
    @ValueReference(PrototypeRef.class)
    PrototypeChoice m_prototype = PrototypeChoice.NONE;

    @Widget(title = "Site columns", description = "The columns holding the prototype's sites, in site order and comma"
        + " separated (e.g. <tt>a_site, b_site, c_site, d_site</tt> for A, B, C, D), as <tt>--site-columns</tt> of"
        + " <tt>genmat filter</tt> and <tt>genmat metrics</tt>. Empty: the columns named as the sites (A, B, C, D;"
        + " A, B, X1, X2, X3), which Sample Latent writes. Default: empty.")
    @Effect(predicate = HasPrototype.class, type = EffectType.SHOW)
    String m_siteColumns = "";

    @Widget(title = "Oxidation-state table", description = "Table of allowed oxidation states per element."
        + " Default: smact14 (the CDVAE definition).")
    @ValueReference(OxidationTableRef.class)
    @Effect(predicate = ChecksComposition.class, type = EffectType.SHOW)
    OxidationTable m_oxidationTable = OxidationTable.SMACT14;

    @Widget(title = "Oxidation-state file", description = "The oxidation-state file when the table is \"File\":"
        + " one element per line, its symbol followed by its states (<tt>Fe +2 +3</tt>), <tt>#</tt> starts a comment."
        + " On the local file system, relative to the workflow or its data area (e.g."
        + " knime://knime.workflow/data/states.txt), on a mountpoint or Hub space. Default: empty.")
    @FileReaderWidget
    @Effect(predicate = ReadsOxidationFile.class, type = EffectType.SHOW)
    FileSelection m_oxidationFile = new FileSelection();

    @Widget(title = "Mixed valence", description = "Let atoms of one element take different oxidation states"
        + " (Fe3O4 becomes valid). Off in the published rule. Default: off.")
    @Effect(predicate = ChecksComposition.class, type = EffectType.SHOW)
    boolean m_mixedValence;

    @Widget(title = "Alloy rule", description = "Compositions made only of metals are valid (on in the published"
        + " rule). Default: on.")
    @Advanced
    @Effect(predicate = ChecksComposition.class, type = EffectType.SHOW)
    boolean m_alloyRule = true;

    @Widget(title = "Distance cutoff (Å)", description = "Smallest allowed distance between two distinct sites,"
        + " in ångström (periodic images included, self-images not). Default: 0.5 Å.")
    @NumberInputWidget(minValidation = MinDistanceMin.class)
    @Effect(predicate = ChecksStructure.class, type = EffectType.SHOW)
    double m_minDistance = 0.5;

    @Widget(title = "Minimum cell volume (Å³)", description = "Smallest allowed cell volume in Å³."
        + " Default: 0.1 Å³.")
    @NumberInputWidget(minValidation = MinVolumeMin.class)
    @Advanced
    @Effect(predicate = ChecksStructure.class, type = EffectType.SHOW)
    double m_minVolume = 0.1;

    @Widget(title = "Reject disorder", description = "Structures with partially occupied sites are invalid."
        + " Default: on.")
    @Advanced
    @Effect(predicate = ChecksStructure.class, type = EffectType.SHOW)
    boolean m_rejectDisorder = true;

    /**
     * Checks the values themselves; the file is read by {@link #readOptions()} at configure and execute (KNIME calls
     * validate() when it loads a workflow, and a failure there makes the node run with default settings).
     */
    @Override
    public void validate() throws InvalidSettingsException {
        if (readsFile() && blank(oxidationFile())) {
            throw new InvalidSettingsException("Set the oxidation-state file or choose a built-in table.");
        }
        try {
            EngineRange.settings(this, this::toOptions);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(capitalised(e.getMessage()) + ".", e);
        }
    }

    private boolean readsFile() {
        return m_checkComposition && m_oxidationTable == OxidationTable.FILE;
    }

    private FSLocation oxidationFile() {
        return m_oxidationFile == null ? FSLocation.NULL : m_oxidationFile.getFSLocation();
    }

    private static boolean blank(final FSLocation l) {
        return l == null || l == FSLocation.NULL || l.getPath().isBlank();
    }

    /**
     * The engine's validity options with the oxidation-state file read through KNIME's file handling (a local path, a
     * path relative to the workflow, a knime:// URL, a mountpoint or Hub location), as Read Crystals reads its files.
     *
     * @throws InvalidSettingsException if the file is missing or not an oxidation-state table
     */
    public ValidityOptions readOptions() throws InvalidSettingsException {
        final ValidityOptions options = toOptions();
        if (!readsFile()) {
            return options;
        }
        final FSLocation location = oxidationFile();
        if (!blank(location) && location.getFSCategory() == FSCategory.CONNECTED) {
            throw new InvalidSettingsException("The " + OXIDATION_FILE + " \"" + location.getPath() + "\" is on a connected"
                + " file system, which this node has no port for: choose a local, workflow-relative, mountpoint or Hub"
                + " location.");
        }
        FileLocations.check(location, OXIDATION_FILE, false);
        final OxidationStateTable[] table = new OxidationStateTable[1];
        FileLocations.withPath(location, Optional.empty(), path -> {
            if (!Files.isRegularFile(path)) {
                throw new InvalidSettingsException("Oxidation-state file " + FileLocations.describe(location)
                    + " does not exist.");
            }
            try {
                table[0] = OxidationStateTable.fromFile(path);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException("Oxidation-state file " + FileLocations.describe(location) + ": "
                    + e.getMessage(), e);
            }
        });
        return new ValidityOptions(options.checker(), options.prototype(), options.siteColumns(), table[0]);
    }

    /**
     * @return the engine's validity options (its checks of the values apply); a file table is named by its path but
     *         not read: {@link #readOptions()} reads it
     */
    public ValidityOptions toOptions() {
        final String table = switch (m_oxidationTable) {
            case ICSD24 -> OxidationStateTable.ICSD24;
            // an unset file: validate() refuses it where the composition rule runs, and elsewhere no table is used
            case FILE -> blank(oxidationFile()) ? OxidationStateTable.SMACT14 : oxidationFile().getPath().trim();
            default -> OxidationStateTable.SMACT14;
        };
        // hidden without a prototype: a value left there does not count
        final var sites = m_prototype == PrototypeChoice.NONE ? null : ValidityOptions.siteColumns(m_siteColumns);
        return new ValidityOptions(new ValidityChecker.Settings(table, m_mixedValence, m_alloyRule, m_minDistance,
            m_minVolume, m_checkComposition, m_checkStructure, m_rejectDisorder), m_prototype.prototype(), sites);
    }

    private static String capitalised(final String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
