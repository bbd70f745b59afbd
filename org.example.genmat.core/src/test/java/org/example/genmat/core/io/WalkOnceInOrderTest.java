package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file met twice in folder walks (two links to it) is read once, where it is first met; and the rows of a read are
 * the same rows in the same order whatever the workers' timing, folders named like crystal files ({@code d.cif/})
 * included.
 */
class WalkOnceInOrderTest {

    @TempDir
    Path dir;

    private final List<String> skipped = new ArrayList<>();

    private List<String> sources(Path input, int threads) {
        skipped.clear();
        CrystalReader.Options o = CrystalReader.Options.defaults().withThreads(threads)
            .withSkipped((p, why) -> skipped.add(why + ": " + p));
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(input), o)) {
            return s.map(r -> r.ok() ? r.source() : r.error()).toList();
        }
    }

    @Test
    void twoLinksToOneFileInWalkedFoldersAreReadOnceWhereTheFileIsFirstMet() throws IOException {
        Path root = dir.resolve("root");
        Path real = Files.writeString(Files.createDirectories(root.resolve("x")).resolve("a.cif"), Hostile.goodCif());
        Path y = Files.createDirectories(root.resolve("y"));
        Files.createSymbolicLink(y.resolve("l1.cif"), real);
        Files.createSymbolicLink(y.resolve("l2.cif"), real);
        for (int threads : new int[] {1, 4}) {
            assertThat(sources(root, threads)).containsExactly(real + "#ClNa");
            assertThat(skipped).containsExactly("the same file as " + real + ", read once: " + y.resolve("l1.cif"),
                "the same file as " + real + ", read once: " + y.resolve("l2.cif"));
        }
    }

    /**
     * Folders named like crystal files ({@code b/dNN.cif/}) hold a link to a folder the walk meets again later
     * ({@code z/zNN/}), and come in the second batch of tasks while the third is being listed: which of the two walks of
     * a {@code zNN} read its file, and so where its row stood, depended on the workers' timing.
     */
    @Test
    void theRowsAreTheSameInTheSameOrderOverRepeatedReads() throws IOException {
        Path root = dir.resolve("root");
        String cif = Hostile.goodCif();
        Path a = Files.createDirectories(root.resolve("a"));
        for (int i = 0; i < 256; i++) {
            Files.writeString(a.resolve(String.format("f%03d.cif", i)), cif);
        }
        Path b = Files.createDirectories(root.resolve("b"));
        Path z = Files.createDirectories(root.resolve("z"));
        for (int i = 0; i < 40; i++) {
            Path target = Files.createDirectories(z.resolve(String.format("z%02d", i)));
            Files.writeString(target.resolve("c.cif"), cif);
            Files.createSymbolicLink(Files.createDirectories(b.resolve(String.format("d%02d.cif", i))).resolve("l"), target);
        }
        for (int i = 0; i < 216; i++) {
            Files.writeString(b.resolve(String.format("f%03d.cif", i)), cif);
        }
        List<String> first = sources(root, 4);
        assertThat(first).hasSize(256 + 40 + 216).doesNotHaveDuplicates();
        for (int run = 0; run < 15; run++) {
            assertThat(sources(root, 4)).as("run %d", run).isEqualTo(first);
        }
    }
}
