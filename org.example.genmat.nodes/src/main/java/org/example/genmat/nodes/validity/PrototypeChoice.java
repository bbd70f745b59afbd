package org.example.genmat.nodes.validity;

import org.example.genmat.core.crystal.Prototype;
import org.knime.node.parameters.widget.choices.Label;

/** The dialog choice of a {@link Prototype} (or none); the prototype itself is defined once, in the engine. */
public enum PrototypeChoice {
    /** No site rules. */
    @Label(value = "None", description = "Rows are checked by their structure or composition only.")
    NONE(null),
    /** Elpasolite A2BB'X6. */
    @Label(value = "Elpasolite", description = "Sites A, B, C, D of ABC2D6 (the site columns of Sample Latent):"
        + " every site names an element and the site rules of Türk et al. hold.")
    ELPASOLITE(Prototype.ELPASOLITE),
    /** Perovskite ABX3. */
    @Label(value = "Perovskite", description = "Sites A, B, X1, X2, X3 of ABX3 (the site columns of Sample Latent);"
        + " the X sites may share an element.")
    PEROVSKITE(Prototype.PEROVSKITE);

    private final Prototype m_prototype;

    PrototypeChoice(final Prototype prototype) {
        m_prototype = prototype;
    }

    /** @return the engine's prototype, null for none */
    public Prototype prototype() {
        return m_prototype;
    }
}
