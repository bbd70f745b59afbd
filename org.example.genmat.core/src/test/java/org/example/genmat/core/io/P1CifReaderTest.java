package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.crystal.Species;
import org.junit.jupiter.api.Test;

/**
 * The P1 fast path of {@link CifReader#read(String, String)} gives exactly the general path's records for what it
 * recognises, recognises everything {@link CifWriter} writes, and leaves anything else to the general path.
 */
class P1CifReaderTest {

    /** Records equal bit for bit: lattice doubles, sites in order with labels, species in order, occupancies. */
    private static void assertIdentical(List<CrystalRecord> fast, List<CrystalRecord> general, String what) {
        assertThat(fast).as(what).hasSameSizeAs(general);
        for (int i = 0; i < fast.size(); i++) {
            CrystalRecord f = fast.get(i), g = general.get(i);
            assertThat(f).as(what).isEqualTo(g);
            if (g.hasStructure()) {
                Crystal fc = f.crystal(), gc = g.crystal();
                for (int r = 0; r < 3; r++) {
                    for (int k = 0; k < 3; k++) {
                        assertThat(Double.doubleToRawLongBits(fc.lattice().matrix()[r][k]))
                            .isEqualTo(Double.doubleToRawLongBits(gc.lattice().matrix()[r][k]));
                    }
                }
                for (int s = 0; s < gc.numSites(); s++) {
                    Site fs = fc.sites().get(s), gs = gc.sites().get(s);
                    assertThat(fs.label()).isEqualTo(gs.label());
                    assertThat(List.copyOf(fs.species().entrySet())).as(what).isEqualTo(List.copyOf(gs.species().entrySet()));
                    for (int k = 0; k < 3; k++) {
                        assertThat(Double.doubleToRawLongBits(fs.frac(k))).isEqualTo(Double.doubleToRawLongBits(gs.frac(k)));
                    }
                }
                assertThat(fc.spaceGroupSymbol()).isEqualTo(gc.spaceGroupSymbol());
                assertThat(fc.spaceGroupNumber()).isEqualTo(gc.spaceGroupNumber());
                assertThat(CrystalTable.toRow(f)).isEqualTo(CrystalTable.toRow(g));
            }
        }
    }

    private static boolean recognised(String text) {
        return P1CifReader.read(text.getBytes(StandardCharsets.UTF_8), "t") != null;
    }

    /** CifWriter's text of the crystal goes through the fast path and reads back as the general path reads it. */
    private static void checkWritten(Crystal c, String what) {
        String text = CifWriter.write(c);
        assertThat(recognised(text)).as(what + " written by CifWriter is recognised").isTrue();
        assertIdentical(CifReader.read(text, what), CifReader.readGeneral(text, what), what);
    }

    /** The default entry point and the general path agree on this text (whichever path it takes). */
    private static void checkSame(String text, String what) {
        assertIdentical(CifReader.read(text, what), CifReader.readGeneral(text, what), what);
    }

