package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file named as an input and met again (named twice, or in a folder named too) is read once, where it is first
 * met, and the read says so once: a crystal read twice would be two rows of one structure (a training set weighted
 * twice, a novelty figure off).
 */
class NamedTwiceTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private Path in;

    @BeforeEach
    void files() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("a.cif"), Hostile.goodCif());
        Files.writeString(in.resolve("sub/b.vasp"), Hostile.goodPoscar());
        Files.writeString(in.resolve("z.csv"), "formula\nKBr\n");
    }

    private List<String> read(Path... inputs) {
        warnings.clear();
        skipped.clear();
        CrystalReader.Options o = CrystalReader.Options.defaults().withWarnings(warnings::add)
            .withSkipped((p, why) -> skipped.add(why + ": " + p));
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(inputs), o)) {
            return s.map(r -> r.ok() ? r.composition().reducedFormula() : r.error()).toList();
        }
    }

    /** The read's word on the later mention of a file. */
    private static String twice(String mention) {
        return mention + " is named twice; read once";
    }

    @Test
    void aFileInANamedFolderNamedAfterItIsReadOnceInTheFolder() {
        assertThat(read(in, in.resolve("a.cif"))).containsExactly("ClNa", "AsGa", "BrK");
        assertThat(warnings).containsExactly(twice(in.resolve("a.cif").toString()));

        // a table too, and a file named with another spelling of its path
        assertThat(read(in, in.resolve("./z.csv"), in.resolve("sub/../a.cif"))).containsExactly("ClNa", "AsGa", "BrK");
        assertThat(warnings).containsExactly(twice(in.resolve("./z.csv").toString()),
            twice(in.resolve("sub/../a.cif").toString()));
        assertThat(skipped).isEmpty();
    }

    @Test
    void aFileNamedBeforeItsFolderIsReadFirstAndNotAgainInTheFolder() {
        assertThat(read(in.resolve("sub/b.vasp"), in)).containsExactly("AsGa", "ClNa", "BrK");
        assertThat(warnings).containsExactly(twice(in.resolve("sub/b.vasp").toString()));
        assertThat(skipped).isEmpty();

        // a subfolder named before its folder: its files once, where it is named, and its later mention told alike
        assertThat(read(in.resolve("sub"), in)).containsExactly("AsGa", "ClNa", "BrK");
        assertThat(warnings).containsExactly(twice(in.resolve("sub").toString()));
        assertThat(skipped).isEmpty();
    }

    @Test
    void aFolderNamedTwiceIsReadOnceAndToldInTheWordsOfAFileNamedTwice() {
        assertThat(read(in, in)).containsExactly("ClNa", "AsGa", "BrK");
        assertThat(warnings).containsExactly(twice(in.toString()));
        assertThat(skipped).isEmpty();
    }

    @Test
    void aFileNamedTwiceIsReadOnce() {
        assertThat(read(in.resolve("a.cif"), in.resolve("z.csv"), in.resolve("a.cif"))).containsExactly("ClNa", "BrK");
        assertThat(warnings).containsExactly(twice(in.resolve("a.cif").toString()));
    }

    @Test
    void aLinkToANamedFileIsThatFile() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.cif"), in.resolve("a.cif"));
        assertThat(read(link, in.resolve("a.cif"))).containsExactly("ClNa");
        assertThat(warnings).containsExactly(twice(in.resolve("a.cif").toString()));
    }
}
