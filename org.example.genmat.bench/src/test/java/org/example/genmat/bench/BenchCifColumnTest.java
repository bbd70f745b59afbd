package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.example.genmat.core.io.ReaderFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.example.genmat.core.job.CapturedRun;

import picocli.CommandLine;

class BenchCifColumnTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        CapturedRun r = CapturedRun.of(err -> new CommandLine(new BenchCommand()).setErr(err).execute(args));
        assertThat(r.rc()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void comparesBothPathsOnTheCrystalsRepeatedToTheRowsAsked() throws IOException {
        ReaderFixtures.writeInputs(dir);
        String out = run("cif-column", "--rows", "40", "--repeat", "2", dir.resolve("in").toString());
        assertThat(out).contains("40 rows").contains("2 passes").contains("pass 2:").contains("general path:")
            .contains("P1 fast path:").contains("CSV cells alone").contains("rows whose records differ: 0");
    }

    @Test
    void refusesInputsWithoutCrystals() throws IOException {
        Path formulas = dir.resolve("formulas.csv");
        java.nio.file.Files.writeString(formulas, "formula\nNaCl\n");
        assertThat(new CommandLine(new BenchCommand()).execute("cif-column", formulas.toString())).isEqualTo(1);
        assertThat(new CommandLine(new BenchCommand()).execute("cif-column", "--rows", "0", formulas.toString())).isEqualTo(2);
    }
}