    @Test
    void everyCrystalOfTheRealSetsReadsTheSameThroughBothPaths() throws IOException {
        Path data = SharedData.require("data");
        int written = 0, cells = 0, cellsFast = 0;
        for (String set : List.of("perov_5/val.csv", "perov_5/test.csv", "carbon_24/val.csv", "carbon_24/test.csv")) {
            Path file = data.resolve(set);
            if (!Files.exists(file)) {
                continue;
            }
            try (Stream<Map<String, String>> rows = CrystalTable.readRows(file)) {
                for (Map<String, String> row : (Iterable<Map<String, String>>) rows::iterator) {
                    String cif = row.get("cif"), what = set + "#" + row.get("material_id");
                    // the cell as the data set gives it (pymatgen's P1 layout) ...
                    checkSame(cif, what);
                    cells++;
                    cellsFast += recognised(cif) ? 1 : 0;
                    // ... and as our own tables carry it
                    checkWritten(CifReader.readGeneral(cif, what).get(0).crystal(), what);
                    written++;
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (String set : List.of("cif/cod-tests", "generated-crystals/mattergen-data-release-cifs.zip")) {
            if (Files.exists(data.resolve(set))) {
                files.add(data.resolve(set));
            }
        }
        try (Stream<CrystalRecord> records = CrystalReader.read(files)) {
            for (CrystalRecord r : (Iterable<CrystalRecord>) records::iterator) {
                if (r.hasStructure()) {
                    checkWritten(r.crystal(), r.source());
                    written++;
                }
            }
        }
        // user files keep their exact records and messages (errors included)
        int codFiles = 0;
        if (Files.isDirectory(data.resolve("cif/cod-tests"))) {
            try (Stream<Path> s = Files.walk(data.resolve("cif/cod-tests"))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".cif")).sorted().toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    checkSame(text, f.getFileName().toString());
                    codFiles++;
                }
            }
        }
        System.out.printf("P1 fast path: %d crystals written by CifWriter identical through both paths; %d data-set cells"
            + " (%d in the P1 layout) and %d COD files read the same%n", written, cells, cellsFast, codFiles);
        assertThat(written).isGreaterThan(10_000);
        assertThat(cellsFast).isEqualTo(cells); // pymatgen writes the same layout
    }

    private static Crystal mixed() {
        Lattice l = Lattice.fromParameters(5.1, 5.2, 7.3, 88, 95, 101);
        Map<Species, Double> feNi = new LinkedHashMap<>();
        feNi.put(new Species(Element.of("Fe"), 2.0), 0.5);
        feNi.put(new Species(Element.of("Ni"), 2.0), 0.5);
        List<Site> sites = List.of(new Site(feNi, new double[] {0, 0, 0}, "M1"),
            new Site(Map.of(new Species(Element.of("O"), -2.0), 1.0), new double[] {0.5, 0.5, 0.5}, "O1"),
            new Site(Map.of(Species.of(Element.of("Li")), 0.25), new double[] {-0.25, 1.0, 0.99999999999999}, "Li 1"),
            Site.of(Element.of("Cs"), 0.123456789012345, 0.75, 0.25));
        return new Crystal(l, sites, "odd");
    }

    @Test
    void mixedSitesOxidationStatesAndOddCoordinatesTakeTheFastPathWithTheSameResult() {
        checkWritten(mixed(), "mixed.cif");
        CrystalRecord r = CifReader.read(CifWriter.write(mixed()), "mixed.cif").get(0);
        assertThat(r.crystal().numSites()).isEqualTo(4); // the Fe/Ni rows at one position merged again
        assertThat(r.spaceGroup()).isEqualTo("P 1");
    }

