package org.example.genmat.core.crystal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * QA 7 D3: "CaSO4.2H2O" read as CaH2O5.2S without a word. A '.' before digits is a hydrate dot when the digits are
 * followed by a molecule of crystallisation or by another decimal point, else a decimal point; a decimal reading that
 * could be an adduct is noted with both readings.
 */
class HydrateDotTest {

    /** The formula read, as "cell string | notes". */
    private static String read(String formula) {
        List<String> notes = new ArrayList<>();
        Composition c = Composition.parse(formula, notes::add);
        return c.toCellString() + (notes.isEmpty() ? "" : " | " + String.join(" | ", notes));
    }

    @Test
    void asciiHydratesReadAsTheMiddleDotAndStarSpellingsDo() {
        assertThat(Composition.parse("CaSO4.2H2O").formula()).isEqualTo("CaH4O6S");
        assertThat(Composition.parse("CuSO4.5H2O").formula()).isEqualTo("CuH10O9S");
        assertThat(Composition.parse("Na2CO3.10H2O").formula()).isEqualTo("CH20Na2O13");
        assertThat(Composition.parse("MgSO4.H2O").formula()).isEqualTo("H2MgO5S");
        for (String f : List.of("CaSO4.2H2O", "CuSO4.5H2O", "Na2CO3.10H2O", "MgSO4.H2O")) {
            assertThat(Composition.parse(f)).isEqualTo(Composition.parse(f.replace('.', '·')))
                .isEqualTo(Composition.parse(f.replace('.', '*')));
            assertThat(read(f)).doesNotContain("|");
        }
        // after a bracket's multiplier, a symbol without an amount, and with other solvents
        assertThat(Composition.parse("KAl(SO4)2.12H2O").formula()).isEqualTo("AlH24KO20S2");
        assertThat(Composition.parse("NaCl.2H2O").formula()).isEqualTo("ClH4NaO2");
        assertThat(Composition.parse("CaCl2.8NH3").formula()).isEqualTo("CaCl2H24N8");
    }

    @Test
    void aDecimalMultiplierAfterTheDotIsReadWithItsOwnPoint() {
        assertThat(read("CaSO4.0.5H2O")).isEqualTo("Ca:1 H:1 O:4.5 S:1");
        assertThat(read("V2O5.1.6H2O")).isEqualTo("H:3.2 O:6.6 V:2");
    }

    @Test
    void decimalAmountsStayDecimalAmountsWithoutANote() {
        assertThat(read("Fe0.5Mn0.5O")).isEqualTo("Fe:0.5 Mn:0.5 O:1");
        assertThat(read("Li0.33CoO2")).isEqualTo("Co:1 Li:0.33 O:2");
        assertThat(read("Ca0.9995")).isEqualTo("Ca:0.9995");
        assertThat(read("Ca0.9995Sr0.0005TiO3")).isEqualTo("Ca:0.9995 O:3 Sr:0.0005 Ti:1");
        assertThat(read("Cu1.8S")).isEqualTo("Cu:1.8 S:1");
        assertThat(read("La1.85Sr0.15CuO4")).isEqualTo("Cu:1 La:1.85 O:4 Sr:0.15");
        assertThat(read("Fe2.5Mn0.5O4")).isEqualTo("Fe:2.5 Mn:0.5 O:4");
        assertThat(read("YBa2Cu3O6.5")).isEqualTo("Ba:2 Cu:3 O:6.5 Y:1");
    }

    @Test
    void aDecimalPointThatCouldBeAnAdductDotIsReadAsADecimalAndNotedWithBothReadings() {
        assertThat(read("Al2O3.2SiO2")).isEqualTo("Al:2 O:5.2 Si:1 | formula 'Al2O3.2SiO2': the '.' at position 6 is"
            + " read as a decimal point (Al:2 O:5.2 Si:1); as a hydrate dot it would be Al:2 O:7 Si:2 (write '·' or '*'"
            + " for that)");
        assertThat(read("Li2.5CoO2")).isEqualTo("Co:1 Li:2.5 O:2 | formula 'Li2.5CoO2': the '.' at position 4 is read"
            + " as a decimal point (Co:1 Li:2.5 O:2); as a hydrate dot it would be Co:5 Li:2 O:10 (write '·' or '*' for"
            + " that)");
        assertThat(read("Al2O3·2SiO2")).isEqualTo("Al:2 O:7 Si:2");
    }

    @Test
    void aMoleculeOfCrystallisationAfterOneElementsAmountIsNotedWithBothReadingsAsTheOtherAdducts() {
        // Mg2 is no compound for water to join: the '.' may be Mg2.5's point, as Li2.5CoO2's
        assertThat(read("Mg2.5H2O")).isEqualTo("H:2 Mg:2.5 O:1 | formula 'Mg2.5H2O': the '.' at position 4 is read as"
            + " a decimal point (H:2 Mg:2.5 O:1); as a hydrate dot it would be H:10 Mg:2 O:5 (write '·' or '*' for that)");
        assertThat(read("Mg2·5H2O")).isEqualTo("H:10 Mg:2 O:5");
        // a compound before the dot stays a hydrate without a note
        assertThat(read("CaCl2.2H2O")).isEqualTo("Ca:1 Cl:2 H:4 O:2");
        assertThat(read("CaSO4.2H2O.Mg2.5H2O")).contains(" | formula 'CaSO4.2H2O.Mg2.5H2O': the '.' at position 15 ");
    }

    @Test
    void aDotWithoutAUnitBesideItIsStillRefused() {
        assertThatThrownBy(() -> Composition.parse("NaCl2.")).hasMessage("formula 'NaCl2.': nothing after the last '.' at position 6");
        assertThatThrownBy(() -> Composition.parse("CaSO4..2H2O")).hasMessageContaining("a '.' with no unit beside it");
    }
}
