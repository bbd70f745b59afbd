package org.example.genmat.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.io.CifReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The structure fingerprint against the reference implementation: the facts below are pymatgen
 * 2022.11.7's CrystalNN and LocalStructOrderParams under matminer's "ops" preset, averaged over
 * sites, printed by {@code org.example.genmat.bench/peers/crystalnn_fingerprint.py} (Debian python3-pymatgen) for the
 * bundled example CIFs and the first five test crystals of Perov-5 and Carbon-24.
 */
class CrystalNNFingerprintTest {

    private static final double TOLERANCE = 1e-6;

    static final Map<String, String> EXAMPLES = Map.ofEntries(
        Map.entry("NaCl", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0.200067943 1 0.5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("SrTiO3", "0 0 0.310500723 1.07651036e-13 1.11612996e-08 1.80377952e-05 0.0360668345 0.310500723 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.489499277 0.0979331132 0.489499277 0.244749638 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.2 0.2 1.93110653e-17 0.0381881308 0.114904852 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("Cs2NaBiCl6", "0.0357629781 0.0357629781 0.284621747 9.86787585e-14 1.02310506e-08 1.65344181e-05 0.03306081 0.284621747 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.479615275 0.0959668144 0.478882239 0.239538166 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.2 0.197667791 4.17906831e-17 0.0382644689 0.114570952 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("MgAl2O4", "0.0147669276 0.0147669276 0 0 0 0 0 0 0 0 0 0 0.697699903 0.171731447 0.415463716 0.24873463 0.333892209 0.337213741 0 0 0 0 0.285714286 0.0576130465 0.243257536 0.127990832 0 0 0 0.00181888332 0.00181888332 0.000788145125 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("CaF2", "0 0 0 0 0 0 0 0 0 0 0 0 0.666666667 0.0533120471 0.666666667 0.00468304303 0.15616906 0.163473043 0 0 0 0 0 0 0 0 0 0 0 0.333333333 0.333333333 0.144437545 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("TiO2", "0 0 0.00334196266 0.00253182701 0.00304191202 0.000995002197 6.40324728e-06 1.61789636e-06 0.663324704 0.391075905 0.184849416 0.248765224 0.00167098133 0.00131961682 0.000460609117 0.0011814299 0.000969607591 0.000624796962 0 0 0 0 0.331662352 0.068108996 0.319390863 0.165831176 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("ZnO", "0 0 0 0 0 0 0 0 0.0110059008 0.00479411003 0.0108671023 0.00144600566 0.987084243 0.100711099 0.977765697 0.0122229665 0.280425745 0.291763218 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.00190985645 0.000585221408 0.00072544095 0.000561015032 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("GaAs", "0 0 0 0 0 0 0 0 0 0 0 0 1 0.0799680707 1 0.00702456455 0.23425359 0.245209565 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"));

    static final Map<String, String> SHARED = Map.ofEntries(
        Map.entry("perov_5/test.csv#0", "0.0761803033 0.0761803033 0.238673127 2.90318182e-05 0.00328294068 0.0388328801 0.0838874283 0.157305262 0.0221330668 0.000887603194 0.00315444748 0.0209117411 0.528641017 0.331596002 0.10229842 0.312542065 0.321878222 0.270567812 0 0 0 0 0.100529398 0.0483929124 0.0564168365 0.039838421 0 0 0 0.0167928108 -0.000979516145 0.00367632549 0 0 0 0 0.0170502762 0.00149809204 0.00585052452 0.00468968897 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("perov_5/test.csv#1", "0.000396864072 0.000396864072 0.602268875 0.000509205414 0.000273589754 9.33404218e-05 0.0801495573 0.600828975 0.000612919734 1.066606e-05 4.9521472e-05 0.00061173588 0.000254642519 0.000169549446 2.45868142e-05 0.000254261458 0.000211840013 0.000171847122 0.000740956266 5.72566523e-05 0.00073969472 0.000561568831 0.196489569 0.0393804615 0.196002192 0.0978940875 0 0 0 0.0040741927 0.00145755217 0.00191179 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("perov_5/test.csv#2", "0.0709199931 0.0709199931 0.172302495 1.02948471e-11 7.5188241e-08 2.59879707e-05 0.0216849925 0.171469668 0 0 0 0 0.595328391 0.436207683 0.0613770428 0.464214487 0.402556708 0.3127582 0 0 0 0 0.159157298 0.0514025815 0.0530079218 0.068274932 0 0 0 0.00127323424 -4.06125498e-05 0.000355604235 0 0 0 0 0.00101858892 7.62100112e-05 0.000229327095 0.00034569852 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("perov_5/test.csv#3", "3.94321272e-05 3.94321272e-05 0.382305484 0.00134509676 0.000724325755 0.000147556592 0.0491639374 0.380617226 0.0003607193 5.93654911e-06 2.80220121e-05 0.000360356232 0.0231913714 0.0224528216 0.00161168187 0.0231662531 0.0158165619 0.0109781199 0 0 0 0 0.401364128 0.0803078977 0.401074019 0.186937566 0 0 0 0.038103715 0.0136445516 0.0178814383 0 0 0 0 0.002179732 0.000217952794 0.000544939273 0.00125310104 0 0 0 0 0.124435236 0.124428682 1.99533307e-06 0.0237622089 0.0714794674 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("perov_5/test.csv#4", "0 0 0.366301015 1.26997075e-13 1.31671042e-08 2.12793793e-05 0.0425484293 0.366301015 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.433698985 0.0867692636 0.433698985 0.216849492 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.180243527 0.180243527 1.75577114e-17 0.0344158169 0.103554279 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("carbon_24/test.csv#0", "8.67157148e-05 8.67157148e-05 0.000123218085 3.17361843e-05 0.000113880434 9.176589e-05 2.47077268e-06 3.92282702e-07 0.000169893277 6.36419801e-05 0.00016988272 2.64332385e-05 0.999620173 0.0826541713 0.999571756 0.00761853856 0.237286054 0.248278136 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("carbon_24/test.csv#1", "0.000311450136 0.000311450136 0.00861184997 0.00110698624 0.00539901307 0.00753380526 0.000851327392 0.000114788167 0.383367263 0.365596676 0.149872998 0.0230806166 0.604314168 0.224314297 0.327595576 0.318341331 0.396358387 0.396625091 0.000424401227 9.0090463e-05 0.000168734243 0.000208590309 0.00297086801 0.000954146746 0.000943927991 0.00074704132 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("carbon_24/test.csv#2", "1.26516581e-05 1.26516581e-05 0.00397380545 0.000945997395 0.00359665935 0.00305462499 9.01913744e-05 1.40379038e-05 0.0616569989 0.0310895738 0.0594933431 0.00969371983 0.898716321 0.300949192 0.698500274 0.374240553 0.490531488 0.498120537 0.0352158101 0.00837175408 0.0203306053 0.0352147918 0.000424413111 9.32550678e-05 0.000424393937 0.000147097629 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("carbon_24/test.csv#3", "0.00252709855 0.00252709855 0.00897318365 0.00285541633 0.00861607373 0.00607476603 0.0001349969 2.24052001e-05 0.0105922699 0.00505294961 0.00956518449 0.00217041415 0.942690915 0.276405299 0.744169177 0.173636337 0.481485587 0.489687945 0.0294869897 0.00860244075 0.00922827637 0.0219773916 0.00063661521 0.000209790382 0.000182678758 0.000213481818 0.0042441014 0.00161189079 0.00277541267 0 0 0 0.000424413111 0.000124315196 0.000113333914 0.00010957067 0 0 0 0 0.000424413111 6.15984167e-05 0.000115961242 4.51591735e-05 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
        Map.entry("carbon_24/test.csv#4", "0.00412299904 0.00412299904 0.00943445707 0.00450790344 0.00924072672 0.00496491703 8.2191003e-05 1.46825135e-05 0.0202125064 0.0105265224 0.0184201494 0.00528247323 0.959736626 0.235674716 0.835693615 0.171503633 0.38168962 0.390178511 0.00216445504 0.000428239993 0.000630454227 0.000695613516 0.00369233677 0.000972815248 0.00277858469 0.0010438144 0.000509295733 0.00016911471 0.000292299615 0.000127323933 1.43864814e-05 0.000119415309 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"));

    private static double[] parse(String s) {
        String[] f = s.trim().split(" ");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Double.parseDouble(f[i]);
        }
        return v;
    }

    private static Crystal example(String name) throws IOException {
        String resource = "/org/example/genmat/core/examples/" + name + ".cif";
        try (InputStream in = CrystalNNFingerprintTest.class.getResourceAsStream(resource)) {
            return CifReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".cif").get(0).crystal();
        }
    }

    @Test
    void layoutIsMatminersOpsPreset() {
        assertThat(CrystalNNFingerprint.LENGTH).isEqualTo(61);
        List<String> names = CrystalNNFingerprint.featureNames();
        assertThat(names).hasSize(61);
        assertThat(names.subList(0, 3)).containsExactly("wt CN_1", "sgl_bd CN_1", "wt CN_2");
        assertThat(names).contains("octahedral CN_6", "body-centered cubic CN_8", "cuboctahedral CN_12", "q6 CN_12");
        assertThat(names.get(60)).isEqualTo("wt CN_24");
    }

    @Test
    void exampleCrystalsMatchPymatgen() throws IOException {
        for (Map.Entry<String, String> e : EXAMPLES.entrySet()) {
            double[] got = CrystalNNFingerprint.of(example(e.getKey()));
            double[] want = parse(e.getValue());
            for (int k = 0; k < want.length; k++) {
                assertThat(got[k]).as(e.getKey() + " " + CrystalNNFingerprint.featureNames().get(k)).isCloseTo(want[k], within(TOLERANCE));
            }
        }
    }

    @Test
    void octahedralSodiumInRockSalt() throws IOException {
        double[] site = CrystalNNFingerprint.site(example("NaCl"), 0);
        int cn6 = CrystalNNFingerprint.featureNames().indexOf("wt CN_6");
        assertThat(site[cn6]).isEqualTo(1.0);
        assertThat(site[CrystalNNFingerprint.featureNames().indexOf("octahedral CN_6")]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void perov5AndCarbon24TestCrystalsMatchPymatgen() throws IOException {
        Path shared = null;
        for (Path p : new Path[] {Path.of("..", "..", "shared"), Path.of("..", "shared")}) {
            if (Files.isDirectory(p.resolve("data"))) {
                shared = p;
            }
        }
        Assumptions.assumeTrue(shared != null, "../shared/data absent: skipped");
        for (Map.Entry<String, String> e : SHARED.entrySet()) {
            String[] key = e.getKey().split("#");
            int row = Integer.parseInt(key[1]);
            String cif;
            try (Reader r = Files.newBufferedReader(shared.resolve("data").resolve(key[0]));
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setAllowMissingColumnNames(true).build().parse(r)) {
                CSVRecord rec = p.getRecords().get(row);
                cif = rec.get("cif");
            }
            double[] got = CrystalNNFingerprint.of(CifReader.read(cif, e.getKey()).get(0).crystal());
            double[] want = parse(e.getValue());
            for (int k = 0; k < want.length; k++) {
                assertThat(got[k]).as(e.getKey() + " " + CrystalNNFingerprint.featureNames().get(k)).isCloseTo(want[k], within(TOLERANCE));
            }
        }
    }

    @Test
    void coincidingSitesHaveNoFingerprint() {
        Crystal c = new Crystal(Lattice.cubic(4), List.of(Site.of(Element.of("Na"), 0, 0, 0), Site.of(Element.of("Cl"), 0, 0, 0)), "clash");
        assertThatThrownBy(() -> CrystalNNFingerprint.of(c)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coincide");
    }
}
