package org.example.genmat.nodes.read;

import java.util.Optional;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.job.read.ReadSettings;
import org.example.genmat.nodes.EngineRange;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.FileReaderWidget;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.FileSelection;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.FolderSelectionWidget;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.StringColumnsProvider;

/**
 * Settings of Read Crystals. The location is KNIME's file selection (as KNIME's own readers have it): a local path,
 * a path relative to the workflow or its data area, a knime:// URL, a mountpoint or Hub location, or a location on
 * the file system of the optional file-system port.
 */
@SuppressWarnings("restriction") // FileSelection & co. are x-internal in KNIME 5.8, as used by KNIME's own readers
final class ReadCrystalsParameters implements NodeParameters {

    /** How the input text is interpreted. */
    enum Format {
        /** Decide per file (extension) or per cell (content). */
        @Label(value = "Automatic", description = "CIF when the text has a data_ block, POSCAR when it has the"
            + " POSCAR line layout, otherwise a chemical formula; files by extension.")
        AUTO,
        /** CIF 1.1 / 2.0. */
        @Label(value = "CIF", description = "Crystallographic Information File; every data block is one crystal.")
        CIF,
        /** VASP POSCAR / CONTCAR. */
        @Label(value = "POSCAR", description = "VASP POSCAR/CONTCAR (VASP 5 with element line; VASP 4 with"
            + " <i>Species</i>).")
        POSCAR,
        /** Formula or composition text. */
        @Label(value = "Formula", description = "A chemical formula such as Cs2AgBiBr6 or a composition"
            + " \"Cs:2 Ag:1 Bi:1 Br:6\"; gives composition-only rows (no structure).")
        FORMULA
    }

    /** Whether the location is one file or a folder. */
    enum LocationType {
        /** One file (a zip archive included). */
        @Label(value = "File", description = "One CIF, POSCAR/CONTCAR, formula-table or zip file.")
        FILE,
        /** A folder, read recursively. */
        @Label(value = "Folder", description = "Every crystal file in the folder and its subfolders (and in zip"
            + " archives there).")
        FOLDER
    }

    // the bounds of the threads widget: the engine's range (ReadSettings)
    static final class ThreadsMin extends EngineRange.Min {
        ThreadsMin() {
            super(ReadSettings.THREADS);
        }
    }

    static final class ThreadsMax extends EngineRange.Max {
        ThreadsMax() {
            super(ReadSettings.THREADS);
        }
    }

    static final class LocationTypeRef implements ParameterReference<LocationType> {
    }

