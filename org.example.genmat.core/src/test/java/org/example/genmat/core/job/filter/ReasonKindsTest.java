package org.example.genmat.core.job.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.example.genmat.core.crystal.Lattice;
import org.junit.jupiter.api.Test;

/**
 * filter's reasons on stderr are counted by kind: 242 undecodable lattices were 15 lines of "1 no structure: invalid
 * lattice: lattice angles alpha=146.62528932094574 ..." and no word of the rest (QA 7, D13).
 */
class ReasonKindsTest {

    @Test
    void reasonsThatDifferOnlyInTheirNumbersAreOneKindShownWithTheNumbersThatDiffer() {
        ReasonKinds kinds = new ReasonKinds();
        // the notes as an earlier genmat sample wrote them (17 digits) and as it writes them now
        kinds.add("no structure: invalid lattice: lattice angles alpha=146.62528932094574 beta=94.36970639973879 gamma=40.3608"
            + " do not form a cell");
        kinds.add("no structure: invalid lattice: lattice angles alpha=10.5 beta=10 gamma=170 do not form a cell");
        kinds.add("no structure: invalid lattice: lattice angles alpha=12° beta=15° gamma=160.25° do not form a cell");
        kinds.add("no structure: invalid lattice: lattice angles alpha=20° beta=15° gamma=150° do not form a cell");
        for (String pair : new String[] {"Na–Cl 0.30 Å < 0.5 Å", "K–Br 0.12 Å < 0.5 Å", "Na–Na 0.30 Å < 0.5 Å"}) {
            kinds.add(pair);
        }
        kinds.add("volume 0.064 Å³ < 0.1 Å³");
        kinds.add("formula 'Qq2': unknown element symbol 'Qq' at position 1");
        kinds.add("formula 'Xx3': unknown element symbol 'Xx' at position 1");
        Map<String, Long> top = kinds.top(10);
        assertThat(top).containsExactly(
            // a distance's elements and value vary, its cutoff is the same for every row
            Map.entry("distance … Å < 0.5 Å", 3L),
            Map.entry("no structure: invalid lattice: lattice angles alpha=… beta=… gamma=… do not form a cell", 2L),
            Map.entry("no structure: invalid lattice: lattice angles alpha=…° beta=15° gamma=…° do not form a cell", 2L),
            // a kind of one reason is that reason; the digits of a name ('Qq2') are no number
            Map.entry("volume 0.064 Å³ < 0.1 Å³", 1L),
            Map.entry("formula 'Qq2': unknown element symbol 'Qq' at position 1", 1L),
            Map.entry("formula 'Xx3': unknown element symbol 'Xx' at position 1", 1L));
        assertThat(kinds.size()).isEqualTo(6);
        assertThat(kinds.top(2)).hasSize(2);
    }

    @Test
    void aRowNamedInTheReasonIsNotPartOfItsKind() {
        ReasonKinds kinds = new ReasonKinds();
        kinds.add("s.csv: row 3: amount 0 for Na");
        kinds.add("s.csv: row 9: amount 0 for Na");
        assertThat(kinds.top(5)).containsExactly(Map.entry("amount 0 for Na", 2L));
    }

    /** The lattice's message carries digits a reader can use, at its source (the note genmat sample writes). */
    @Test
    void theLatticesMessageShowsItsAnglesWithTwoDecimals() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lattice.fromParameters(2.830567, 4.759501, 11.126711,
                146.62528932094574, 94.36970639973879, 40.360812345))
            .hasMessage("lattice angles alpha=146.63° beta=94.37° gamma=40.36° do not form a cell");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lattice.fromParameters(-1.23456, 4, 5, 90, 90, 90))
            .hasMessage("lattice lengths must be positive: a=-1.23 b=4 c=5 Å");
    }

    @Test
    void reasonsThatDifferOnlyInTheirFormulaAreOneKind() {
        // QA 8: 30 fractional formulas were 15 lines of 1 and hid the 30 unknown elements behind "and 45 more reasons"
        ReasonKinds kinds = new ReasonKinds();
        for (int i = 1; i <= 30; i++) {
            kinds.add("fractional amounts in Fe" + i + "." + (i % 9 + 1) + "O (disordered or non-stoichiometric): the rule needs"
                + " whole atoms");
            kinds.add("formula 'Xx" + i + "O" + (i + 1) + "': unknown element symbol 'Xx' at position 1");
        }
        kinds.add("Pauling test fails for CsCl under smact14");
        assertThat(kinds.top(10)).containsExactly(
            Map.entry("fractional amounts in … (disordered or non-stoichiometric): the rule needs whole atoms", 30L),
            Map.entry("formula '…': unknown element symbol 'Xx' at position 1", 30L),
            Map.entry("Pauling test fails for CsCl under smact14", 1L));
        assertThat(kinds.size()).isEqualTo(3);
    }
}
