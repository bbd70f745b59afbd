package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails (a full disk) names the output as given, never only the system's words. */
class OutputFilesDiskFullTest {

    @TempDir
    Path dir;

    /** A file system with no space left: every write fails as the JDK reports ENOSPC. */
    private static OutputStream full(Path temp) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
    }

    private IOException writeThrough(Path target) {
        return catchThrowableOfType(() -> {
            try (OutputFiles outputs = OutputFiles.plan(List.of(), "--out", target)) {
                outputs.opener = OutputFilesDiskFullTest::full;
                try (Writer w = outputs.writer("--out")) {
                    w.write("formula\nNaCl\n");
                }
                outputs.commit();
            }
        }, IOException.class);
    }

    @Test
    void aFullDiskNamesTheOutputAndKeepsTheEarlierFile() throws Exception {
        Path s = dir.resolve("s.csv");
        Files.writeString(s, "earlier\n");
        IOException e = writeThrough(s);
        assertThat(e).hasMessage("--out " + s + ": cannot write: No space left on device (nothing was written; an earlier " + s
            + " is unchanged)");
        assertThat(Files.readString(s)).isEqualTo("earlier\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(s); // no temporary left behind
        }
    }

    @Test
    void aFullDiskOnANewOutputSaysNothingWasWritten() {
        Path s = dir.resolve("new.csv");
        assertThat(writeThrough(s)).hasMessage("--out " + s + ": cannot write: No space left on device (nothing was written)");
        assertThat(s).doesNotExist();
    }
}
