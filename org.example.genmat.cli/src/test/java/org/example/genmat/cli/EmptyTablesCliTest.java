package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table with a header and no rows is refused as a zero-byte one is (it gave metrics with n=0 and exit 0). */
class EmptyTablesCliTest {

    @TempDir
    Path dir;

    @Test
    void metricsAndFilterRefuseAHeaderOnlyTableAsTheyRefuseAZeroByteOne() throws Exception {
        Path hdr = Files.writeString(dir.resolve("hdr.csv"), "formula\n");
        Path train = Files.writeString(dir.resolve("train.csv"), "formula\nNaCl\n");
        Path out = dir.resolve("m.csv");

        TrainSampleCliTest.Run generated = TrainSampleCliTest.run("metrics", "--training", train.toString(), "--generated",
            hdr.toString(), "--out", out.toString());
        assertThat(generated.rc()).isEqualTo(1);
        assertThat(generated.err().strip()).isEqualTo("genmat metrics: error: " + hdr + ": empty table (no rows)");
        assertThat(out).doesNotExist();

        TrainSampleCliTest.Run training = TrainSampleCliTest.run("metrics", "--training", hdr.toString(), "--generated",
            train.toString(), "--out", out.toString());
        assertThat(training.rc()).isEqualTo(1);
        assertThat(training.err()).contains(hdr + ": empty table (no rows)");

        TrainSampleCliTest.Run filter = TrainSampleCliTest.run("filter", "--in", hdr.toString(), "--out-valid",
            dir.resolve("v.csv").toString(), "--out-invalid", dir.resolve("i.csv").toString());
        assertThat(filter.rc()).isEqualTo(1);
        assertThat(filter.err().strip()).isEqualTo("genmat filter: error: " + hdr + ": empty table (no rows)");
        assertThat(dir.resolve("v.csv")).doesNotExist();
    }
}
