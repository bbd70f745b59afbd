package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.example.genmat.core.io.ReaderFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class BenchReadTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeInputs() throws IOException {
        ReaderFixtures.writeInputs(dir);
    }

    @Test
    void benchReadReportsThroughput() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new BenchCommand()).execute("read", dir.resolve("in").toString())).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("5 inputs").contains("4 crystals").contains("1 errors")
            .contains("files/s").contains("MB/s");
    }
}
