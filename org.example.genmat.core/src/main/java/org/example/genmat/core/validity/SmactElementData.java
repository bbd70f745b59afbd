package org.example.genmat.core.validity;

import java.util.List;

import org.example.genmat.core.crystal.Element;

/**
 * SMACT 2.2.1 element facts used by the validity rule: Pauling electronegativities exactly as that
 * version has them (Zr 0.33; none for Pm, Rn, Lr; 1.3 for Am and heavier) and the alloy rule's metal
 * list (Ge and Sb are metals; B, Si, As, Te are not). Deliberately not CDK's values: published
 * numbers only reproduce with these.
 */
final class SmactElementData {

    private static final double[] CHI = new double[Element.MAX_Z + 1];
    private static final boolean[] METAL = new boolean[Element.MAX_Z + 1];

    static {
        java.util.Arrays.fill(CHI, Double.NaN);
        for (String[] row : OxidationStateTable.readResourceCsv("pauling-electronegativity-smact14.csv")) {
            if (!row[2].isBlank()) {
                CHI[Integer.parseInt(row[0])] = Double.parseDouble(row[2]);
            }
        }
        List<String[]> metals = OxidationStateTable.readResourceCsv("alloy-metals-smact14.csv");
        for (String[] row : metals) {
            METAL[Integer.parseInt(row[0])] = true;
        }
    }

    private SmactElementData() {
    }

    /** Pauling electronegativity of SMACT 2.2.1; NaN where it has none. */
    static double pauling(int z) {
        return CHI[z];
    }

    static boolean isMetal(int z) {
        return METAL[z];
    }
}
