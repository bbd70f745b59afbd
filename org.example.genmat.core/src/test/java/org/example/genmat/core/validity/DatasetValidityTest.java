package org.example.genmat.core.validity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CrystalRecord;
import org.junit.jupiter.api.Test;

/** Published data-set validity figures (CDVAE rule, smact14), read from the shared CIFs. */
class DatasetValidityTest {

    private static final ValidityChecker CHECKER = ValidityChecker.defaults();

    /** Counts: [rows, composition-valid, structure-valid]; reasons per failed check into {@code reasons}. */
    private static int[] checkCsv(Path csv, Map<String, Integer> reasons) throws Exception {
        int[] c = new int[3];
        try (Reader r = Files.newBufferedReader(csv)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).get().parse(r)) {
                CrystalRecord cr = CifReader.read(rec.get("cif"), rec.get("material_id")).get(0);
                tally(CHECKER.check(cr), c, reasons);
            }
        }
        return c;
    }

    private static void tally(ValidityResult v, int[] c, Map<String, Integer> reasons) {
        c[0]++;
        c[1] += v.compositionValid() ? 1 : 0;
        c[2] += v.structureValid() ? 1 : 0;
        if (v.failedCheck() != null) {
            reasons.merge(v.failedCheck(), 1, Integer::sum);
        }
    }

    @Test
    void perov5TestSet() throws Exception {
        Map<String, Integer> reasons = new TreeMap<>();
        int[] c = checkCsv(SharedData.require("perov_5/test.csv"), reasons);
        System.out.println("Perov-5 test " + c[0] + " rows: composition " + pct(c[1], c[0]) + " %, structure "
            + pct(c[2], c[0]) + " % " + reasons);
        assertThat(c[0]).isEqualTo(3785);
        assertThat(pct(c[1], c[0])).isCloseTo(98.60, within(0.05));
        assertThat(pct(c[2], c[0])).isCloseTo(100.0, within(0.05));
    }

    @Test
    void carbon24TestSet() throws Exception {
        Map<String, Integer> reasons = new TreeMap<>();
        int[] c = checkCsv(SharedData.require("carbon_24/test.csv"), reasons);
        System.out.println("Carbon-24 test " + c[0] + " rows: composition " + pct(c[1], c[0]) + " %, structure "
            + pct(c[2], c[0]) + " % " + reasons);
        assertThat(c[0]).isEqualTo(2030);
        assertThat(pct(c[1], c[0])).isCloseTo(100.0, within(0.05));
        assertThat(pct(c[2], c[0])).isCloseTo(100.0, within(0.05));
    }

    /** The 652 MatterGen crystals are the entries under cifs/mattergen/ (the rest are baselines). */
    @Test
    void matterGenGeneratedCifs() throws Exception {
        Path zip = SharedData.require("generated-crystals/mattergen-data-release-cifs.zip");
        Map<String, Integer> reasons = new TreeMap<>();
        int[] c = new int[3];
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory() || !e.getName().startsWith("cifs/mattergen/") || !e.getName().endsWith(".cif")) {
                    continue;
                }
                String text = new String(z.readAllBytes(), StandardCharsets.UTF_8);
                CrystalRecord cr = CifReader.read(text, e.getName()).get(0);
                ValidityResult v = CHECKER.check(cr);
                if (!v.valid() && System.getenv("GENMAT_DEBUG") != null) {
                    System.out.println(e.getName() + ": " + v);
                }
                tally(v, c, reasons);
            }
        }
        System.out.println("MatterGen " + c[0] + " CIFs: composition " + pct(c[1], c[0]) + " %, structure "
            + pct(c[2], c[0]) + " % " + reasons);
        assertThat(c[0]).isEqualTo(652);
        assertThat(pct(c[1], c[0])).isCloseTo(82.2, within(0.05));
        assertThat(pct(c[2], c[0])).isCloseTo(99.5, within(0.05));
    }

    private static double pct(int k, int n) {
        return 100.0 * k / n;
    }
}
