package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.validity.ValidityChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QA 7 D3 as the readers of formula cells see it: hydrates read whole, an adduct-or-decimal '.' warned on its row. */
class HydrateFormulaRowsTest {

    @TempDir
    Path dir;

    @Test
    void aFormulaTableReadsAsciiHydratesAndWarnsOnTheRowOfAnAmbiguousDot() throws IOException {
        Path csv = Files.writeString(dir.resolve("hyd.csv"),
            "formula\nCaSO4.2H2O\nCuSO4.5H2O\nNa2CO3.10H2O\nCuSO4·5H2O\nAl2O3.2SiO2\n");
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(csv))) {
            List<CrystalRecord> recs = s.toList();
            assertThat(recs).extracting(r -> r.composition().formula())
                .containsExactly("CaH4O6S", "CuH10O9S", "CH20Na2O13", "CuH10O9S", "Al2O5.2Si");
            assertThat(recs.subList(0, 4)).extracting(CrystalRecord::warning).containsOnly("");
            assertThat(recs.get(4).warning()).isEqualTo("formula 'Al2O3.2SiO2': the '.' at position 6 is read as a"
                + " decimal point (Al:2 O:5.2 Si:1); as a hydrate dot it would be Al:2 O:7 Si:2 (write '·' or '*' for that)");
        }
    }

    @Test
    void filterAndMetricsNameTheRowOfAnAmbiguousDot() throws IOException {
        Path csv = Files.writeString(dir.resolve("s.csv"), "formula\nCaSO4.2H2O\nLi2.5CoO2\n");
        List<String> warnings = new ArrayList<>();
        List<String> formulas = new ArrayList<>();
        new SampleRows(ValidityChecker.defaults(), null).forEach(List.of(csv), null,
            r -> formulas.add(r.sample().composition().formula()), warnings::add);
        assertThat(formulas).containsExactly("CaH4O6S", "CoLi2.5O2");
        assertThat(warnings).containsExactly("s.csv row 2: formula 'Li2.5CoO2': the '.' at position 4 is read as a"
            + " decimal point (Co:1 Li:2.5 O:2); as a hydrate dot it would be Co:5 Li:2 O:10 (write '·' or '*' for that)");
        assertThat(CrystalTable.fromRow(Map.of("formula", "CuSO4.5H2O")).composition().formula()).isEqualTo("CuH10O9S");
    }
}
