package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.example.genmat.core.crystal.Composition;
import org.junit.jupiter.api.Test;

/** A table row's composition: the {@code composition} column as this table writes it, or holding a formula. */
class CrystalTableRowTest {

    @Test
    void theCompositionColumnHoldsTheCellFormOrAFormula() {
        assertThat(CrystalTable.fromRow(Map.of("composition", "Na:1 Cl:1")).composition()).isEqualTo(Composition.parse("NaCl"));
        // the study's samples-<name>.csv, pymatgen and matminer tables write a formula there
        CrystalRecord r = CrystalTable.fromRow(Map.of("source", "row 2", "composition", "CaF6NaRb2", "formula", "CaNaRb2F6"));
        assertThat(r.ok()).isTrue();
        assertThat(r.composition()).isEqualTo(Composition.parse("CaNaRb2F6"));
        CrystalRecord bad = CrystalTable.fromRow(Map.of("source", "row 3", "composition", "Xq2"));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.error()).startsWith("row 3: ");
    }
}
