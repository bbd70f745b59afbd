package org.example.genmat.nodes.train;

import org.knime.node.parameters.widget.choices.Label;

/** How crystals are turned into vectors (engine featurizers). */
enum Representation {
    /** Composition vector. */
    @Label(value = "Composition", description = "Element amounts of the reduced formula (any crystal or formula).")
    COMPOSITION("composition"),
    /** Elpasolite prototype sites. */
    @Label(value = "Elpasolite sites", description = "The four sites of the A2BB'X6 elpasolite prototype (Türk et"
        + " al.); rows that are not elpasolites are skipped.")
    ELPASOLITE("elpasolite"),
    /** Perovskite prototype sites. */
    @Label(value = "Perovskite sites", description = "The three sites of the ABX3 perovskite prototype; rows that"
        + " are not ABX3 are skipped.")
    PEROVSKITE("perovskite"),
    /** Periodic structure. */
    @Label(value = "Periodic structure", description = "Lattice plus fractional coordinates and species of every"
        + " site (needs the cif column).")
    STRUCTURE("structure");

    final String m_engineName;

    Representation(final String engineName) {
        m_engineName = engineName;
    }
}
