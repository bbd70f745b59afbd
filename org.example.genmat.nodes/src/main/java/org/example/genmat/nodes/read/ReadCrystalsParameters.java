package org.example.genmat.nodes.read;

import org.example.genmat.nodes.NumberBounds;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.StringColumnsProvider;

/** Settings of Read Crystals. */
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
        @Label(value = "POSCAR", description = "VASP POSCAR/CONTCAR (VASP 5 with element line).")
        POSCAR,
        /** Formula or composition text. */
        @Label(value = "Formula", description = "A chemical formula such as Cs2AgBiBr6 or a composition"
            + " \"Cs:2 Ag:1 Bi:1 Br:6\"; gives composition-only rows (no structure).")
        FORMULA
    }

    @Widget(title = "Location", description = "File, folder or zip archive to read when no input table is"
        + " connected: CIF (.cif), POSCAR/CONTCAR (.vasp, POSCAR*, CONTCAR*), formula tables (.csv with a formula"
        + " or composition column) and crystal tables written by genmat. Folders and zips are read recursively."
        + " Default: empty (must be set unless a table is connected).")
    String m_location = "";

    @Widget(title = "Format", description = "How files or cells are interpreted. Default: Automatic.")
    Format m_format = Format.AUTO;

    @Widget(title = "Structure column", description = "String column of the optional input table that holds"
        + " CIF text, POSCAR text or formulas (one structure or formula per cell). Used only when a table is"
        + " connected. Default: the first string column.")
    @ChoicesProvider(StringColumnsProvider.class)
    String m_column = "";

    @Widget(title = "Fail on first error", description = "When checked, the node fails at the first unreadable"
        + " input and names it; when unchecked (default), unreadable inputs become rows with the reason in the"
        + " error column and a warning reports how many.")
    boolean m_failOnFirstError;

    ReadCrystalsParameters() {
    }

    ReadCrystalsParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).flatMap(spec -> spec.stream()
            .filter(c -> c.getType().isCompatible(org.knime.core.data.StringValue.class)).findFirst())
            .ifPresent(c -> m_column = c.getName());
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_format == null) {
            throw new InvalidSettingsException("Select a format.");
        }
        NumberBounds.check(this);
    }
}
