package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.example.genmat.core.io.ReaderFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class BenchCifColumnTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new BenchCommand()).execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
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