    /** The optional table input is connected: the node reads its column, not a location. */
    static final class TableConnected implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getConstant(input -> input.getInPortSpec(TABLE_PORT).isPresent());
        }
    }

    static final class FileShown implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getPredicate(TableConnected.class).negate()
                .and(i.getEnum(LocationTypeRef.class).isOneOf(LocationType.FILE));
        }
    }

    static final class FolderShown implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getPredicate(TableConnected.class).negate()
                .and(i.getEnum(LocationTypeRef.class).isOneOf(LocationType.FOLDER));
        }
    }

    /** Index of the optional table input. */
    static final int TABLE_PORT = 0;

    /** Index of the optional file-system input. */
    static final int FILE_SYSTEM_PORT = 1;

    @Widget(title = "Read", description = "Whether the location is one file (CIF, POSCAR/CONTCAR, formula table,"
        + " crystal table written by genmat, or a zip archive of them) or a folder read recursively. Used only"
        + " when no table is connected. Default: File.")
    @ValueSwitchWidget
    @ValueReference(LocationTypeRef.class)
    @Effect(predicate = TableConnected.class, type = EffectType.HIDE)
    LocationType m_locationType = LocationType.FILE;

    @Widget(title = "File", description = "The file to read: on the local file system, relative to the workflow"
        + " or its data area (e.g. knime://knime.workflow/data/structures.cif, the way teams share workflows), on a"
        + " mountpoint or Hub space, or on the file system connected to the optional file-system port. CIF"
        + " (.cif), POSCAR/CONTCAR (.vasp, POSCAR*, CONTCAR*), formula tables (.csv with a formula or composition"
        + " column), crystal tables written by genmat and zip archives of these. Default: empty.")
    @FileReaderWidget
    @Effect(predicate = FileShown.class, type = EffectType.SHOW)
    FileSelection m_file = new FileSelection();

    @Widget(title = "Folder", description = "The folder to read, with its subfolders and the zip archives in it;"
        + " the same file systems as for a file. Default: empty.")
    @FolderSelectionWidget
    @Effect(predicate = FolderShown.class, type = EffectType.SHOW)
    FileSelection m_folder = new FileSelection();

    @Widget(title = "Format", description = "How files or cells are interpreted. Default: Automatic.")
    Format m_format = Format.AUTO;

    @Widget(title = "Structure column", description = "String column of the optional input table that holds"
        + " CIF text, POSCAR text or formulas (one structure or formula per cell). Used only when a table is"
        + " connected (for a CSV file, see <i>Structure column (CSV file)</i>). Default: the first string column.")
    @ChoicesProvider(StringColumnsProvider.class)
    @Effect(predicate = TableConnected.class, type = EffectType.SHOW)
    String m_column = "";

    @Widget(title = "Structure column (CSV file)", description = "The column of a CSV/TSV table file that holds"
        + " CIF text or formulas, when it is not called <tt>cif</tt> or <tt>formula</tt> (<tt>genmat read"
        + " --column</tt>). Used only when no table is connected. Default: empty (a <tt>cif</tt> column, else a"
        + " formula column).")
    @Effect(predicate = TableConnected.class, type = EffectType.HIDE)
    String m_csvColumn = "";

    @Widget(title = "Species (VASP 4 POSCAR)", description = "The elements of VASP 4 POSCAR/CONTCAR inputs, which"
        + " have no species line, in the order of their counts line, separated by commas, e.g. <tt>Fe, O</tt>"
        + " (<tt>genmat read --species</tt>). Inputs with a species line keep theirs. Default: empty (the species"
        + " from the file; a VASP 4 POSCAR then becomes an error row).")
    String m_species = "";

    @Widget(title = "Fail on first error", description = "When checked, the node fails at the first unreadable"
        + " input and names it; when unchecked (default), unreadable inputs become rows with the reason in the"
        + " error column and a warning reports how many.")
    boolean m_failOnFirstError;

    @Widget(title = "Parsing threads", description = "Threads that parse files and archive entries; the rows keep"
        + " the input order whatever the number (<tt>genmat read --threads</tt>). Default: 0 (all processors).")
    @NumberInputWidget(minValidation = ThreadsMin.class, maxValidation = ThreadsMax.class)
    @Advanced
    int m_threads = ReadSettings.defaults().threads();

    ReadCrystalsParameters() {
    }

    ReadCrystalsParameters(final NodeParametersInput input) {
        input.getInTableSpec(TABLE_PORT).flatMap(ReadCrystalsParameters::firstStringColumn)
            .ifPresent(c -> m_column = c);
    }

    /**
     * @param spec the input table's spec
     * @return the first string column: the default of the structure column, also when the node was added before
     *         its input was connected (KNIME then creates the settings without a spec)
     */
    static Optional<String> firstStringColumn(final DataTableSpec spec) {
        return spec.stream().filter(c -> c.getType().isCompatible(StringValue.class)).map(DataColumnSpec::getName)
            .findFirst();
    }

    /** @return the chosen file or folder */
    FSLocation location() {
        return (m_locationType == LocationType.FOLDER ? m_folder : m_file).getFSLocation();
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_format == null || m_locationType == null) {
            throw new InvalidSettingsException("Select a format and whether to read a file or a folder.");
        }
        if (m_file == null || m_file.getFSLocation() == null || m_folder == null || m_folder.getFSLocation() == null) {
            throw new InvalidSettingsException("The file and folder settings must be present.");
        }
        EngineRange.settings(this, this::settings);
    }

    /** @return the read job's settings (checked there: threads, species names) */
    ReadSettings settings() {
        return ReadSettings.defaults().withFormat(CrystalReader.Format.valueOf(m_format.name()))
            .withFailFast(m_failOnFirstError).withColumn(m_csvColumn).withSpecies(ReadSettings.species(m_species))
            .withThreads(m_threads);
    }
}
