package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.ReaderFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ReadCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeInputs() throws IOException {
        ReaderFixtures.writeInputs(dir);
    }

    @Test
    void readCommandWritesTheStandardTable() throws IOException {
        Path out = dir.resolve("out.csv");
        int rc = GenmatCli.commandLine().execute("read", dir.resolve("in").toString(), dir.resolve("formulas.csv").toString(),
            "--out", out.toString());
        assertThat(rc).isZero();
        List<Map<String, String>> rows;
        try (Stream<Map<String, String>> s = CrystalTable.readRows(out)) {
            rows = s.toList();
        }
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(CrystalTable.COLUMNS);
        assertThat(rows.get(0).get("formula")).isEqualTo("ClNa");
        assertThat(rows.get(0).get("nsites")).isEqualTo("8");
        assertThat(rows.get(2).get("error")).contains("broken.cif");
        assertThat(rows.get(5).get("composition")).isEqualTo("Fe:2 O:3");

        StringWriter err = new StringWriter();
        CommandLine cl = GenmatCli.commandLine();
        cl.setErr(new PrintWriter(err));
        int failed = cl.execute("read", dir.resolve("in").toString(), "--fail-fast", "--out", dir.resolve("o2.csv").toString());
        assertThat(failed).isEqualTo(1);
        assertThat(err.toString()).contains("broken.cif").contains("line 2").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
