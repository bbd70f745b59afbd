package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Numbers;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.job.read.ReadSettings;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.reliability.Hostile;
import org.example.genmat.core.surrogate.SurrogateCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's rules behind messages and reads that both faces (genmat, Read Crystals) show. */
class UserFacingRulesTest {

    @TempDir
    Path dir;

    /** A computed value in a message: two decimals, three significant digits below 1, never a double's 17 digits. */
    @Test
    void numbersInMessagesCarryTheDigitsAReaderUses() {
        assertThat(Numbers.forMessage(146.62528932094574)).isEqualTo("146.63");
        assertThat(Numbers.forMessage(94.36970639973879)).isEqualTo("94.37");
        assertThat(Numbers.forMessage(90)).isEqualTo("90");
        assertThat(Numbers.forMessage(-1.5)).isEqualTo("-1.5");
        assertThat(Numbers.forMessage(0.0641234)).isEqualTo("0.0641");
        assertThat(Numbers.forMessage(1.23456e-7)).isEqualTo("0.000000123");
        assertThat(Numbers.forMessage(0)).isEqualTo("0");
        assertThat(Numbers.forMessage(1.2345678e12)).isEqualTo("1.235E+12");
        assertThat(Numbers.forMessage(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.forMessage(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void formulaAmountsAreCheckedNotClampedOrDropped() {
        assertThatThrownBy(() -> Composition.parse("Na99999999999999999999Cl"))
            .hasMessageContaining("too large (at most 1000000)").hasMessageContaining("position 3");
        assertThatThrownBy(() -> Composition.parse("(NaCl)600000Na500000")).hasMessageContaining("more than 1000000");
        assertThatThrownBy(() -> Composition.parse("Na0Cl")).hasMessageContaining("amount 0");
        assertThatThrownBy(() -> Composition.parse("NaCl2.")).hasMessageContaining("nothing after the last '.'");
        assertThatThrownBy(() -> Composition.parse(".NaCl")).hasMessageContaining("'.' with no unit");
        assertThatThrownBy(() -> Composition.parse("NaCl..H2O")).hasMessageContaining("'.' with no unit");
        assertThatThrownBy(() -> Composition.parseCellString("Na:0 Cl:1")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> Composition.parseCellString("Na:1e30")).hasMessageContaining("at most 1000000");
        // what stays fine: hydrates, fractions, the cap itself
        assertThat(Composition.parse("CuSO4·5H2O").amount(org.example.genmat.core.crystal.Element.of("O"))).isEqualTo(9.0);
        assertThat(Composition.parse("Li0.5CoO2").formula()).isNotEmpty();
        assertThat(Composition.parse("Na1000000Cl").toCellString()).isEqualTo("Cl:1 Na:1000000");
    }

    /** A message is cut at the documented length whether or not it holds a character to escape. */
    @Test
    void aLongMessageIsCutAtTheCap() {
        String plain = "x".repeat(2450);
        assertThat(Messages.clean(plain)).startsWith("x".repeat(Messages.MAX_MESSAGE)).endsWith("... (2450 chars)")
            .hasSize(Messages.MAX_MESSAGE + "... (2450 chars)".length());
        assertThat(Messages.clean("x".repeat(1999) + "\u0001" + "y".repeat(500))).startsWith("x".repeat(1999) + "\\x01")
            .endsWith("... (2500 chars)");
        assertThat(Messages.clean("short")).isEqualTo("short");
    }

    @Test
    void aBadFormulaIsItsRowsErrorAndTheOthersStay() {
        CrystalRecord bad = FormulaTable.record("t#row 1", "Na99999999999999999999Cl");
        assertThat(bad.ok()).isFalse();
        assertThat(bad.error()).contains("t#row 1", "too large");
        assertThat(FormulaTable.record("t#row 2", "NaCl").ok()).isTrue();
    }

    @Test
    void raggedTableRowsAreKeptWithAWarning() throws IOException {
        Path t = Files.writeString(dir.resolve("mixed.csv"), "formula,e\nNaCl,1,extra,more\nKCl\nLiF,3\n");
        List<CrystalRecord> rows = read(List.of(t), CrystalReader.Options.defaults());
        assertThat(rows).hasSize(3).allMatch(CrystalRecord::ok);
        assertThat(rows.get(0).warning()).contains("4 cells but the header 2 columns", "last 2 cells were dropped");
        assertThat(rows.get(1).warning()).contains("1 cell but the header 2 columns", "missing cell is left empty");
        assertThat(rows.get(2).warning()).isEmpty();
    }

    @Test
    void aTableErrorKeepsItsHintAndColumnList() throws IOException {
        List<String> header = List.of("name;formula_x;energy", "x".repeat(100));
        assertThatThrownBy(() -> CrystalReader.tableLayout(header, CrystalReader.Options.defaults()))
            .hasMessageContaining("name one with --column").hasMessageContaining("its columns are name;formula_x;energy, ")
            .hasMessageContaining("(100 chars)");
        // through a read, --fail-fast: the whole message (describe() no longer cuts it as one value)
        Path t = write("semi.csv", "name;formula_x;energy\na;NaCl;1\n");
        List<CrystalRecord> rows = read(List.of(t), CrystalReader.Options.defaults());
        assertThat(rows.get(0).error()).contains("name one with --column", "its columns are name;formula_x;energy");
    }

    @Test
    void aFolderWalkPassesOverTheJobsOwnOutputAndItsTemporaries() throws IOException {
        write("in/a.cif", Hostile.goodCif());
        write("in/out.csv", "formula\nKBr\n"); // an earlier output of the same job
        write("in/.out.csv.abc123.genmat-tmp", "formula\nLiF\n");
        write("in/other.csv", "formula\nCsI\n");
        List<String> skipped = new ArrayList<>();
        CrystalReader.Options o = CrystalReader.Options.defaults().withSkipped((p, why) -> skipped.add(why + ": " + p))
            .withOwnOutputs(List.of(dir.resolve("in/out.csv")));
        List<CrystalRecord> rows = read(List.of(dir.resolve("in")), o);
        assertThat(rows).extracting(CrystalRecord::source).noneMatch(s -> s.contains("out.csv"));
        assertThat(rows).extracting(r -> r.composition().reducedFormula()).containsExactlyInAnyOrder("ClNa", "CsI");
        assertThat(skipped).containsExactly("the command's own output: " + dir.resolve("in/out.csv"));
        // without the job's outputs named, the same folder reads them (they are ordinary tables then)
        assertThat(read(List.of(dir.resolve("in")), CrystalReader.Options.defaults())).hasSize(3);
    }

    @Test
    void speciesOfTheSettingsAreElements() {
        assertThatThrownBy(() -> ReadSettings.defaults().withSpecies(List.of("Fe", "Qq")))
            .isInstanceOf(SettingException.class).hasMessageContaining("unknown element 'Qq'")
            .satisfies(e -> assertThat(((SettingException) e).setting()).isEqualTo("species"));
        assertThat(ReadSettings.defaults().withSpecies(List.of("Fe_pv", " O")).species()).containsExactly("Fe_pv", "O");
    }

    @Test
    void fileErrorsNameThePathAndTheReason() {
        assertThat(Messages.fileError(new AccessDeniedException("s2.csv"))).isEqualTo("s2.csv: permission denied");
        assertThat(Messages.fileError(new UncheckedIOException(new NoSuchFileException("x.csv"))))
            .isEqualTo("x.csv: no such file or folder");
        assertThat(Messages.fileError(new FileSystemException("adir", null, "Is a directory"))).isEqualTo("adir: is a folder");
        assertThat(Messages.fileError(new java.nio.file.FileAlreadyExistsException("cachefile"))).isEqualTo("cachefile: already exists");
        assertThat(Messages.fileError(new java.nio.file.NotDirectoryException("f/x"))).isEqualTo("f/x: not a folder");
        assertThat(Messages.fileError(new NoSuchFileException("m.genmat", null, "model file not found")))
            .isEqualTo("m.genmat: no such file or folder: model file not found");
        // an error with words of its own is not replaced by its cause's
        assertThat(Messages.fileError(new IOException("cannot read the table", new AccessDeniedException("t")))).isNull();
        assertThat(Messages.fileError(new IllegalStateException("x"))).isNull();
    }

    @Test
    void anInputThatIsNoRegularFileIsRefusedBeforeItIsOpened() throws IOException {
        Files.createDirectories(dir.resolve("adir"));
        assertThatThrownBy(() -> GenerativeModel.load(dir.resolve("adir")))
            .satisfies(e -> assertThat(Messages.fileError(e)).endsWith("adir: is a folder, not a file"));
        assertThatThrownBy(() -> GenerativeModel.load(dir.resolve("none.genmat")))
            .satisfies(e -> assertThat(Messages.fileError(e)).contains("none.genmat: no such file or folder"));
        Path fifo = dir.resolve("ff.genmat");
        if (Hostile.mkfifo(fifo)) {
            // would block forever in open()
            assertThatThrownBy(() -> GenerativeModel.load(fifo))
                .satisfies(e -> assertThat(Messages.fileError(e)).contains("ff.genmat: is not a regular file"));
        }
    }

    @Test
    void aCacheFolderThatIsAFileIsRefusedBeforeTheWork() throws IOException {
        Path file = write("cachefile", "x");
        assertThatThrownBy(() -> SurrogateCache.requireUsable(file))
            .isInstanceOf(SurrogateCache.UnusableFolder.class).hasMessage(file + ": the cache folder is a file, not a folder");
        SurrogateCache.requireUsable(dir.resolve("new/cache"));
        assertThat(dir.resolve("new/cache")).isDirectory();
        // a link to nothing passes the first look (it does not exist) and is found when the folder is made: one refusal
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
        assertThatThrownBy(() -> SurrogateCache.requireUsable(dangling))
            .isInstanceOf(SurrogateCache.UnusableFolder.class).hasMessage(dangling + ": the cache folder is a file, not a folder");
    }

    @Test
    void anOutputThatCannotBeWrittenIsNamedNotItsTemporary() throws IOException {
        Path ro = Files.createDirectories(dir.resolve("rodir"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "runs as root: every folder is writable");
            assertThatThrownBy(() -> OutputFiles.plan(List.of(), "--out", ro.resolve("o.csv")))
                .hasMessageContaining("--out " + ro.resolve("o.csv") + ": permission denied")
                .hasMessageNotContaining("genmat-tmp");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aTemporaryThatCannotBeCreatedIsReportedAsTheOutput() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("gone"));
        try (OutputFiles out = OutputFiles.plan(List.of(), "--out", sub.resolve("o.csv"))) {
            Files.delete(sub);
            Files.writeString(dir.resolve("gone"), "now a file"); // the folder became a file after the plan
            assertThatThrownBy(() -> out.writer("--out"))
                .isInstanceOf(FileSystemException.class)
                .satisfies(e -> assertThat(Messages.fileError(e)).startsWith("--out " + sub.resolve("o.csv") + ": ")
                    .doesNotContain("genmat-tmp"));
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static List<CrystalRecord> read(List<Path> inputs, CrystalReader.Options o) {
        try (Stream<CrystalRecord> s = CrystalReader.read(inputs, o)) {
            return s.toList();
        }
    }
}
