package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.demo.ExampleCrystals;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.model.GenerativeModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class TrainSampleCliTest {

    @TempDir
    static Path dir;
    static Path formulas;

    @BeforeAll
    static void data() throws Exception {
        formulas = dir.resolve("elpasolites.csv");
        writeTrainingData(formulas, DefaultElpasolites.entries());
    }

    /** The 600-halide fixture as a formula table with the halogen as class column. */
    static void writeTrainingData(Path file, List<DefaultElpasolites.Entry> entries) throws java.io.IOException {
        try (java.io.BufferedWriter w = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("formula", DefaultElpasolites.CLASS_COLUMN, "A", "B", "C", "D");
            for (DefaultElpasolites.Entry e : entries) {
                p.printRecord(e.formula(), e.d(), e.a(), e.b(), e.c(), e.d());
            }
        }
    }

    record Run(int rc, String err) {
    }

    /** The line after a usage error's message (with the line break printed before it). */
    private static final String HELP = System.lineSeparator() + "(see genmat sample --help)";

    static Run run(String... args) {
        CommandLine cl = GenmatCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Run(rc, err.toString());
    }

    /** As {@link #run}, with everything the command writes to standard error: its progress and warnings too. */
    static Run runWithStderr(String... args) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        int rc;
        try {
            System.setErr(err);
            CommandLine cl = GenmatCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            rc = cl.execute(args);
        } finally {
            System.setErr(old);
        }
        return new Run(rc, bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> rows = new ArrayList<>(p.getRecords());
            assertThat(rows).isNotNull();
            return rows;
        }
    }

    static List<String> header(Path csv) throws Exception {
        return List.of(Files.readAllLines(csv).get(0).split(","));
    }

    @Test
    void trainsAndSamplesACompositionModel() throws Exception {
        Path model = dir.resolve("comp.genmat"), hist = dir.resolve("comp-history.csv"), out = dir.resolve("comp-samples.csv");
        Run t = run("train", "--model", "vae", "--in", formulas.toString(), "--representation", "composition", "--steps", "30",
            "--batch", "64", "--hidden", "32", "--latent", "4", "--history-every", "10", "--seed", "3", "--out", model.toString(),
            "--history", hist.toString());
        assertThat(t.rc()).as(t.err()).isZero();
        assertThat(read(hist)).hasSize(3);
        assertThat(GenerativeModel.load(model).featurizer().name()).isEqualTo("composition");
        Run s = run("sample", "--model", model.toString(), "--n", "50", "--seed", "9", "--out", out.toString());
        assertThat(s.rc()).as(s.err()).isZero();
        assertThat(header(out)).containsExactly("origin", "formula", "composition", "condition", "z1", "z2", "z3", "z4", "note");
        List<CSVRecord> rows = read(out);
        assertThat(rows).hasSize(50);
        assertThat(Float.parseFloat(rows.get(0).get("z4"))).isFinite();
        // decoding the written latent table gives the same candidates (the table is the decode mode's input too)
        Path again = dir.resolve("decoded.csv");
        Run d = run("sample", "--model", model.toString(), "--mode", "decode", "--in", out.toString(), "--out", again.toString());
        assertThat(d.rc()).as(d.err()).isZero();
        List<CSVRecord> decoded = read(again);
        assertThat(decoded).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(decoded.get(i).get("formula")).as("row " + i).isEqualTo(rows.get(i).get("formula"));
            assertThat(decoded.get(i).get("z1")).isEqualTo(rows.get(i).get("z1"));
            assertThat(decoded.get(i).get("origin")).isEqualTo("comp-samples.csv#row " + (i + 1));
        }
        // shards 0/2 and 1/2 together hold the 50 rows of the stream (one partial batch: all in shard 0)
        Path s0 = dir.resolve("s0.csv"), s1 = dir.resolve("s1.csv");
        assertThat(run("sample", "--model", model.toString(), "--n", "50", "--seed", "9", "--shard", "0/2", "--out", s0.toString()).rc()).isZero();
        assertThat(run("sample", "--model", model.toString(), "--n", "50", "--seed", "9", "--shard", "1/2", "--out", s1.toString()).rc()).isZero();
        // shard 0 is the unsharded file but for origin, where each row names its run and shard
        List<String> whole = Files.readAllLines(out), shard0 = Files.readAllLines(s0);
        assertThat(shard0).hasSameSizeAs(whole).first().isEqualTo(whole.get(0));
        String record = "\"shard 0/2 of seed 9, n 50, model "
            + org.example.genmat.core.model.GenerativeModel.load(model).sha256().substring(0, 8) + ", options ";
        for (int i = 1; i < whole.size(); i++) {
            assertThat(whole.get(i)).startsWith("\"\",");
            assertThat(shard0.get(i)).startsWith(record).endsWith("\"" + whole.get(i).substring(2));
        }
        assertThat(read(s1)).isEmpty();
        // one candidate is one, not "1 candidates"
        Run one = runWithStderr("sample", "--model", model.toString(), "--n", "1", "--seed", "9", "--out", dir.resolve("one.csv").toString());
        assertThat(one.err()).contains("wrote 1 candidate (").doesNotContain("1 candidates");
    }

    @Test
    void trainsAConditionalVaeGanThenEncodesAndInterpolates() throws Exception {
        Path model = dir.resolve("vg.genmat");
        Run t = run("train", "--model", "vae-gan", "--in", formulas.toString(), "--representation", "elpasolite", "--class-column",
            "halogen", "--class-balanced", "--steps", "10", "--batch", "64", "--hidden", "32", "--critic-hidden", "32", "--out", model.toString());
        assertThat(t.rc()).as(t.err()).isZero();
        Path enc = dir.resolve("enc.csv");
        Run e = run("sample", "--model", model.toString(), "--mode", "encode", "--in", formulas.toString(), "--out", enc.toString());
        assertThat(e.rc()).as(e.err()).isZero();
        List<CSVRecord> z = read(enc);
        assertThat(z).hasSize(600);
        assertThat(z.get(0).get("z8")).isNotEmpty();
        assertThat(z.get(0).isMapped("z9")).as("latent size 8").isFalse();
        assertThat(z.get(0).get("condition")).isEqualTo("F");
        Path prior = dir.resolve("prior.csv");
        assertThat(run("sample", "--model", model.toString(), "--n", "20", "--class", "Cl", "--out", prior.toString()).rc()).isZero();
        assertThat(header(prior)).containsExactly("origin", "formula", "composition", "condition", "A", "B", "C", "D", "z1", "z2",
            "z3", "z4", "z5", "z6", "z7", "z8", "note");
        assertThat(read(prior)).allSatisfy(r -> assertThat(r.get("condition")).isEqualTo("Cl"));
        Path path = dir.resolve("interp.csv");
        Run i = run("sample", "--model", model.toString(), "--mode", "interpolate", "--in", formulas.toString(), "--rows", "1,600", "--n", "7",
            "--out", path.toString());
        assertThat(i.rc()).as(i.err()).isZero();
        assertThat(read(path)).hasSize(7);
        // without --n: the engine's default points on the line (Sample Latent's), not the prior's sample count
        Run d = run("sample", "--model", model.toString(), "--mode", "interpolate", "--in", formulas.toString(), "--out",
            path.toString());
        assertThat(d.rc()).as(d.err()).isZero();
        assertThat(read(path)).hasSize(org.example.genmat.core.job.sample.SampleSettings.DEFAULT_STEPS);
        Run bad = run("sample", "--model", model.toString(), "--class", "At", "--out", dir.resolve("x.csv").toString());
        assertThat(bad.rc()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown class 'At'").doesNotContain("Exception");
    }

    @Test
    void trainsAStructureGanAndWritesCifColumns() throws Exception {
        Path table = dir.resolve("examples.csv");
        CrystalTable.write(table, ExampleCrystals.read());
        Path model = dir.resolve("st.genmat"), out = dir.resolve("st.csv");
        Run t = run("train", "--model", "wgan-gp", "--in", table.toString(), "--representation", "structure", "--steps", "5", "--batch",
            "8", "--hidden", "32", "--critic-hidden", "32", "--n-critic", "2", "--critic-pack", "2", "--preset", "fast", "--out",
            model.toString());
        assertThat(t.rc()).as(t.err()).isZero();
        Run s = run("sample", "--model", model.toString(), "--n", "5", "--out", out.toString());
        assertThat(s.rc()).as(s.err()).isZero();
        assertThat(header(out)).containsSubsequence("origin", "formula", "composition", "condition", "a", "b", "c", "alpha", "beta",
            "gamma", "volume", "nsites", "density", "spacegroup", "cif", "z1", "note");
        List<CSVRecord> rows = read(out);
        assertThat(rows).hasSize(5);
        assertThat(rows).anySatisfy(r -> assertThat(r.get("cif")).contains("_cell_length_a"));
        Run enc = run("sample", "--model", model.toString(), "--mode", "encode", "--in", table.toString(), "--out", dir.resolve("e.csv").toString());
        assertThat(enc.rc()).isEqualTo(1);
        assertThat(enc.err()).contains("a WGAN-GP model has no encoder"); // the family as the tables name it
    }

    @Test
    void badInputGivesOneClearLine() throws Exception {
        Run r = run("train", "--model", "gpt", "--in", formulas.toString(), "--representation", "elpasolite", "--out", dir.resolve("m").toString());
        assertThat(r.rc()).isEqualTo(2); // a bad option value: a usage error
        assertThat(r.err()).contains("--model: unknown model family 'gpt'", "(see genmat train --help)");
        Run missing = run("sample", "--model", dir.resolve("nope.genmat").toString(), "--out", dir.resolve("x.csv").toString());
        assertThat(missing.rc()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.genmat").doesNotContain("\tat ");
        Path junk = dir.resolve("junk.genmat");
        Files.writeString(junk, "hello");
        Run j = run("sample", "--model", junk.toString(), "--out", dir.resolve("x.csv").toString());
        assertThat(j.err()).contains("junk.genmat").contains("not a valid .genmat model");
        // bad option values are usage errors: exit 2 and the pointer to the help
        Run shard = run("sample", "--model", junk.toString(), "--shard", "3/2", "--out", dir.resolve("x.csv").toString());
        assertThat(shard.rc()).isEqualTo(2);
        assertThat(shard.err()).contains("--shard: the shard must be k/K", "(see genmat sample --help)");
        Run pack = run("train", "--model", "wgan-gp", "--in", formulas.toString(), "--representation", "elpasolite", "--batch", "8",
            "--critic-pack", "3", "--out", dir.resolve("p.genmat").toString());
        assertThat(pack.rc()).isEqualTo(2);
        assertThat(pack.err()).contains("--critic-pack", "(see genmat train --help)");
        assertThat(pack.err()).contains("multiple of the critic pack (3)").doesNotContain("\tat ");
        Run struct = run("train", "--model", "vae", "--in", formulas.toString(), "--representation", "structure", "--out",
            dir.resolve("m2.genmat").toString());
        assertThat(struct.rc()).isEqualTo(1);
        assertThat(struct.err()).contains("needs crystals");
        assertThat(dir.resolve("m2.genmat")).doesNotExist();
    }

    /** The closing line names the family as every table does (WGAN-GP), not by its Java name (WGAN_GP). */
    @Test
    void trainNamesTheFamilyByItsDisplayName() throws Exception {
        Run t = runWithStderr("train", "--model", "wgan-gp", "--in", formulas.toString(), "--representation", "elpasolite",
            "--steps", "2", "--batch", "8", "--hidden", "8", "--critic-hidden", "8", "--out", dir.resolve("name.genmat").toString());
        assertThat(t.rc()).as(t.err()).isZero();
        assertThat(t.err()).contains("trained WGAN-GP in").doesNotContain("WGAN_GP");
    }

    /** Cells a model cannot be trained or sampled on are rows skipped or rows noted, never a model that cannot be used. */
    @Test
    void hugePropertiesNaNClassesAndNonFiniteLatentsAreCaught() throws Exception {
        List<DefaultElpasolites.Entry> entries = DefaultElpasolites.entries().subList(0, 200);
        Path table = dir.resolve("odd-cells.csv");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(table);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("formula", "energy", "cls");
            for (int i = 0; i < entries.size(); i++) {
                p.printRecord(entries.get(i).formula(), i == 7 ? "1e300" : Double.toString(i % 5 - 2.0), i == 9 ? "NaN" : i % 3);
            }
        }
        Path prop = dir.resolve("prop.genmat");
        Run t = run("train", "--model", "vae", "--in", table.toString(), "--representation", "elpasolite", "--steps", "5",
            "--property-column", "energy", "--out", prop.toString());
        assertThat(t.rc()).as(t.err()).isZero();
        GenerativeModel pm = GenerativeModel.load(prop);
        assertThat(pm.conditioning().std()).as("1e300 is skipped, not scaled to std Infinity").isBetween(1.0, 2.0);
        assertThat(pm.provenance().skippedRows()).isEqualTo(1);
        Run s = run("sample", "--model", prop.toString(), "--n", "5", "--out", dir.resolve("prop-s.csv").toString());
        assertThat(s.rc()).as("the model is usable: " + s.err()).isZero();
        // a condition beyond the 32-bit range is refused naming the option and the limit, not sampled as garbage
        Run huge = run("sample", "--model", prop.toString(), "--n", "5", "--condition", "1e39", "--out",
            dir.resolve("huge.csv").toString());
        assertThat(huge.rc()).isEqualTo(2);
        assertThat(huge.err()).contains("--condition: property 'energy' needs a number within ±3.4028235E38 (conditions are"
            + " 32-bit numbers), got '1e39'");
        assertThat(dir.resolve("huge.csv")).doesNotExist();
        Path cls = dir.resolve("cls.genmat");
        Run c = run("train", "--model", "vae", "--in", table.toString(), "--representation", "elpasolite", "--steps", "5",
            "--class-column", "cls", "--out", cls.toString());
        assertThat(c.rc()).as(c.err()).isZero();
        GenerativeModel cm = GenerativeModel.load(cls);
        assertThat(cm.conditioning().classes()).as("a NaN cell is a missing value, as an empty one").containsExactly("0", "1", "2");
        assertThat(cm.provenance().skippedRows()).isEqualTo(1);
        // guidance on a model not conditioned on classes names what it is in words, not an enum constant
        Run g = run("sample", "--model", prop.toString(), "--guidance", "1", "--n", "5", "--out", dir.resolve("g.csv").toString());
        assertThat(g.rc()).isEqualTo(1);
        assertThat(g.err()).contains("this one is property-conditioned (column energy)").doesNotContain("PROPERTY");
        // a latent table: NaN and an overflowing value are noted like a non-number, naming the column and the cell
        StringBuilder lat = new StringBuilder("z1");
        for (int j = 2; j <= pm.latentSize(); j++) {
            lat.append(",z").append(j);
        }
        lat.append('\n');
        for (String z1 : List.of("0", "NaN", "1e400", "abc", "1e39")) {
            lat.append(z1).append(",0".repeat(pm.latentSize() - 1)).append('\n');
        }
        Path latents = Files.writeString(dir.resolve("latents.csv"), lat);
        Path decoded = dir.resolve("latents-decoded.csv");
        Run d = run("sample", "--model", prop.toString(), "--mode", "decode", "--in", latents.toString(), "--out", decoded.toString());
        assertThat(d.rc()).as(d.err()).isZero();
        List<CSVRecord> rows = read(decoded);
        assertThat(rows.get(0).get("formula")).isNotEmpty();
        assertThat(rows.get(1).get("note")).isEqualTo("z1 is 'NaN', not a finite number");
        assertThat(rows.get(1).get("formula")).isEmpty();
        assertThat(rows.get(2).get("note")).isEqualTo("z1 is '1e400', not a finite number");
        assertThat(rows.get(3).get("note")).isEqualTo("z1 is 'abc', not a number");
        assertThat(rows.get(4).get("note")).isEqualTo("z1 is '1e39', beyond the largest latent value (" + Float.MAX_VALUE + ")");
        // filter says why such a row cannot be judged: the note, not "no cif, composition or formula"
        Path ok = dir.resolve("latents-valid.csv"), bad = dir.resolve("latents-rejected.csv");
        assertThat(run("filter", "--in", decoded.toString(), "--out-valid", ok.toString(), "--out-invalid", bad.toString()).rc())
            .isZero();
        assertThat(read(bad)).extracting(r -> r.get("reason")).contains("not decoded: z1 is 'NaN', not a finite number",
            "not decoded: z1 is 'abc', not a number");
    }

    /**
     * The condition options name themselves and the model: --class is refused for a property model and --condition for
     * a class model (each stood in for the other, so '--class 1' sampled a property model at 1.0); decoding with a class
     * model without --class says to give it; a table to encode without a crystal column is named before the condition.
     */
    @Test
    void theConditionOptionsMatchTheModelAndNameThemselves() throws Exception {
        Path prop = dir.resolve("opt-prop.genmat"), cls = dir.resolve("opt-cls.genmat");
        for (String[] kind : List.of(new String[] {"--property-column", "B", prop.toString()},
            new String[] {"--class-column", DefaultElpasolites.CLASS_COLUMN, cls.toString()})) {
            // the property model's "property" is any column; the model need not be good, only conditioned
            Path table = kind[0].equals("--property-column") ? numbered() : formulas;
            Run t = run("train", "--model", "vae", "--in", table.toString(), "--representation", "composition", "--steps", "2",
                "--batch", "32", "--hidden", "8", "--latent", "2", kind[0], kind[1], "--out", kind[2]);
            assertThat(t.rc()).as(t.err()).isZero();
        }
        Path out = dir.resolve("opt.csv");
        Run classOnProperty = run("sample", "--model", prop.toString(), "--class", "1", "--n", "3", "--out", out.toString());
        // an option that does not fit the model is a bad command line: exit 2 and the pointer to the help
        assertThat(classOnProperty.rc()).isEqualTo(2);
        assertThat(classOnProperty.err().strip()).isEqualTo("genmat sample: error: --class is for class-conditioned models; this"
            + " model is property-conditioned (column B): give its property value with --condition" + HELP);
        Run conditionOnClass = run("sample", "--model", cls.toString(), "--condition", "Cl", "--n", "3", "--out", out.toString());
        assertThat(conditionOnClass.rc()).isEqualTo(2);
        assertThat(conditionOnClass.err().strip()).isEqualTo("genmat sample: error: --condition is for property-conditioned models;"
            + " this model is class-conditioned (column halogen): give its class with --class (one of Br, Cl, F, I)" + HELP);
        assertThat(out).doesNotExist();
        Path latents = Files.writeString(dir.resolve("opt-latents.csv"), "z1,z2\n0,0\n");
        Run decode = run("sample", "--model", cls.toString(), "--mode", "decode", "--in", latents.toString(), "--out", out.toString());
        assertThat(decode.rc()).isEqualTo(2);
        assertThat(decode.err().strip()).isEqualTo("genmat sample: error: --class: decoding a latent table with a class-conditioned"
            + " model (column halogen) needs the class to decode with, one of Br, Cl, F, I" + HELP);
        Path noCrystals = Files.writeString(dir.resolve("opt-nocrystals.csv"), "x,y\n1,2\n");
        Run encode = run("sample", "--model", cls.toString(), "--mode", "encode", "--in", noCrystals.toString(), "--out",
            out.toString());
        assertThat(encode.rc()).isEqualTo(1);
        assertThat(encode.err().strip()).isEqualTo("genmat sample: error: " + noCrystals + " has no cif, composition or formula"
            + " column (columns: x, y)");
        // --rows picks rows only for interpolation; encode reads every row, so a --rows there is refused, not ignored
        Run rows = run("sample", "--model", cls.toString(), "--mode", "encode", "--in", noCrystals.toString(), "--rows", "1,2",
            "--out", out.toString());
        assertThat(rows.rc()).isEqualTo(2);
        assertThat(rows.err().strip()).isEqualTo("genmat sample: error: --rows applies to --mode interpolate only, not to --mode encode"
            + HELP);
        // only the prior stream is sharded: a shard of encode would have written every row as if it were one part
        Run shard = run("sample", "--model", cls.toString(), "--mode", "encode", "--in", noCrystals.toString(), "--shard", "1/2",
            "--out", out.toString());
        assertThat(shard.rc()).isEqualTo(2);
        assertThat(shard.err().strip()).isEqualTo("genmat sample: error: --shard applies to --mode prior only, not to --mode encode"
            + HELP);
        assertThat(out).doesNotExist();
    }

    /** The training formulas with a number column B (1, 2, 3, ...) for a property model. */
    private static Path numbered() throws java.io.IOException {
        Path table = dir.resolve("numbered.csv");
        List<String> lines = new ArrayList<>(List.of("formula,B"));
        List<DefaultElpasolites.Entry> entries = DefaultElpasolites.entries();
        for (int i = 0; i < entries.size(); i++) {
            lines.add(entries.get(i).formula() + "," + (i % 7));
        }
        return Files.write(table, lines);
    }

    /** A latent table wider than the model's latent size is refused like a narrow one, not truncated. */
    @Test
    void aLatentTableWiderThanTheModelIsRefusedNamingTheExtraColumn() throws Exception {
        Path model = dir.resolve("wide.genmat");
        Run t = run("train", "--model", "vae", "--in", formulas.toString(), "--representation", "composition", "--steps", "2",
            "--batch", "64", "--hidden", "16", "--latent", "4", "--seed", "3", "--out", model.toString());
        assertThat(t.rc()).as(t.err()).isZero();
        Path wide = Files.writeString(dir.resolve("wide-latents.csv"), "z1,z2,z3,z4,z5,z6\n0,0,0,0,0,0\n");
        Path out = dir.resolve("wide-decoded.csv");
        Run d = run("sample", "--model", model.toString(), "--mode", "decode", "--in", wide.toString(), "--out", out.toString());
        assertThat(d.rc()).isEqualTo(1);
        assertThat(d.err().strip()).isEqualTo("genmat sample: error: " + wide + " has a column z5 beyond the model's latent size 4"
            + " (columns z1 ... z4)");
        assertThat(out).doesNotExist();
    }
}
