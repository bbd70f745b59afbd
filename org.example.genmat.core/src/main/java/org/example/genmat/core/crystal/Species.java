package org.example.genmat.core.crystal;

import java.util.Objects;

/** An element with an optional oxidation state, e.g. Fe, Fe3+ or O2-. */
public record Species(Element element, Double oxidationState) {

    public Species {
        Objects.requireNonNull(element, "element");
    }

    /** A species without oxidation state. */
    public static Species of(Element e) {
        return new Species(e, null);
    }

    public boolean hasOxidationState() {
        return oxidationState != null;
    }

    @Override
    public String toString() {
        if (oxidationState == null) {
            return element.symbol();
        }
        double v = oxidationState;
        String mag = Composition.formatAmount(Math.abs(v), true);
        return element.symbol() + mag + (v < 0 ? "-" : "+");
    }
}
