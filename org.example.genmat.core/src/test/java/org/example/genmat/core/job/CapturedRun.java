package org.example.genmat.core.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * A command run inside a test with what it prints: its exit status, standard output (tables, the demo's report lines)
 * and the error writer it was given (picocli's {@code setErr}). Shared by the command-line and bench tests, which run
 * picocli commands in-process; this module has no picocli, so the caller wires the writer.
 *
 * @param rc  exit status
 * @param out what went to {@code System.out}
 * @param err what went to the error writer
 */
public record CapturedRun(int rc, String out, String err) {

    /** Runs {@code command}, giving it the error writer, with {@code System.out} captured; restores it afterwards. */
    public static CapturedRun of(ToIntFunction<PrintWriter> command) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = command.applyAsInt(new PrintWriter(err, true));
            return new CapturedRun(rc, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }
}
