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

    @Test
    void readingOneTableKeepsItsOtherColumnsAfterTheStandardOnes() throws IOException {
        Path csv = dir.resolve("classes.csv");
        java.nio.file.Files.writeString(csv, "formula,stability_class,formation_energy\nCs2NaBiCl6,1,-1.2345678901\n"
            + "Xx2Qq,2,0.5\n");
        Path out = dir.resolve("kept.csv");
        assertThat(GenmatCli.commandLine().execute("read", csv.toString(), "--out", out.toString())).isZero();
        List<Map<String, String>> rows;
        try (Stream<Map<String, String>> s = CrystalTable.readRows(out)) {
            rows = s.toList();
        }
        assertThat(rows.get(0).keySet()).startsWith(CrystalTable.COLUMNS.toArray(String[]::new))
            .endsWith("stability_class", "formation_energy").hasSize(CrystalTable.COLUMNS.size() + 2);
        assertThat(rows.get(0).get("stability_class")).isEqualTo("1");
        assertThat(rows.get(0).get("formation_energy")).as("written as read").isEqualTo("-1.2345678901");
        assertThat(rows.get(1).get("error")).contains("Xx2Qq");
        assertThat(rows.get(1).get("stability_class")).isEqualTo("2");
    }
}
