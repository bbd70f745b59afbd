package org.example.genmat.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.genmat.core.reliability.Hostile.cif;
import static org.example.genmat.core.reliability.Hostile.cubic;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and malformed inputs for the reader, each built at test time beside two good files
 * ({@code a_good.cif}, {@code z_good.vasp}) in one folder. For every case: the read ends within
 * seconds; both good files still give their own good rows; the hostile input gives the rows (or
 * skips) the case expects, named by its file, with a message that holds no control character.
 */
class ReaderReliabilityTest {

    @TempDir
    Path root;

    /** Builds the hostile input(s) into a folder. */
    @FunctionalInterface
    interface Setup {
        void make(Path dir) throws Exception;
    }

    /** Checks the hostile input's records and what the read reported as skipped. */
    @FunctionalInterface
    interface Check {
        void check(List<CrystalRecord> hostile, List<String> skipped) throws Exception;
    }

    private record Case(String name, Setup setup, Check check) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void add(String name, Setup setup, Check check) {
        cases.add(new Case(name, setup, check));
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static void write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    /** One error record whose message holds every part. */
    private static Check error(String... parts) {
        return (h, s) -> {
            assertThat(h).as("hostile records").hasSize(1);
            assertThat(h.get(0).ok()).as("an error record").isFalse();
            assertThat(h.get(0).error()).contains(parts);
        };
    }

    /** One good record with that reduced formula (and warning parts, if any). */
    private static Check ok(String formula, String... warning) {
        return (h, s) -> {
            assertThat(h).as("hostile records").hasSize(1);
            assertThat(h.get(0).error()).as("error").isNull();
            assertThat(h.get(0).composition().reducedFormula()).isEqualTo(formula);
            if (warning.length == 0) {
                assertThat(h.get(0).warning()).isEmpty();
            } else {
                assertThat(h.get(0).warning()).contains(warning);
            }
        };
    }

    /** No record; something reported as skipped with these words. */
    private static Check skipped(String... parts) {
        return (h, s) -> {
            assertThat(h).as("hostile records").isEmpty();
            assertThat(String.join("\n", s)).contains(parts);
        };
    }

    @TestFactory
    Stream<DynamicTest> hostileInputs() throws Exception {
        String nacl = Hostile.goodCif();

        // --- 1. one bad file never takes other files' rows; 2. resource bombs
        add("zip bomb: an entry inflating to 80 MiB, a good entry after it", d -> Hostile.zipBomb(d.resolve("bomb.zip"),
            "big.cif", 80, Map.of("ok.cif", nacl.getBytes(StandardCharsets.UTF_8))), (h, s) -> {
                assertThat(h).hasSize(2);
                assertThat(h.get(0).source()).endsWith("bomb.zip!/big.cif");
                assertThat(h.get(0).error()).contains("larger than 64 MiB");
                assertThat(h.get(1).ok()).isTrue();
                assertThat(h.get(1).source()).contains("bomb.zip!/ok.cif");
            });
        add("file of 70 MiB (sparse) named .cif", d -> {
            try (RandomAccessFile f = new RandomAccessFile(d.resolve("huge.cif").toFile(), "rw")) {
                f.setLength(70L << 20);
            }
        }, error("huge.cif", "larger than 64 MiB"));
        add("POSCAR header claiming two billion atoms", d -> write(d.resolve("claims.vasp"),
            "x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa\n2000000000\nDirect\n0 0 0\n"), error("claims.vasp", "line 7", "claim"));
        add("POSCAR counts overflowing an int", d -> write(d.resolve("overflow.vasp"),
            "x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n2147483647 2147483647\nDirect\n0 0 0\n"), error("overflow.vasp", "claim"));
        add("symmetry expansion to millions of sites (11,000 sites x 192 operations)", d -> {
            StringBuilder b = new StringBuilder("data_bomb\n" + cubic(50) + "\n_symmetry_space_group_name_H-M 'F m -3 m'\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n");
            java.util.Random r = new java.util.Random(1);
            for (int i = 0; i < 11_000; i++) {
                b.append("Na").append(i).append(' ').append(r.nextDouble()).append(' ').append(r.nextDouble()).append(' ')
                    .append(r.nextDouble()).append('\n');
            }
            write(d.resolve("expand.cif"), b.toString());
        }, error("expand.cif", "at most 200000"));
        add("50 MB single value in a coordinate: the message echoes at most 60 characters of it", d -> {
            String big = "9".repeat(50_000_000);
            write(d.resolve("long.cif"), cif(cubic(5), "Na " + big + "x 0 0 1"));
        }, (h, s) -> {
            error("long.cif", "is not a number", "(50000001 chars)").check(h, s);
            assertThat(h.get(0).error().length()).isLessThan(400);
        });
        add("loop of more than four million values", d -> {
            StringBuilder b = new StringBuilder("data_l\n" + cubic(5) + "\nloop_\n_x\n");
            for (int i = 0; i < 4_100_000; i++) {
                b.append("1\n");
            }
            write(d.resolve("loop.cif"), b.toString());
        }, error("loop.cif", "more than 4000000 values"));
        add("partial occupancy on 40,000 sites finishes in linear time", d -> {
            StringBuilder b = new StringBuilder();
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                double x = (i % 100) / 100.0, y = ((i / 100) % 100) / 100.0, z = (i / 10_000) / 2.0;
                rows.add("Na " + x + " " + y + " " + z + " 0.5");
                rows.add("K " + x + " " + y + " " + z + " 0.5");
            }
            write(d.resolve("disorder.cif"), cif(cubic(300), rows.toArray(String[]::new)) + b);
        }, (h, s) -> {
            assertThat(h).hasSize(1);
            assertThat(h.get(0).ok()).isTrue();
            assertThat(h.get(0).crystal().numSites()).isEqualTo(20_000);
        });

