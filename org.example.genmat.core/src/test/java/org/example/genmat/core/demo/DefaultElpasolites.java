package org.example.genmat.core.demo;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.model.ModelTrainer;

/**
 * GenMat's embedded default training data: the elpasolite halides ABC2D6 that the following rule
 * enumerates (formal charges, every element a main-group element so the Türk et al. code applies):
 * <ul>
 *   <li>D ∈ {F, Cl, Br, I} (−1 each, −6 in total); the halogen is the row's class;</li>
 *   <li>C ∈ {Li, Na, K, Rb, Cs} (+1 each, +2 in total);</li>
 *   <li>A + B = +4, either A an alkali metal ≠ C and B ∈ {Al, Ga, In, Tl, Sb, Bi} (+1, +3; 5·4·6 = 120
 *       per halogen), or A &lt; B two different alkaline-earth metals of {Mg, Ca, Sr, Ba} (+2, +2;
 *       6·5 = 30 per halogen).</li>
 * </ul>
 * 150 compositions per halogen, 600 in all, in a fixed order. This is an enumeration of
 * charge-balanced candidates, not a list of known compounds.
 */
public final class DefaultElpasolites {

    public static final List<String> HALOGENS = List.of("F", "Cl", "Br", "I");
    static final List<String> ALKALI = List.of("Li", "Na", "K", "Rb", "Cs");
    static final List<String> TRIVALENT = List.of("Al", "Ga", "In", "Tl", "Sb", "Bi");
    static final List<String> ALKALINE_EARTH = List.of("Mg", "Ca", "Sr", "Ba");
    /** Name of the class column. */
    public static final String CLASS_COLUMN = "halogen";

    /** One composition with its sites and class. */
    public record Entry(String a, String b, String c, String d) {
        public Composition composition() {
            return Composition.of(java.util.Map.of(Element.of(a), 1, Element.of(b), 1, Element.of(c), 2, Element.of(d), 6));
        }

        public String formula() {
            return a + b + c + "2" + d + "6";
        }
    }

    private DefaultElpasolites() {
    }

    /** All 600 entries, halogen-major. */
    public static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String d : HALOGENS) {
            for (String c : ALKALI) {
                for (String a : ALKALI) {
                    if (a.equals(c)) {
                        continue;
                    }
                    for (String b : TRIVALENT) {
                        out.add(new Entry(a, b, c, d));
                    }
                }
                for (int i = 0; i < ALKALINE_EARTH.size(); i++) {
                    for (int j = i + 1; j < ALKALINE_EARTH.size(); j++) {
                        out.add(new Entry(ALKALINE_EARTH.get(i), ALKALINE_EARTH.get(j), c, d));
                    }
                }
            }
        }
        return out;
    }

    /** The entries as training rows with the halogen as condition value. */
    public static List<ModelTrainer.Row> rows() {
        List<ModelTrainer.Row> rows = new ArrayList<>();
        int i = 0;
        for (Entry e : entries()) {
            rows.add(new ModelTrainer.Row(CrystalRecord.ofComposition("default-elpasolites#" + (++i), e.composition()), e.d()));
        }
        return rows;
    }
}
