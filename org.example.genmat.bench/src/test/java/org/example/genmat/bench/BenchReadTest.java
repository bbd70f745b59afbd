package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.example.genmat.core.io.ReaderFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.example.genmat.core.job.CapturedRun;

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
        CapturedRun r = CapturedRun.of(err -> new CommandLine(new BenchCommand()).setErr(err).execute("read", dir.resolve("in").toString()));
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("5 inputs").contains("4 crystals").contains("1 errors")
            .contains("files/s").contains("MB/s");
    }
}
