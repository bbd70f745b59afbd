package org.example.genmat.cli.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.io.OutputFiles;

/** Writes one report file through the engine's one output mechanism ({@link OutputFiles}: temporary beside it, renamed on success). */
final class AtomicFiles {

    /** What writes the content. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, Writer w) throws IOException {
        try (OutputFiles outputs = OutputFiles.plan(List.of(), "report", target)) {
            try (OutputStream out = new BufferedOutputStream(outputs.stream("report"), 1 << 16)) {
                w.write(out);
            }
            outputs.commit();
        }
    }
}
