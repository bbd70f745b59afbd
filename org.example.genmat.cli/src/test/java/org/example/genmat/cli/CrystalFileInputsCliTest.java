package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.example.genmat.cli.TrainSampleCliTest.Run;
import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crystal files where the commands want tables: each command judges a file as genmat read does.
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
}
