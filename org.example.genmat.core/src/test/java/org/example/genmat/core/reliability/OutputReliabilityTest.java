package org.example.genmat.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.example.genmat.core.io.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are never clobbered: {@link OutputFiles} refuses an output that is an input or another
 * output (by real path, links and hard links included), a folder or a device, before anything is
 * read; a failed or interrupted job leaves the earlier file untouched and no temporary behind.
 */
@Timeout(30)
class OutputReliabilityTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".genmat-tmp")).toList();
        }
    }

    @Test
    void outputEqualToAnInputIsRefusedAndTheInputKept() throws IOException {
        Path in = file("x.csv", "formula\nNaCl\n");
        assertThatThrownBy(() -> OutputFiles.plan(List.of(in), "--out", dir.resolve("./x.csv")))
            .hasMessageContaining("--out").hasMessageContaining("is the input");
        assertThat(Files.readString(in)).isEqualTo("formula\nNaCl\n");
    }

    @Test
    void outputThatIsALinkToAnInputIsRefused() throws IOException {
        Path in = file("model.genmat", "model");
        Path link = Files.createSymbolicLink(dir.resolve("link.genmat"), in);
        assertThatThrownBy(() -> OutputFiles.plan(List.of(in), "--out", link)).hasMessageContaining("is the input");
        assertThat(Files.readString(in)).isEqualTo("model");
    }

    @Test
    void outputThatIsAHardLinkOfAnInputIsRefused() throws IOException {
        Path in = file("t.csv", "data");
        Path hard = Files.createLink(dir.resolve("hard.csv"), in);
        assertThatThrownBy(() -> OutputFiles.plan(List.of(in), "--out", hard)).hasMessageContaining("is the input");
    }

    @Test
    void twoOutputsOnOneFileAreRefused() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("--out-valid", dir.resolve("v.csv"));
        m.put("--out-invalid", dir.resolve("sub/../v.csv"));
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), m)).hasMessageContaining("--out-invalid")
            .hasMessageContaining("same file as --out-valid");
    }

    @Test
    void aFolderOrADeviceIsNeverReplaced() throws IOException {
        Files.createDirectories(dir.resolve("folder"));
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", dir.resolve("folder"))).hasMessageContaining("is a folder");
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", Path.of("/dev/null")))
            .hasMessageContaining("not a regular file");
        assertThat(Files.exists(Path.of("/dev/null"))).as("/dev/null is still there").isTrue();
        Path link = Files.createSymbolicLink(dir.resolve("null.csv"), Path.of("/dev/null"));
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", link)).hasMessageContaining("not a regular file");
    }

    @Test
    void aParentThatIsAFileIsRefusedAndMissingFoldersAreCreated() throws IOException {
        Path f = file("plain", "x");
        assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", f.resolve("out.csv"))).hasMessageContaining("not a folder");
        Path deep = dir.resolve("a/b/c/out.csv");
        try (OutputFiles o = OutputFiles.plan(List.of(), "--out", deep)) {
            try (Writer w = o.writer("--out")) {
                w.write("ok\n");
            }
            o.commit();
        }
        assertThat(Files.readString(deep)).isEqualTo("ok\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedJobLeavesTheEarlierFileAndNoTemporary() throws IOException {
        Path out = file("out.csv", "earlier good result\n");
        try (OutputFiles o = OutputFiles.plan(List.of(), "--out", out)) {
            try (Writer w = o.writer("--out")) {
                w.write("half a resu");
            }
            assertThat(leftovers()).hasSize(1);
            assertThat(leftovers().get(0).getFileName().toString()).startsWith(".out.csv.");
            // the job fails here: no commit
        }
        assertThat(Files.readString(out)).isEqualTo("earlier good result\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aSuccessfulJobReplacesTheFileAtOnce() throws IOException {
        Path out = file("out.csv", "old\n");
        Path other = dir.resolve("tags.csv");
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("--out", out);
        m.put("--tags", other);
        try (OutputFiles o = OutputFiles.plan(List.of(), m)) {
            try (Writer w = o.writer("--out"); Writer t = o.writer("--tags")) {
                w.write("new\n");
                t.write("tags\n");
                assertThat(Files.readString(out)).isEqualTo("old\n");
            }
            o.commit();
        }
        assertThat(Files.readString(out)).isEqualTo("new\n");
        assertThat(Files.readString(other)).isEqualTo("tags\n");
        assertThat(leftovers()).isEmpty();
    }

    /** A child JVM writes half an output and is interrupted (SIGTERM, as Ctrl-C): the hook removes the temporary. */
    @Test
    void anInterruptedProcessLeavesNoTemporaryAndTheEarlierFile() throws Exception {
        Path out = file("result.csv", "earlier\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), InterruptedWriter.class.getName(),
            out.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("writing");
            assertThat(leftovers()).hasSize(1);
            p.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(out)).isEqualTo("earlier\n");
        assertThat(leftovers()).isEmpty();
    }

    /** The child of {@link #anInterruptedProcessLeavesNoTemporaryAndTheEarlierFile}. */
    public static final class InterruptedWriter {
        public static void main(String[] args) throws Exception {
            try (OutputFiles o = OutputFiles.plan(List.of(), "--out", Path.of(args[0]))) {
                Writer w = o.writer("--out");
                w.write("partial");
                w.flush();
                System.out.println("writing");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