        // --- 3. things that are not regular files
        add("FIFO named like a CIF (would block a reader forever)", d -> assumeTrue(Hostile.mkfifo(d.resolve("pipe.cif"))),
            error("pipe.cif", "not a regular file (a FIFO)"));
        add("FIFO with another name is skipped and reported", d -> assumeTrue(Hostile.mkfifo(d.resolve("pipe"))),
            skipped("pipe", "not a regular file (a FIFO)"));
        add("/dev/zero behind a link named like a CIF", d -> Files.createSymbolicLink(d.resolve("zero.cif"), Path.of("/dev/zero")),
            error("zero.cif", "not a regular file (a character device)"));
        add("symbolic-link loop of folders: each real folder read once", d -> {
            write(d.resolve("sub/inner/b.cif"), nacl);
            Files.createSymbolicLink(d.resolve("sub/inner/up"), d.resolve("sub"));
            Files.createSymbolicLink(d.resolve("sub/self"), Path.of("."));
        }, (h, s) -> {
            assertThat(h).extracting(CrystalRecord::source).singleElement().asString().contains("sub/inner/b.cif");
            assertThat(String.join("\n", s)).contains("folder already read");
        });
        add("a link to itself named like a CIF", d -> Files.createSymbolicLink(d.resolve("loop.cif"), d.resolve("loop.cif")),
            error("loop.cif", "levels of symbolic links"));
        add("a link to nothing named like a CIF", d -> Files.createSymbolicLink(d.resolve("gone.cif"), d.resolve("nothing")),
            error("gone.cif", "symbolic link to nothing"));
        add("unreadable file", d -> {
            Path p = d.resolve("secret.cif");
            write(p, nacl);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
            assumeTrue(!Files.isReadable(p), "running as root: every file is readable");
        }, error("secret.cif", "denied"));
        add("a folder named like a CIF is read", d -> write(d.resolve("dir.cif/inside.cif"), nacl), ok("ClNa"));

