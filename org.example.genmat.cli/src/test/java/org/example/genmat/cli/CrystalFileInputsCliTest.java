package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.cli.TrainSampleCliTest.Run;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crystal files where the commands want tables, and files named twice to read: each command judges a file as genmat
 * read does, and read reads a file once.
 */
class CrystalFileInputsCliTest {

    @TempDir
    Path dir;

    private static Run run(String... args) {
        return TrainSampleCliTest.runWithStderr(args);
    }

    @Test
    void trainOnABinaryCifGivesReadsVerdict() throws Exception {
        Path binary = Files.write(dir.resolve("binary_nul.cif"), new byte[1000]);
        String verdict = binary + ": binary data (NUL bytes), not a CIF text file";

        Run read = run("read", binary.toString(), "-o", dir.resolve("x.csv").toString());
        Run train = run("train", "--model", "vae", "--in", binary.toString(), "--representation", "structure",
            "--out", dir.resolve("y.genmat").toString());
        Run filter = run("filter", "--in", binary.toString(), "--out-valid", dir.resolve("v.csv").toString(),
            "--out-invalid", dir.resolve("r.csv").toString());

        assertThat(read.rc()).isEqualTo(1);
        assertThat(read.err()).contains(verdict);
        assertThat(train.rc()).isEqualTo(1);
        assertThat(train.err()).contains("genmat train: error: ", verdict).doesNotContain("without a tag", "\\x00");
        assertThat(filter.rc()).isEqualTo(1);
        assertThat(filter.err()).contains("genmat filter: error: " + verdict);
        assertThat(dir.resolve("y.genmat")).doesNotExist();
        assertThat(dir.resolve("v.csv")).doesNotExist();
    }

    @Test
    void aCifOrPoscarGivenAsATableIsNamedSoAndReadFirst() throws Exception {
        Path cif = Files.writeString(dir.resolve("good.cif"), "# generated using pymatgen\n" + Hostile.goodCif());
        Path poscar = Files.writeString(dir.resolve("POSCAR_NaCl"), Hostile.goodPoscar());
        String cifHint = cif + " is a CIF file, not a table; read it into a crystal table first: genmat read " + cif
            + " -o crystals.csv";
        String poscarHint = poscar + " is a POSCAR file, not a table; read it into a crystal table first: genmat read "
            + poscar + " -o crystals.csv";

        Run filter = run("filter", "--in", cif.toString(), "--out-valid", dir.resolve("v.csv").toString(),
            "--out-invalid", dir.resolve("r.csv").toString());
        Path formulas = Files.writeString(dir.resolve("g.csv"), "formula\nNaCl\n");
        Run metrics = run("metrics", "--generated", formulas.toString(), "--training", poscar.toString(), "--out",
            dir.resolve("m.csv").toString());
        Run train = run("train", "--model", "vae", "--in", poscar.toString(), "--representation", "structure",
            "--out", dir.resolve("y.genmat").toString());

        assertThat(filter.rc()).isEqualTo(1);
        assertThat(filter.err()).contains("genmat filter: error: " + cifHint).doesNotContain("no cif, composition");
        assertThat(metrics.rc()).isEqualTo(1);
        assertThat(metrics.err()).contains("genmat metrics: error: " + poscarHint);
        assertThat(train.rc()).isEqualTo(1);
        assertThat(train.err()).contains("genmat train: error: " + poscarHint).doesNotContain("no cif, composition");
    }

    @Test
    void readReadsAFileNamedAlsoInItsFolderOnceWhereFirstNamed() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Files.writeString(in.resolve("../a.cif"), Hostile.goodCif());
        Files.writeString(in.resolve("b.vasp"), Hostile.goodPoscar());
        Path folder = dir.resolve("in"), a = folder.resolve("a.cif"), b = folder.resolve("sub/b.vasp");

        Run later = run("read", folder.toString(), a.toString(), "-o", dir.resolve("o1.csv").toString());
        Run earlier = run("read", b.toString(), folder.toString(), "-o", dir.resolve("o2.csv").toString());

        assertThat(later.rc()).as(later.err()).isZero();
        assertThat(sources(dir.resolve("o1.csv"))).containsExactly(a + "#ClNa", b.toString());
        assertThat(later.err()).contains("2 rows (2 good, 0 with errors)", "genmat read: " + a + " is named twice; read once");
        assertThat(later.err().lines().filter(l -> l.contains("named twice"))).hasSize(1);
        assertThat(earlier.rc()).as(earlier.err()).isZero();
        assertThat(sources(dir.resolve("o2.csv"))).containsExactly(b.toString(), a + "#ClNa");
        assertThat(earlier.err()).contains("2 rows (2 good, 0 with errors)", "genmat read: " + b + " is named twice; read once");
    }

    private static java.util.List<String> sources(Path table) throws Exception {
        try (Stream<Map<String, String>> rows = CrystalTable.readRows(table)) {
            return rows.map(r -> r.get("source")).toList();
        }
    }
}
