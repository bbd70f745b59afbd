package org.example.genmat.nodes.validity;

import java.nio.file.Files;
import java.nio.file.Path;

import org.example.genmat.core.validity.OxidationStateTable;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityOptions;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.node.InvalidSettingsException;
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
public final class ValidityParameters implements NodeParameters {

    /** Which oxidation-state table the charge-balance rule uses. */
    enum OxidationTable {
        /** SMACT 1.4 permissive table (CDVAE). */
        @Label(value = "SMACT 1.4 (CDVAE)", description = "The permissive table used by the published CDVAE"
            + " composition-validity metric (SMACT 2.2.1's oxidation_states.txt).")
        SMACT14,
        /** ICSD-2024 filtered table. */
        @Label(value = "ICSD 2024", description = "SMACT's newer table of states seen in the ICSD (2024),"
            + " stricter than SMACT 1.4.")
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
        + " Composition-only rows pass this check. Default: on.")
    @ValueReference(CheckStructureRef.class)
    boolean m_checkStructure = true;

    @Widget(title = "Prototype sites", description = "Also apply the prototype-site rules to candidates of a"
        + " prototype representation (elpasolite or perovskite sites, from the site columns of Sample Latent)."
        + " Default: None.")
    PrototypeChoice m_prototype = PrototypeChoice.NONE;

    @Widget(title = "Oxidation-state table", description = "Table of allowed oxidation states per element."
        + " Default: SMACT 1.4 (the CDVAE definition).")
    @ValueReference(OxidationTableRef.class)
    @Effect(predicate = ChecksComposition.class, type = EffectType.SHOW)
    OxidationTable m_oxidationTable = OxidationTable.SMACT14;

    @Widget(title = "Oxidation-state file", description = "Path of the oxidation-state file when the table is"
        + " \"File\". Default: empty.")
    @Effect(predicate = ReadsOxidationFile.class, type = EffectType.SHOW)
    String m_oxidationFile = "";

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
     * Checks the values themselves; files are checked by {@link #checkFiles()} at configure and execute (KNIME calls
     * validate() when it loads a workflow, and a failure there makes the node run with default settings).
     */
    @Override
    public void validate() throws InvalidSettingsException {
        if (m_oxidationTable == OxidationTable.FILE && (m_oxidationFile == null || m_oxidationFile.isBlank())) {
            throw new InvalidSettingsException("Set the oxidation-state file or choose a built-in table.");
        }
        try {
            EngineRange.settings(this, this::toOptions);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(capitalised(e.getMessage()) + ".", e);
        }
    }

    /**
     * @throws InvalidSettingsException if the oxidation-state file is chosen but does not exist
     */
    public void checkFiles() throws InvalidSettingsException {
        if (m_checkComposition && m_oxidationTable == OxidationTable.FILE
            && !Files.isRegularFile(Path.of(m_oxidationFile.trim()))) {
            throw new InvalidSettingsException("Oxidation-state file \"" + m_oxidationFile + "\" does not exist.");
        }
    }

    /** @return the engine's validity options (its checks of the values apply) */
    public ValidityOptions toOptions() {
        final String table = switch (m_oxidationTable) {
            case ICSD24 -> OxidationStateTable.ICSD24;
            case FILE -> m_oxidationFile.trim();
            default -> OxidationStateTable.SMACT14;
        };
        return new ValidityOptions(new ValidityChecker.Settings(table, m_mixedValence, m_alloyRule, m_minDistance,
            m_minVolume, m_checkComposition, m_checkStructure, m_rejectDisorder), m_prototype.prototype(), null);
    }

    private static String capitalised(final String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