        // --- 4. silent skips
        for (String name : List.of("POSCAR_relaxed", "relaxed_POSCAR", "CONTCAR.1", "x.poscar", "y.vasp")) {
            add("VASP file named " + name, d -> write(d.resolve(name), Hostile.goodPoscar()), ok("AsGa"));
        }
        add("a CIF without an extension is found by its content", d -> write(d.resolve("structure"), nacl), ok("ClNa"));
        add("a POSCAR named .txt is found by its content", d -> write(d.resolve("notes.txt"), Hostile.goodPoscar()), ok("AsGa"));
        add("a non-crystal file is skipped and reported", d -> write(d.resolve("README.md"), "# hello\n"),
            skipped("README.md", "not a crystal file"));
        add("nested zip is read", d -> write(d.resolve("outer.zip"), Hostile.zip(Map.of("inner.zip",
            Hostile.zip(Map.of("c.cif", nacl.getBytes(StandardCharsets.UTF_8)))))), (h, s) -> {
                ok("ClNa").check(h, s);
                assertThat(h.get(0).source()).contains("outer.zip!/inner.zip!/c.cif");
            });
        add("zips nested four deep get an error row", d -> {
            byte[] z = Hostile.zip(Map.of("c.cif", nacl.getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < 3; i++) {
                z = Hostile.zip(Map.of("z" + i + ".zip", z));
            }
            write(d.resolve("deep.zip"), z);
        }, error("nested more than 3 deep"));
        add("a text file named .zip", d -> write(d.resolve("fake.zip"), "this is not an archive\n"),
            error("fake.zip", "not a readable zip archive"));
        add("an encrypted entry before a plain one: both get rows", d -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put("secret.cif", nacl.getBytes(StandardCharsets.UTF_8));
            m.put("plain.cif", nacl.getBytes(StandardCharsets.UTF_8));
            write(d.resolve("enc.zip"), Hostile.encryptFirstEntry(Hostile.zip(m)));
        }, (h, s) -> {
            assertThat(h).hasSize(2);
            assertThat(h.get(0).error()).contains("enc.zip!/secret.cif", "encrypted");
            assertThat(h.get(1).ok()).isTrue();
        });
        add("CSV with an unclosed quote: that row is an error, the rows after it are read", d -> write(d.resolve("f.csv"),
            "id,formula\n1,NaCl\n2,\"Fe2O3\n3,KBr\n4,MgO\n"), (h, s) -> {
                assertThat(h).hasSize(4);
                assertThat(h.get(1).error()).contains("f.csv#row 2", "line 3", "never closed");
                assertThat(h.stream().filter(CrystalRecord::ok).map(r -> r.composition().reducedFormula()))
                    .containsExactly("ClNa", "BrK", "MgO");
            });
        add("CSV with a stray quote after a quoted cell", d -> write(d.resolve("g.csv"),
            "id,formula\n1,\"NaCl\"x\n2,KBr\n"), (h, s) -> {
                assertThat(h).hasSize(2);
                assertThat(h.get(0).error()).contains("g.csv#row 1", "malformed CSV");
                assertThat(h.get(1).ok()).isTrue();
            });
        add("CSV with stray quotes in two rows", d -> write(d.resolve("h.csv"),
            "id,formula\n1,Na\"Cl\n2,KBr\n3,Mg\"O\n4,LiF\n"), (h, s) -> {
                assertThat(h).hasSize(4);
                assertThat(h.get(0).ok()).isFalse();
                assertThat(h.stream().filter(CrystalRecord::ok).map(r -> r.composition().reducedFormula()))
                    .contains("BrK", "FLi");
            });
        add("binary file named .csv", d -> write(d.resolve("bin.csv"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 10}),
            error("bin.csv", "binary data"));
        add("binary file named .cif", d -> write(d.resolve("bin.cif"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2}),
            error("bin.cif", "binary data", "not a CIF"));
        add("empty CIF", d -> write(d.resolve("empty.cif"), ""), error("empty.cif", "empty"));

        // --- 6. one bad value
        add("formula with an emoji", d -> write(d.resolve("emoji.csv"), "formula\nFe\uD83D\uDE00O3\nNaCl\n"), (h, s) -> {
            assertThat(h).hasSize(2);
            assertThat(h.get(0).error()).contains("unexpected character");
            assertThat(h.get(1).ok()).isTrue();
            // and the error row can be written and read back
            Path out = root.resolve("emoji-out.csv");
            CrystalTable.write(out, h);
            assertThat(Files.readString(out)).contains("\uD83D\uDE00");
        });
        add("formula of 200,000 nested parentheses", d -> write(d.resolve("deep.csv"),
            "formula\n" + "(".repeat(200_000) + "H" + ")".repeat(200_000) + "\nKCl\n"), (h, s) -> {
                assertThat(h).hasSize(2);
                assertThat(h.get(0).error()).contains("nested more than 64 deep");
                assertThat(h.get(0).error().length()).isLessThan(400);
                assertThat(h.get(1).ok()).isTrue();
            });
        add("terminal escape sequences in a CIF value are escaped in the message", d -> write(d.resolve("esc.cif"),
            cif(cubic(5), "Na \u001b[2J\u001b]0;pwned\u0007 0 0 1")), (h, s) -> {
                error("esc.cif", "\\x1b[2J").check(h, s);
                assertThat(h.get(0).error()).doesNotContain("\u001b", "\u0007");
            });
        add("a file name with an escape sequence and a newline", d -> write(d.resolve("bad\u001b[31m\nname.cif"), "data_x\n"),
            (h, s) -> {
                assertThat(h).hasSize(1);
                assertThat(h.get(0).source()).contains("bad\\x1b[31m\\nname.cif").doesNotContain("\u001b", "\n");
            });

