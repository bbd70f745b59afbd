package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityResult;
import org.junit.jupiter.api.Test;

/** A row of a table of structures without a structure is structure-invalid (it passed as valid before). */
class MissingStructureTest {

    private final SampleRows rows = new SampleRows(ValidityChecker.defaults(), null);

    private static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void anEmptyCifInATableOfStructuresFailsTheStructureCheckWithTheNote() {
        Sample s = rows.toSample("row 1", row("formula", "NaCl", "cif", "",
            "note", "invalid lattice: lattice angles 10, 10, 170 do not form a cell"));
        assertThat(s.valid()).isFalse();
        assertThat(s.validity().compositionValid()).isTrue();
        assertThat(s.validity().structureValid()).isFalse();
        assertThat(s.validity().failedCheck()).isEqualTo(ValidityResult.CHECK_NO_STRUCTURE);
        assertThat(s.validity().reason()).isEqualTo("no structure: invalid lattice: lattice angles 10, 10, 170 do not form a cell");
        assertThat(s.structureJudged()).isTrue();
        // with a composition that fails too: both verdicts, composition first
        Sample bad = rows.toSample("row 2", row("formula", "NaCl2", "cif", " ", "note", "invalid lattice"));
        assertThat(bad.validity().compositionValid()).isFalse();
        assertThat(bad.validity().structureValid()).isFalse();
        assertThat(bad.validity().failedCheck()).isEqualTo(ValidityResult.CHECK_CHARGE);
        assertThat(bad.validity().reason()).isEqualTo("charge not balanced with smact14 states; no structure: invalid lattice");
        // an empty cif without a note is a composition row of a table that mixes formulas and structures
        Sample formulaOnly = rows.toSample("row 3", row("formula", "NaCl", "cif", "", "note", ""));
        assertThat(formulaOnly.valid()).isTrue();
        assertThat(formulaOnly.structureJudged()).isFalse();
    }

    @Test
    void compositionTablesAndTheStandardCrystalTableAreUnaffected() {
        Sample comp = rows.toSample("row 1", row("formula", "NaCl", "note", "x"));
        assertThat(comp.valid()).isTrue();
        assertThat(comp.structureJudged()).isFalse();
        // genmat read / Read Crystals of a formula file: a cif column, empty by design for a composition
        Sample read = rows.toSample("row 1", CrystalTable.toRow(CrystalRecord.ofComposition("f.csv", Composition.parse("NaCl"))));
        assertThat(read.valid()).isTrue();
        assertThat(read.structureJudged()).isFalse();
    }

    @Test
    void theStructureRuleSwitchedOffDoesNotJudgeIt() {
        SampleRows off = new SampleRows(new ValidityChecker(ValidityChecker.Settings.defaults().withChecks(true, false)), null);
        assertThat(off.toSample("row 1", row("formula", "NaCl", "cif", "", "note", "invalid lattice")).valid()).isTrue();
    }
}
