package org.example.genmat.core.validity;

/**
 * The verdict on one sample. {@code failedCheck} names the first check that failed (one of the
 * {@code CHECK_*} constants) and {@code reason} says why in words; both are null for a valid sample.
 * Where no structure was given for a composition-only sample, {@code structureValid} is true (nothing to reject); a
 * sample that should have been a structure and is not is structure-invalid ({@link #CHECK_NO_STRUCTURE}).
 */
public record ValidityResult(boolean compositionValid, boolean structureValid, String failedCheck, String reason) {

    /** Input could not be read (missing or unreadable composition/structure). */
    public static final String CHECK_INPUT = "input";
    /** No charge-balanced combination of oxidation states (one per element). */
    public static final String CHECK_CHARGE = "charge-balance";
    /** Charge-balanced combinations exist but every one fails the Pauling electronegativity test. */
    public static final String CHECK_ELECTRONEGATIVITY = "electronegativity";
    /** Fractional amounts: no integer formula to test. */
    public static final String CHECK_STOICHIOMETRY = "stoichiometry";
    /** Lattice lengths not positive or a value not a number. */
    public static final String CHECK_LATTICE = "lattice";
    /** Cell volume below the minimum. */
    public static final String CHECK_VOLUME = "volume";
    /** Two distinct sites closer than the cutoff. */
    public static final String CHECK_DISTANCE = "distance";
    /** Partially occupied (disordered) sites. */
    public static final String CHECK_DISORDER = "disorder";
    /** A row of a table of structures without a structure (empty cif: e.g. a generated lattice that did not decode). */
    public static final String CHECK_NO_STRUCTURE = "no-structure";
    /** Prototype-site rule broken (code without element, repeated element). */
    public static final String CHECK_PROTOTYPE = "prototype";

    /** A fully valid sample. */
    public static ValidityResult ok() {
        return new ValidityResult(true, true, null, null);
    }

    /** Composition and structure both valid. */
    public boolean valid() {
        return compositionValid && structureValid;
    }
}