        // --- 7. impossible structures
        add("occupancy 7.5", d -> write(d.resolve("occ.cif"), cif(cubic(5), "Na 0 0 0 7.5")),
            error("occ.cif", "occupancy 7.5 is above 1"));
        add("two labels on one position with occupancies summing to 1.5", d -> write(d.resolve("sum.cif"),
            cif(cubic(5), "Na 0 0 0 0.75", "K 0 0 0 0.75")), error("sum.cif", "sum to 1.5"));
        add("occupancies summing to 1.011 are within the documented tolerance: one mixed site", d -> write(
            d.resolve("tol.cif"), cif(cubic(5), "Mn 0 0 0 0.622", "Fe 0 0 0 0.145", "Mg 0 0 0 0.143", "Zn 0 0 0 0.101",
                "O 0.5 0.5 0.5 1")), (h, s) -> {
                    assertThat(h).hasSize(1);
                    assertThat(h.get(0).crystal().numSites()).isEqualTo(2);
                });
        add("coordinate NaN", d -> write(d.resolve("nan.cif"), cif(cubic(5), "Na NaN 0 0 1")), error("nan.cif", "not a number"));
        add("coordinate 1e400", d -> write(d.resolve("inf.cif"), cif(cubic(5), "Na 1e400 0 0 1")),
            error("inf.cif", "not a finite number"));
        add("Cartesian coordinate 1e308", d -> write(d.resolve("cart.cif"), "data_c\n" + cubic(5)
            + "\nloop_\n_atom_site_type_symbol\n_atom_site_Cartn_x\n_atom_site_Cartn_y\n_atom_site_Cartn_z\nNa 1e308 0 0\n"),
            error("cart.cif", "beyond"));
        add("angles 120/120/120 (a flat cell)", d -> write(d.resolve("flat.cif"), cif("_cell_length_a 5\n_cell_length_b 5\n"
            + "_cell_length_c 5\n_cell_angle_alpha 120\n_cell_angle_beta 120\n_cell_angle_gamma 120", "Na 0 0 0 1")),
            error("flat.cif", "flat"));
        add("alpha = -90", d -> write(d.resolve("neg.cif"), cif(cubic(5).replace("alpha 90", "alpha -90"), "Na 0 0 0 1")),
            error("neg.cif", "_cell_angle_alpha -90", "between 0 and 180"));
        add("gamma = 180", d -> write(d.resolve("g180.cif"), cif(cubic(5).replace("gamma 90", "gamma 180"), "Na 0 0 0 1")),
            error("g180.cif", "between 0 and 180"));
        add("space-group number 999", d -> write(d.resolve("sg999.cif"), cif(cubic(5) + "\n_space_group_IT_number 999",
            "Na 0 0 0 1")), error("sg999.cif", "999", "1 to 230"));
        add("space-group number -1", d -> write(d.resolve("sgm1.cif"), cif(cubic(5) + "\n_symmetry_Int_Tables_number -1",
            "Na 0 0 0 1")), error("sgm1.cif", "-1", "1 to 230"));
        add("operator x+y+z,y,z", d -> write(d.resolve("op.cif"), cif(cubic(5)
            + "\nloop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n'x+y+z,y,z'", "Na 0.1 0.2 0.3 1")),
            error("op.cif", "x+y+z,y,z", "not a symmetry of this cell"));
        add("cell length printed blank", d -> write(d.resolve("blank.cif"), cif(cubic(5).replace("_cell_length_a 5.0",
            "_cell_length_a ''"), "Na 0 0 0 1")), error("blank.cif", "_cell_length_a"));
        add("cell length unknown (?)", d -> write(d.resolve("unknown.cif"), cif(cubic(5).replace("_cell_length_b 5.0",
            "_cell_length_b ?"), "Na 0 0 0 1")), error("unknown.cif", "_cell_length_b"));
        add("cell length 0", d -> write(d.resolve("zero.cif"), cif(cubic(5).replace("_cell_length_c 5.0", "_cell_length_c 0"),
            "Na 0 0 0 1")), error("zero.cif", "_cell_length_c", "at least 0.001"));
        add("POSCAR with a flat cell", d -> write(d.resolve("flat.vasp"), "x\n1.0\n4 0 0\n8 0 0\n0 0 4\nNa\n1\nDirect\n0 0 0\n"),
            error("flat.vasp", "flat"));
        add("POSCAR coordinate 1e400", d -> write(d.resolve("inf.vasp"), "x\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa\n1\nDirect\n1e400 0 0\n"),
            error("inf.vasp", "not a finite number"));

