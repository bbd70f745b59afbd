package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.crystal.Composition;
import org.junit.jupiter.api.Test;

/** Real data from ../shared/data (skipped when absent). */
class SharedDataSetsTest {

    @Test
    void everyCodTestCifReadsToACrystalOrACleanErrorRow() throws IOException {
        Path cod = SharedData.require("data/cif/cod-tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(cod)) {
            files = s.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
        }
        int crystals = 0, errors = 0;
        List<String> errorLines = new ArrayList<>();
        for (Path f : files) {
            List<CrystalRecord> recs = CifReader.read(f);
            assertThat(recs).as(f.toString()).isNotEmpty();
            for (CrystalRecord r : recs) {
                if (r.ok()) {
                    crystals++;
                    assertThat(r.crystal().numSites()).isPositive();
                    assertThat(r.composition().isEmpty()).isFalse();
                } else {
                    errors++;
                    assertThat(r.error()).startsWith(f.getFileName().toString() + ":");
                    errorLines.add(r.error());
                }
            }
        }
        System.out.printf("COD test CIFs: %d files -> %d crystals, %d clean error rows%n", files.size(), crystals, errors);
        errorLines.forEach(e -> System.out.println("  " + e));
        assertThat(files).hasSizeGreaterThanOrEqualTo(100);
        assertThat(crystals).isGreaterThan(100);
    }

    @Test
    void everyPerov5CifCellReadsAndMatchesItsFormula() throws IOException {
        Path dir = SharedData.require("data/perov_5");
        int n = 0;
        for (String split : List.of("val.csv", "test.csv")) {
            try (Stream<Map<String, String>> rows = CrystalTable.readRows(dir.resolve(split))) {
                for (Map<String, String> row : (Iterable<Map<String, String>>) rows::iterator) {
                    CrystalRecord r = CifReader.read(row.get("cif"), split + "#" + row.get("material_id")).get(0);
                    assertThat(r.error()).as(r.source()).isNull();
                    assertThat(r.crystal().numSites()).isEqualTo(5);
                    assertThat(r.composition().reducedFormula()).as(r.source())
                        .isEqualTo(Composition.parse(row.get("formula")).reducedFormula());
                    n++;
                }
            }
        }
        System.out.println("Perov-5: " + n + " cif cells read, compositions match the formula column");
        assertThat(n).isEqualTo(3787 + 3785);
    }

    @Test
    void everyCarbon24CifCellReadsAsPureCarbon() throws IOException {
        Path dir = SharedData.require("data/carbon_24");
        int n = 0;
        for (String split : List.of("val.csv", "test.csv")) {
            try (Stream<CrystalRecord> recs = CrystalReader.read(List.of(dir.resolve(split)))) {
                for (CrystalRecord r : (Iterable<CrystalRecord>) recs::iterator) {
                    assertThat(r.error()).as(r.source()).isNull();
                    assertThat(r.composition().reducedFormula()).isEqualTo("C");
                    assertThat(r.crystal().numSites()).isBetween(6, 24);
                    assertThat(r.composition().totalAtoms()).isEqualTo(r.crystal().numSites());
                    n++;
                }
            }
        }
        System.out.println("Carbon-24: " + n + " cif cells read");
        assertThat(n).isEqualTo(2032 + 2030);
    }

    @Test
    void mattergenArchiveReads() {
        Path zip = SharedData.require("data/generated-crystals/mattergen-data-release-cifs.zip");
        long good, bad;
        try (Stream<CrystalRecord> recs = CrystalReader.read(List.of(zip))) {
            List<CrystalRecord> all = recs.toList();
            good = all.stream().filter(CrystalRecord::ok).count();
            bad = all.size() - good;
            assertThat(all).allMatch(r -> r.source().contains("mattergen-data-release-cifs.zip!/"));
        }
        System.out.println("MatterGen archive: " + good + " crystals, " + bad + " error rows");
        assertThat(good).isGreaterThanOrEqualTo(700);
    }
}
