package org.example.genmat.nodes.validity;

import org.example.genmat.core.metrics.SampleRows;
import org.knime.node.parameters.widget.choices.Label;

/** Prototype-site rules for candidates of a prototype representation. */
public enum Prototype {
    /** No site rules. */
    @Label(value = "None", description = "Rows are checked by their structure or composition only.")
    NONE,
    /** Elpasolite A2BB'X6. */
    @Label(value = "Elpasolite", description = "Sites A, B, C, D of ABC2D6 (from the sites column of Sample Latent"
        + " or columns A, B, C, D): every site names an element and the site rules of Türk et al. hold.")
    ELPASOLITE,
    /** Perovskite ABX3. */
    @Label(value = "Perovskite", description = "Sites A, B, X1, X2, X3 of ABX3 (from the sites column or columns A, B, X1, X2, X3); the X sites may share an element.")
    PEROVSKITE;

    /** @return the engine's prototype, null for none */
    public SampleRows.Prototype engine() {
        return this == NONE ? null : SampleRows.Prototype.forName(name());
    }
}