    @Test
    void anythingButTheExactLayoutTakesTheGeneralPath() {
        String p1 = CifWriter.write(mixed());
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("an extra symmetry operation", p1.replace("  1  'x, y, z'\n", "  1  'x, y, z'\n  2  '-x, -y, -z'\n"));
        hostile.put("another operation", p1.replace("'x, y, z'", "'x+1/2, y, z'"));
        hostile.put("another space group", p1.replace("'P 1'", "'P -1'"));
        hostile.put("another number", p1.replace("_symmetry_Int_Tables_number   1", "_symmetry_Int_Tables_number   2"));
        hostile.put("a second block", p1 + p1.replace("data_", "data_second"));
        hostile.put("CRLF line ends", p1.replace("\n", "\r\n"));
        hostile.put("a tab", p1.replace("  Cs  Cs  1", "\tCs  Cs  1"));
        hostile.put("a quoted label", p1.replace("  Cs  Cs  1", "  Cs  'Cs 9'  1"));
        hostile.put("an unknown coordinate", p1.replace("0.7500000000", "?"));
        hostile.put("an inapplicable coordinate", p1.replace("0.7500000000", "."));
        hostile.put("a coordinate with an uncertainty", p1.replace("0.7500000000", "0.75(2)"));
        hostile.put("an empty site", p1.replace("0.2500000000  1.0000000000", "0.2500000000  0.0000000000"));
        hostile.put("an occupancy above 1", p1.replace("0.2500000000  1.0000000000", "0.2500000000  1.2000000000"));
        hostile.put("overfull shared position", p1.replace("0.0000000000  0.5000000000\n", "0.0000000000  0.9000000000\n"));
        hostile.put("an unknown element", p1.replace("  Cs  Cs  1", "  Qq  Qq  1"));
        hostile.put("a flat cell", p1.replaceAll("_cell_angle_(alpha|beta|gamma)   [0-9.]+", "_cell_angle_$1   120.0"));
        hostile.put("a negative length", p1.replace("_cell_length_a   ", "_cell_length_a   -"));
        hostile.put("a label read as a block", p1.replace("  Cs  Cs  1", "  Cs  data_x  1"));
        hostile.put("an item more", p1.replace("_cell_volume", "_exptl_crystal_colour   red\n_cell_volume"));
        hostile.put("a comment inside", p1.replace("loop_\n _atom_site_type_symbol", "# sites\nloop_\n _atom_site_type_symbol"));
        hostile.put("no sites", p1.substring(0, p1.indexOf("  Fe2+  M1")));
        hostile.put("a byte-order mark", "\uFEFF" + p1);
        hostile.put("CIF 2", "#\\#CIF_2.0\n" + p1);
        hostile.put("a non-ASCII label", p1.replace("  Cs  Cs  1", "  Cs  Cs\u00e9  1"));
        for (Map.Entry<String, String> e : hostile.entrySet()) {
            assertThat(recognised(e.getValue())).as(e.getKey()).isFalse();
            checkSame(e.getValue(), e.getKey() + ".cif");
        }
        // an extra operation is applied, not ignored
        assertThat(CifReader.read(hostile.get("an extra symmetry operation"), "x").get(0).crystal().numSites())
            .isGreaterThan(4);
        // and the messages stay the general path's
        assertThat(CifReader.read(hostile.get("an occupancy above 1"), "bad.cif").get(0).error())
            .isEqualTo(CifReader.readGeneral(hostile.get("an occupancy above 1"), "bad.cif").get(0).error())
            .contains("occupancy");
        // harmless variations of the layout are still recognised
        Map<String, String> benign = new LinkedHashMap<>();
        benign.put("no final line feed", p1.substring(0, p1.length() - 1));
        benign.put("trailing blank lines", p1 + "\n  \n\n");
        benign.put("pymatgen's comment", p1.replace("# generated by GenMat", "# generated using pymatgen"));
        benign.put("no comment", p1.substring(p1.indexOf('\n') + 1));
        benign.put("primes and stars in labels (AMCSD)", p1.replace("  Cs  Cs  1", "  Cs  Cs1'*^#  1"));
        benign.put("negative zero", p1.replace("  0.0000000000  0.0000000000  0.0000000000", "  -0.0000000000  0.0000000000  -0"));
        for (Map.Entry<String, String> e : benign.entrySet()) {
            assertThat(recognised(e.getValue())).as(e.getKey()).isTrue();
            checkSame(e.getValue(), e.getKey() + ".cif");
        }
    }

    @Test
    void tableCellsAreReadThroughTheFastPathWithTheRecordsOfTheGeneralPath() {
        CrystalRecord written = CifReader.read(CifWriter.write(mixed()), "in.cif").get(0);
        Map<String, String> row = CrystalTable.toRow(written);
        assertThat(CrystalTable.fromRow(row)).isEqualTo(CrystalTable.fromRow(row, CifReader::readGeneral));
        row.put("source", "");
        assertThat(CrystalTable.fromRow(row)).isEqualTo(CrystalTable.fromRow(row, CifReader::readGeneral));
    }
}
