package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class FilterCommandTest {

    @TempDir
    Path dir;

    @Test
    void splitsRowsKeepsColumnsAndGivesReasons() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "id,formula,score\n1,NaCl,0.5\n2,NaCl2,0.7\n3,,0.1\n4,Fe3O4,0.2\n5,Qq2,0.3\n6,OF2,0.9\n");
        Path valid = dir.resolve("valid.csv"), bad = dir.resolve("bad.csv");
        CommandLine cl = GenmatCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("filter", "--in", in.toString(), "--out-valid", valid.toString(), "--out-invalid", bad.toString());
        assertThat(rc).isEqualTo(0);
        List<String> v = Files.readAllLines(valid);
        List<String> b = Files.readAllLines(bad);
        assertThat(v.get(0)).isEqualTo("id,formula,score,composition_valid,structure_valid,failed_check,reason");
        assertThat(v).hasSize(3).anyMatch(l -> l.startsWith("1,NaCl,0.5,true,true,,"))
            .anyMatch(l -> l.startsWith("6,OF2,0.9,true"));
        assertThat(b).hasSize(5);
        assertThat(b.get(1)).isEqualTo("2,NaCl2,0.7,false,true,charge-balance,charge not balanced with smact14 states");
        // the reason is the row's own: no file name or row number (the row is the row; shards give the same table)
        // an empty cell of a formula-only table: "empty formula", as read words it
        assertThat(b.get(2)).isEqualTo("3,,0.1,false,false,input,empty formula");
        assertThat(b.get(4)).startsWith("5,Qq2,0.3,false,false,input,").contains("Qq");
        // icsd24 flips OF2; mixed valence rescues Fe3O4
        cl.execute("filter", "--in", in.toString(), "--out-valid", valid.toString(), "--out-invalid", bad.toString(),
            "--oxidation-states", "icsd24", "--mixed-valence");
        assertThat(Files.readAllLines(valid)).anyMatch(l -> l.startsWith("4,Fe3O4")).noneMatch(l -> l.startsWith("6,OF2"));
    }

    /** A generated structure whose lattice did not decode (empty cif) passed as structure-valid. */
    @Test
    void aStructureTableRowWithoutACifIsRejectedWithItsNote() throws Exception {
        Path in = dir.resolve("nocif.csv");
        Files.writeString(in, "formula,cif,note\nNaCl,,invalid lattice\nKCl,\"" + MetricsCommandTest.NACL_CIF + "\",\n");
        Path valid = dir.resolve("valid.csv"), bad = dir.resolve("bad.csv");
        StringWriter out = new StringWriter();
        CommandLine cl = GenmatCli.commandLine();
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute("filter", "--in", in.toString(), "--out-valid", valid.toString(), "--out-invalid", bad.toString());
        assertThat(rc).isEqualTo(0);
        assertThat(Files.readAllLines(bad)).containsExactly("formula,cif,note,composition_valid,structure_valid,failed_check,reason",
            "NaCl,,invalid lattice,true,false,no-structure,no structure: invalid lattice");
        // the row with a structure is still kept
        assertThat(Files.readString(valid)).contains("true,true,,");
        // a composition table (no cif column) is judged by composition alone, as before
        Files.writeString(in, "formula,note\nNaCl,invalid lattice\n");
        assertThat(cl.execute("filter", "--in", in.toString(), "--out-valid", valid.toString(), "--out-invalid", bad.toString()))
            .isEqualTo(0);
        assertThat(Files.readAllLines(valid)).containsExactly("formula,note,composition_valid,structure_valid,failed_check,reason",
            "NaCl,invalid lattice,true,true,,");
    }

    @Test
    void prototypeSitesAreChecked() throws Exception {
        Path in = dir.resolve("sites.csv");
        // Türk et al. write elpasolites ABC2D6: Cs2NaBiCl6 is A = Na, B = Bi, C = Cs, D = Cl
        Files.writeString(in, "A,B,C,D\nNa,Bi,Cs,Cl\nCs,Cs,Bi,Cl\nCs,Na,Xx,Cl\n");
        Path valid = dir.resolve("valid.csv"), bad = dir.resolve("bad.csv");
        int rc = GenmatCli.commandLine().execute("filter", "--in", in.toString(), "--out-valid", valid.toString(),
            "--out-invalid", bad.toString(), "--prototype", "elpasolite");
        assertThat(rc).isEqualTo(0);
        assertThat(Files.readAllLines(valid)).hasSize(2);
        assertThat(Files.readAllLines(bad)).hasSize(3).anyMatch(l -> l.contains("Cs appears on more than one site"))
            .anyMatch(l -> l.contains("'Xx' is not an element"));
    }

    /** Site columns without a prototype name the option to give (it was 'site columns [A, B, C, D] need a prototype'). */
    @Test
    void siteColumnsWithoutAPrototypeNameTheOptionToGive() throws Exception {
        Path in = Files.writeString(dir.resolve("sites.csv"), "A,B,C,D\nNa,Bi,Cs,Cl\n");
        TrainSampleCliTest.Run run = TrainSampleCliTest.run("filter", "--in", in.toString(), "--site-columns", "A,B,C,D",
            "--out-valid", dir.resolve("v.csv").toString(), "--out-invalid", dir.resolve("r.csv").toString());
        assertThat(run.rc()).isEqualTo(2); // options that do not go together: a usage error
        assertThat(run.err().strip()).isEqualTo("genmat filter: error: --site-columns: site columns [A, B, C, D] need a prototype;"
            + " give --prototype" + System.lineSeparator() + "(see genmat filter --help)");
    }

    /**
     * The reasons on stderr are counted by kind, the numbers that differ set aside, and what the listed kinds leave out
     * is counted in one line: 242 undecodable lattices were 15 lines of "1 no structure: invalid lattice: lattice angles
     * alpha=146.62528932094574 ..." with no word of the rest (QA 7, D13).
     */
    @Test
    void reasonsAreCountedByKindAndTheKindsNotListedAreCounted() throws Exception {
        StringBuilder table = new StringBuilder("formula,cif,note\n");
        for (int i = 0; i < 30; i++) {
            table.append("NaCl,,invalid lattice: lattice angles alpha=").append(140 + i * 0.123456789).append(" beta=94.36970639973879")
                .append(" gamma=").append(40 + i).append(".3608 do not form a cell\n");
        }
        for (char c = 'a'; c < 'a' + 20; c++) { // 20 kinds of one row each: 'Qa2', 'Qb2', ... are no elements
            table.append("Q").append(c).append("2,,\n");
        }
        Path in = Files.writeString(dir.resolve("lattices.csv"), table.toString());
        TrainSampleCliTest.Run run = TrainSampleCliTest.runWithStderr("filter", "--in", in.toString(), "--out-valid",
            dir.resolve("v.csv").toString(), "--out-invalid", dir.resolve("r.csv").toString());
        assertThat(run.rc()).as(run.err()).isZero();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).contains("        30  no structure: invalid lattice: lattice angles alpha=… beta=94.36970639973879 gamma=…"
            + " do not form a cell");
        // 1 + 20 kinds: the 15 listed are the lattices' and 14 formulas', the other 6 formulas one line
        assertThat(lines.stream().filter(l -> l.matches(" +\\d+  .*")).count()).isEqualTo(16);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("         6  and 6 more reasons");
        assertThat(Files.readAllLines(dir.resolve("r.csv"))).hasSize(51); // every row is still written with its own reason
    }

    /** One row is "1 row", not "1 rows". */
    @Test
    void theSummaryCountsOneRowInTheSingular() throws Exception {
        Path in = Files.writeString(dir.resolve("one.csv"), "formula\nNaCl\n");
        TrainSampleCliTest.Run run = TrainSampleCliTest.runWithStderr("filter", "--in", in.toString(), "--out-valid",
            dir.resolve("v.csv").toString(), "--out-invalid", dir.resolve("r.csv").toString());
        assertThat(run.rc()).as(run.err()).isZero();
        assertThat(run.err()).contains("filter: 1 row -> 1 valid").doesNotContain("1 rows");
    }

    /**
     * An --out-invalid that cannot be opened after --out-valid was: the error is that file's, not a
     * NullPointerException from closing the one that never opened (QA 7, D2).
     */
    @Test
    void anOutputThatCannotBeOpenedIsTheErrorNotTheCleanUp() throws Exception {
        List<String> closed = new java.util.ArrayList<>();
        java.nio.file.FileSystemException cannot = new java.nio.file.FileSystemException("/proc/rejected.csv", null,
            "no such file or folder (writing a file in its folder)");
        FilterCommand.Printers printers = new FilterCommand.Printers(label -> {
            if (label.equals("--out-invalid")) {
                throw cannot;
            }
            return new java.io.StringWriter() {
                @Override
                public void close() {
                    closed.add(label);
                }
            };
        });
        assertThatThrownBy(() -> {
            try (printers) {
                printers.write(true, java.util.Map.of("formula", "NaCl"), List.of(true, true, "", ""));
            }
        }).isSameAs(cannot).hasNoSuppressedExceptions();
        assertThat(closed).as("the output that did open is closed").containsExactly("--out-valid");
    }

    /** The same through the command: one line naming the option and the path, exit 1, nothing written. */
    @Test
    void anOutInvalidThatCannotBeCreatedIsNamedLikeAnOutValid() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        Path in = Files.writeString(dir.resolve("f.csv"), "formula\nNaCl\nFeO\n");
        Path ok = dir.resolve("ok.csv");
        TrainSampleCliTest.Run run = TrainSampleCliTest.run("filter", "--in", in.toString(), "--out-valid", ok.toString(),
            "--out-invalid", "/proc/rejected.csv");
        assertThat(run.rc()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("genmat filter: error: --out-invalid /proc/rejected.csv: ")
            .doesNotContain("null", "Cannot invoke").hasLineCount(1);
        assertThat(ok).doesNotExist();
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertThat(left).noneMatch(p -> p.getFileName().toString().endsWith(".genmat-tmp"));
        }
    }

    @Test
    void missingInputIsAClearError() {
        CommandLine cl = GenmatCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("filter", "--in", dir.resolve("nope.csv").toString(), "--out-valid", "a", "--out-invalid", "b");
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("nope.csv: no such file or folder").doesNotContain("Exception");
    }
}