        // --- 8. leniency for real files; 11. encodings
        add("quoted value not closed on its line (real COD files): read, with a warning", d -> write(d.resolve("quote.cif"),
            cif(cubic(5) + "\n_computing_molecular_graphics 'ORTEPII (Johnson, 1976)", "Na 0 0 0 1", "Cl 0.5 0.5 0.5 1")),
            ok("ClNa", "not closed on its line"));
        add("'.' written for a zero coordinate (ICSD exports): read, with a warning", d -> write(d.resolve("dot.cif"),
            cif(cubic(5), "Na . 0 0 1", "Cl 0.5 0.5 0.5 1")), ok("ClNa", "'.' read as 0"));
        add("'?' for a coordinate stays an error", d -> write(d.resolve("qm.cif"), cif(cubic(5), "Na ? 0 0 1")),
            error("qm.cif", "is not a number"));
        add("UTF-16LE CIF with a byte-order mark", d -> write(d.resolve("le.cif"), Hostile.utf16(nacl, true, true)), ok("ClNa"));
        add("UTF-16BE CIF without a byte-order mark", d -> write(d.resolve("be.cif"), Hostile.utf16(nacl, false, false)),
            ok("ClNa"));
        add("UTF-16LE POSCAR", d -> write(d.resolve("w.vasp"), Hostile.utf16(Hostile.goodPoscar(), true, true)), ok("AsGa"));
        add("CSV header with a UTF-8 byte-order mark", d -> write(d.resolve("bom.csv"),
            "\uFEFFformula\nNaCl\n".getBytes(StandardCharsets.UTF_8)), ok("ClNa"));
        add("Latin-1 CIF (old files)", d -> write(d.resolve("latin.cif"), (nacl + "\n_publ_author_name 'M\u00fcller'\n")
            .getBytes(StandardCharsets.ISO_8859_1)), ok("ClNa"));

        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> run(c)));
        }
        return tests.stream();
    }

    private void run(Case c) throws Exception {
        Path dir = root.resolve("case" + cases.indexOf(c));
        Files.createDirectories(dir);
        write(dir.resolve("a_good.cif"), Hostile.goodCif());
        write(dir.resolve("z_good.vasp"), Hostile.goodPoscar());
        c.setup().make(dir);
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        List<CrystalRecord> all = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            CrystalReader.Options o = CrystalReader.Options.defaults().withThreads(2)
                .withSkipped((p, why) -> skipped.add(p + ": " + why));
            try (Stream<CrystalRecord> s = CrystalReader.read(List.of(dir), o)) {
                return s.toList();
            }
        });
        List<CrystalRecord> good = all.stream().filter(r -> r.source().contains("_good.")).toList();
        assertThat(good).as("the good neighbours' rows").extracting(r -> r.ok() ? r.composition().reducedFormula() : r.error())
            .containsExactly("ClNa", "AsGa");
        for (CrystalRecord r : all) {
            assertThat(r.source()).as("every record names its input").isNotBlank();
            assertThat(r.source() + (r.error() == null ? "" : r.error()) + r.warning()).as("printable")
                .doesNotContainPattern("[\\x00-\\x1f\\x7f]");
        }
        List<CrystalRecord> hostile = all.stream().filter(r -> !r.source().contains("_good.")).toList();
        c.check().check(hostile, skipped);
    }
}
