package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.reliability.Hostile;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command against clobbering paths, hostile inputs and out-of-range options, run as a user
 * runs them. For every case: the exit status, the one-line message (never a stack trace), and that
 * every file that existed before (inputs and earlier outputs) is byte-for-byte intact unless the
 * case expects it replaced, with no temporary left behind.
 */
class CommandReliabilityTest {

    @TempDir
    Path root;

    private record Case(String name, Setup setup, int rc, String[] messageParts, Check after) {
    }

    @FunctionalInterface
    interface Setup {
        /** Writes the files of the case into dir and returns the command's arguments. */
        List<String> make(Path dir) throws Exception;
    }

    @FunctionalInterface
    interface Check {
        void check(Path dir, String stderr) throws Exception;
    }

    private final List<Case> cases = new ArrayList<>();

    private void add(String name, Setup setup, int rc, String... message) {
        cases.add(new Case(name, setup, rc, message, (d, e) -> { }));
    }

    private void add(String name, Setup setup, int rc, Check after, String... message) {
        cases.add(new Case(name, setup, rc, message, after));
    }

    /** A usage error's two lines: the message, then the pointer to the command's help. */
    private static Check usage(String command, String message) {
        return (d, e) -> assertThat(e.lines().toList()).containsExactly("genmat " + command + ": error: " + message,
            "(see genmat " + command + " --help)");
    }

    private static String w(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p.toString();
    }

    private static String w(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p.toString();
    }

    private static final String FORMULAS = "formula\nNaCl\nKBr\n";
    private static final String TABLE = "formula,halogen\nCs2NaBiCl6,Cl\nCs2KBiBr6,Br\n";
    private static final byte[] BINARY = {0x50, 0x4b, 3, 4, 0, 0, 0, 0, (byte) 0xff, (byte) 0xfe, 0, 1};

    @TestFactory
    Stream<DynamicTest> commands() throws Exception {
        // --- 5. outputs never clobbered
        add("read x.csv -o x.csv", d -> List.of("read", w(d, "x.csv", FORMULAS), "-o", d.resolve("x.csv").toString()),
            1, "--out", "is the input");
        add("read -o a folder", d -> {
            Files.createDirectories(d.resolve("folder"));
            return List.of("read", w(d, "x.csv", FORMULAS), "-o", d.resolve("folder").toString());
        }, 1, "is a folder");
        add("read -o /dev/null (a device is never replaced)", d -> List.of("read", w(d, "x.csv", FORMULAS), "-o", "/dev/null"),
            1, "not a regular file");
        add("read --fail-fast stopping on a bad file keeps the earlier output", d -> {
            w(d, "out.csv", "earlier\n");
            w(d, "in/bad.cif", "data_x\n_cell_length_a oops\n");
            return List.of("read", d.resolve("in").toString(), "--fail-fast", "-o", d.resolve("out.csv").toString());
        }, 1, (d, e) -> assertThat(Files.readString(d.resolve("out.csv"))).isEqualTo("earlier\n"), "bad.cif");
        add("read replaces an earlier output only when done; missing folders are created", d -> {
            w(d, "out.csv", "earlier\n");
            return List.of("read", w(d, "x.csv", FORMULAS), "-o", d.resolve("new/sub/out.csv").toString());
        }, 0, (d, e) -> assertThat(Files.readString(d.resolve("new/sub/out.csv"))).contains("ClNa", "BrK"));
        add("read: an output that is a link to an input", d -> {
            String in = w(d, "x.csv", FORMULAS);
            Files.createSymbolicLink(d.resolve("link.csv"), Path.of(in));
            return List.of("read", in, "-o", d.resolve("link.csv").toString());
        }, 1, "is the input");
        add("train --in t.csv --out t.csv", d -> List.of("train", "--model", "vae", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("t.csv").toString()), 1, "--out", "is the input");
        add("train --history equal to --out", d -> List.of("train", "--model", "vae", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--history",
            d.resolve("m.genmat").toString()), 1, "--history", "same file as --out");
        add("sample --model m.genmat --out m.genmat", d -> List.of("sample", "--model", w(d, "m.genmat", "a model"),
            "--out", d.resolve("m.genmat").toString()), 1, "is the input");
        add("sample --mode encode --in t.csv --out t.csv", d -> List.of("sample", "--model", w(d, "m.genmat", "a model"),
            "--mode", "encode", "--in", w(d, "t.csv", TABLE), "--out", d.resolve("t.csv").toString()), 1, "is the input");
        add("filter --out-valid equal to --in", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS), "--out-valid",
            d.resolve("v.csv").toString(), "--out-invalid", d.resolve("r.csv").toString()), 1, "--out-valid", "is the input");
        add("filter --out-valid equal to --out-invalid", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS), "--out-valid",
            d.resolve("o.csv").toString(), "--out-invalid", d.resolve("o.csv").toString()), 1, "same file");
        add("metrics --tags equal to --generated", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS),
            "--training", w(d, "t.csv", FORMULAS), "--out", d.resolve("m.csv").toString(), "--tags",
            d.resolve("g.csv").toString()), 1, "--tags", "is the input");
        add("metrics --curve equal to --training", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS),
            "--training", w(d, "t.csv", FORMULAS), "--out", d.resolve("m.csv").toString(), "--curve",
            d.resolve("t.csv").toString()), 1, "--curve", "is the input");
        add("metrics --elements equal to --out", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS),
            "--training", w(d, "t.csv", FORMULAS), "--out", d.resolve("m.csv").toString(), "--elements",
            d.resolve("m.csv").toString()), 1, "same file");
        add("metrics writes every output, then nothing is left half-done", d -> List.of("metrics", "--generated",
            w(d, "g.csv", FORMULAS), "--training", w(d, "t.csv", FORMULAS), "--out", d.resolve("m.csv").toString(), "--tags",
            d.resolve("tags.csv").toString()), 0, (d, e) -> {
                assertThat(Files.readString(d.resolve("m.csv"))).startsWith("metric,value");
                assertThat(Files.readString(d.resolve("tags.csv"))).startsWith("index,formula,valid,tag");
            });
        add("filter on a good table writes both outputs", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS),
            "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 0,
            (d, e) -> assertThat(Files.readString(d.resolve("ok.csv"))).contains("NaCl"));
        add("filter --out-valid equal to its --oxidation-states file", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS),
            "--oxidation-states", w(d, "ox.txt", "Na 1\nCl -1\nK 1\nBr -1\n"), "--out-valid", d.resolve("ox.txt").toString(),
            "--out-invalid", d.resolve("r.csv").toString()), 1, "--out-valid", "is the input");
        add("metrics --out equal to its --oxidation-states file", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS),
            "--training", w(d, "t.csv", FORMULAS), "--oxidation-states", w(d, "ox.txt", "Na 1\nCl -1\nK 1\nBr -1\n"),
            "--out", d.resolve("ox.txt").toString()), 1, "--out", "is the input");
        add("demo --out-dir that is a file", d -> List.of("demo", "--out-dir", w(d, "plain", "x")), 1, "not a folder");

        // --- 11. options and inputs a user can act on
        add("train --hidden 2000000000", d -> List.of("train", "--model", "vae", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--hidden", "2000000000"), 2,
            "(see genmat ", "--hidden: a hidden layer size must be from 1 to 8192", "2000000000");
        add("train --latent -5", d -> List.of("train", "--model", "vae", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--latent", "-5"), 2, "(see genmat ", "latent size", "-5");
        // every job: an out-of-range value is refused by the engine's range, naming the option, as a usage error: exit 2
        // and the pointer to the help (docs/reliability.md; they exited 1 without the pointer, QA 7, D11)
        add("train --adam-beta1 1", d -> List.of("train", "--model", "vae", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--adam-beta1", "1"), 2,
            "(see genmat ", "--adam-beta1: Adam beta1 must be from 0 to below 1, was 1");
        add("train --max-atoms 0", d -> List.of("train", "--model", "vae", "--representation", "composition",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--max-atoms", "0"), 2,
            "(see genmat ", "--max-atoms: the largest formula unit must be from 1 to 1000, was 0");
        add("train --max-sites -1", d -> List.of("train", "--model", "vae", "--representation", "structure",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--max-sites", "-1"), 2,
            "(see genmat ", "--max-sites: the site slots must be from 0 to 500, was -1");
        // above the largest slots: the option and its range, not the featurizer's "max sites must be 1..500" (QA 7 D5)
        add("train --max-sites 948", d -> List.of("train", "--model", "vae", "--representation", "structure",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--max-sites", "948"), 2,
            "(see genmat ", "--max-sites: the site slots must be from 0 to 500, was 948");
        add("train --batch 0", d -> List.of("train", "--model", "wgan-gp", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--batch", "0"), 2,
            "(see genmat ", "--batch: the batch size must be from 1 to 1000000, was 0");
        add("read --threads 5000", d -> List.of("read", w(d, "x.csv", FORMULAS), "--threads", "5000", "-o",
            d.resolve("o.csv").toString()), 2, "(see genmat ", "--threads: the parsing threads (0: all processors) must be from 0 to 1024");
        add("sample --temperature 0", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--temperature", "0",
            "--out", d.resolve("s.csv").toString()), 2, "(see genmat ", "--temperature: the temperature must be greater than 0, was 0");
        add("filter --min-distance -1", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS), "--min-distance", "-1",
            "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 2,
            "(see genmat ", "--min-distance: the distance cutoff (Å) must be at least 0, was -1");
        add("metrics --emd-samples 0", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS), "--training",
            w(d, "t.csv", FORMULAS), "--out", d.resolve("m.csv").toString(), "--emd-samples", "0"), 2,
            "(see genmat ", "--emd-samples: the EMD sample size must be at least 1, was 0");
        add("metrics --cutoffs 0,10", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS), "--training",
            w(d, "t.csv", FORMULAS), "--out", d.resolve("m.csv").toString(), "--cutoffs", "0,10"), 2,
            "(see genmat ", "--cutoffs: the structure cutoff must be greater than 0, was 0");
        add("train --device tpu", d -> List.of("train", "--model", "vae", "--representation", "elpasolite",
            "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--device", "tpu"), 2,
            "(see genmat ", "--device: the device must be auto, cpu or gpu, not 'tpu'");
        add("sample --n 9223372036854775807", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--n",
            "9223372036854775807", "--out", d.resolve("s.csv").toString()), 2, "(see genmat ", "--n: the number of samples must be from 0 to", "9223372036854775807");
        add("sample --n -5", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--n", "-5", "--out",
            d.resolve("s.csv").toString()), 2, usage("sample", "--n: the number of samples must be from 0 to 1,000,000,000,000,000, was -5"));
        add("sample --shard 3/3", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--shard", "3/3", "--out",
            d.resolve("s.csv").toString()), 2, usage("sample", "--shard: the shard must be k/K with 0 <= k < K, e.g. 0/4; was '3/3'"));
        add("train --steps 0", d -> List.of("train", "--model", "vae", "--representation", "elpasolite", "--in",
            w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--steps", "0"), 2,
            usage("train", "--steps: the steps must be at least 1, was 0"));
        add("train --lr NaN", d -> List.of("train", "--model", "vae", "--representation", "elpasolite", "--in",
            w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(), "--lr", "NaN"), 2,
            usage("train", "--lr: the learning rate must be greater than 0 and at most 3.4028235E38, was NaN"));
        add("train --model foo", d -> List.of("train", "--model", "foo", "--representation", "elpasolite", "--in",
            w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString()), 2,
            usage("train", "--model: unknown model family 'foo' (known: vae, wgan-gp, vae-gan)"));
        add("train --representation crystal", d -> List.of("train", "--model", "vae", "--representation", "crystal", "--in",
            w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString()), 2, usage("train", "--representation: the"
                + " representation must be one of elpasolite, perovskite, composition, structure, was 'crystal'"));
        add("sample --n abc names the range of --n, not that of a long", d -> List.of("sample", "--model",
            w(d, "m.genmat", "x"), "--n", "abc", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--n: 'abc' is not a whole number (the number of samples must be from 0 to 1,000,000,000,000,000)"));
        add("sample --n 1e16: a whole number in float notation beyond the range is out of range", d -> List.of("sample",
            "--model", w(d, "m.genmat", "x"), "--n", "1e16", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--n: the number of samples must be from 0 to 1,000,000,000,000,000, was 1e16"));
        add("sample --n beyond a long is out of range too, as a long beyond it is", d -> List.of("sample",
            "--model", w(d, "m.genmat", "x"), "--n", "99999999999999999999", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--n: the number of samples must be from 0 to 1,000,000,000,000,000, was 99999999999999999999"));
        add("sample --temperature abc names the range too", d -> List.of("sample", "--model", w(d, "m.genmat", "x"),
            "--temperature", "abc", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--temperature: 'abc' is not a number (the temperature must be greater than 0)"));
        add("filter --min-distance x: a mixin's option names its range", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS),
            "--min-distance", "x", "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()),
            2, usage("filter", "--min-distance: 'x' is not a number (the distance cutoff (Å) must be at least 0)"));
        // an option of another mode is refused, naming the modes it applies to (it was ignored: the same bytes, QA 7, D14)
        add("sample --mode encode --output-noise", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--mode", "encode",
            "--in", w(d, "t.csv", TABLE), "--output-noise", "0.5", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--output-noise applies to --mode prior only, not to --mode encode"));
        add("sample --mode interpolate --guidance", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--mode",
            "interpolate", "--in", w(d, "t.csv", TABLE), "--guidance", "2", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--guidance applies to --mode prior only, not to --mode interpolate"));
        add("sample --mode decode --n", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--mode", "decode",
            "--in", w(d, "t.csv", TABLE), "--n", "5", "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--n applies to --mode prior and interpolate only, not to --mode decode"));
        add("sample --in in prior mode", d -> List.of("sample", "--model", w(d, "m.genmat", "x"), "--in", w(d, "t.csv", TABLE),
            "--out", d.resolve("s.csv").toString()), 2,
            usage("sample", "--in applies to --mode interpolate, encode and decode only, not to --mode prior"));
        // an output where no file can be created is refused before the training (as root it was found after it, QA 7, D12)
        add("train --out /proc/x.genmat", d -> {
            assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
            return List.of("train", "--model", "vae", "--representation", "elpasolite", "--in", w(d, "t.csv", TABLE),
                "--out", "/proc/x.genmat");
        }, 1, (d, e) -> assertThat(e.strip()).isEqualTo("genmat train: error: --out /proc/x.genmat: cannot write in /proc"
            + " (files cannot be created there)"));
        add("train --history /proc/h.csv", d -> {
            assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
            return List.of("train", "--model", "vae", "--representation", "elpasolite", "--in", w(d, "t.csv", TABLE),
                "--out", d.resolve("m.genmat").toString(), "--history", "/proc/h.csv");
        }, 1, (d, e) -> assertThat(e.strip()).isEqualTo("genmat train: error: --history /proc/h.csv: cannot write in /proc"
            + " (files cannot be created there)"));
        add("sample with a model file that is not one", d -> List.of("sample", "--model", w(d, "m.genmat", "not a zip"),
            "--out", d.resolve("s.csv").toString()), 1, "m.genmat");
        add("filter with a binary file as the table", d -> List.of("filter", "--in", w(d, "bin.csv", BINARY), "--out-valid",
            d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 1, "bin.csv", "binary data");
        add("metrics with a binary file as the training table", d -> List.of("metrics", "--generated", w(d, "g.csv", FORMULAS),
            "--training", w(d, "bin.csv", BINARY), "--out", d.resolve("m.csv").toString()), 1, "bin.csv", "binary data");
        add("filter: a CSV header with a UTF-8 byte-order mark", d -> List.of("filter", "--in",
            w(d, "bom.csv", ("\uFEFF" + FORMULAS).getBytes(StandardCharsets.UTF_8)), "--out-valid", d.resolve("ok.csv").toString(),
            "--out-invalid", d.resolve("no.csv").toString()), 0, (d, e) -> assertThat(Files.readString(d.resolve("ok.csv")))
                .contains("NaCl", "KBr"));

        // tables the rows cannot be read from: one message naming the file and its columns, before any work
        add("filter: two columns with one name", d -> List.of("filter", "--in", w(d, "dup.csv", "formula,x,x\nNaCl,1,2\n"),
            "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 1,
            "dup.csv: two columns named 'x' (columns 2 and 3 of: formula, x, x)");
        add("metrics: two columns with one name in the training table", d -> List.of("metrics", "--generated",
            w(d, "g.csv", FORMULAS), "--training", w(d, "t.csv", "formula,formula\nNaCl,KBr\n"), "--out",
            d.resolve("m.csv").toString()), 1, "t.csv: two columns named 'formula' (columns 1 and 2 of: formula, formula)");
        add("read: two columns with one name", d -> List.of("read", w(d, "dup.csv", "formula,x,x\nNaCl,1,2\n"), "-o",
            d.resolve("out.csv").toString()), 1, (d, e) -> assertThat(d.resolve("out.csv")).doesNotExist(),
            "dup.csv: cannot read table: two columns named 'x' (columns 2 and 3 of: formula, x, x)");
        add("read: an input column named as one of the crystal table's is kept renamed", d -> List.of("read",
            w(d, "in.csv", "formula,composition,,\nNaCl,Na:1 Cl:1,,\n"), "-o", d.resolve("out.csv").toString()), 0,
            (d, e) -> assertThat(Files.readString(d.resolve("out.csv")).lines().findFirst().orElseThrow())
                .endsWith(",composition (input),column 3,column 4"));
        add("train: two columns with one name in the training table", d -> List.of("train", "--model", "vae",
            "--representation", "elpasolite", "--in", w(d, "dup.csv", "formula,x,x\nCs2NaBiCl6,1,2\n"), "--out",
            d.resolve("m.genmat").toString()), 1, "dup.csv is not a readable CSV table: two columns named 'x' (columns 2"
            + " and 3 of: formula, x, x)");
        add("demo --data: two columns with one name", d -> List.of("demo", "--data",
            w(d, "dft.csv", "A,B,C,D,D,formation_energy_ev_per_atom\nNa,K,F,Cl,Br,-1\n"), "--out-dir",
            d.resolve("demo").toString()), 1, "dft.csv: two columns named 'D' (columns 4 and 5 of: A, B, C, D, D,");
        add("metrics: a training table without cif, composition or formula", d -> List.of("metrics", "--generated",
            w(d, "g.csv", FORMULAS), "--training", w(d, "nocol.csv", "x,y\n1,2\n"), "--out", d.resolve("m.csv").toString()), 1,
            "nocol.csv has no cif, composition or formula column (columns: x, y)");
        add("metrics: a semicolon-separated generated table", d -> List.of("metrics", "--generated",
            w(d, "semi.csv", "formula;score\nNaCl;1\n"), "--training", w(d, "t.csv", FORMULAS), "--out",
            d.resolve("m.csv").toString()), 1, "semi.csv has no cif, composition or formula column (columns: formula;score)",
            "comma-separated");
        add("filter: a tab-separated table", d -> List.of("filter", "--in", w(d, "tab.tsv", "formula\tscore\nNaCl\t1\n"),
            "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 1,
            "tab.tsv has no cif, composition or formula column");
        add("filter --prototype perovskite on a table without X1", d -> List.of("filter", "--in", w(d, "v.csv", FORMULAS),
            "--prototype", "perovskite", "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid",
            d.resolve("no.csv").toString()), 1, "column A not found in", "v.csv (columns: formula)");
        add("metrics --prototype perovskite on tables without X1", d -> List.of("metrics", "--generated",
            w(d, "g.csv", "formula,A,B,C,D\nCs2NaBiCl6,Na,Bi,Cs,Cl\n"), "--training",
            w(d, "t.csv", "formula,A,B,C,D\nCs2NaBiCl6,Na,Bi,Cs,Cl\n"), "--prototype", "perovskite", "--out",
            d.resolve("m.csv").toString()), 1, "column X1 not found in", "g.csv (columns: formula, A, B, C, D)");
        add("metrics --prototype elpasolite with a reference without D", d -> List.of("metrics", "--generated",
            w(d, "g.csv", "formula,A,B,C,D\nCs2NaBiCl6,Na,Bi,Cs,Cl\n"), "--training", w(d, "t.csv", FORMULAS), "--reference",
            w(d, "ref.csv", "formula,A,B,C\nCs2NaBiCl6,Na,Bi,Cs\n"), "--prototype", "elpasolite", "--out",
            d.resolve("m.csv").toString()), 1, "column D not found in", "ref.csv (columns: formula, A, B, C)");
        add("filter --site-columns naming absent columns", d -> List.of("filter", "--in",
            w(d, "g.csv", "formula,A,B,C,D\nCs2NaBiCl6,Na,Bi,Cs,Cl\n"), "--prototype", "elpasolite", "--site-columns", "A,B,C,Q",
            "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 1,
            "column Q not found in", "g.csv");
        add("filter: a malformed row is a rejected row with the line as reason", d -> List.of("filter", "--in",
            w(d, "bad.csv", "formula,x\nNaCl,1\nKBr,2\n\"LiCl,3\nCsCl,4\n"), "--out-valid", d.resolve("ok.csv").toString(),
            "--out-invalid", d.resolve("no.csv").toString()), 0, (d, e) -> {
                assertThat(Files.readAllLines(d.resolve("ok.csv"))).hasSize(4);
                assertThat(Files.readAllLines(d.resolve("no.csv"))).containsExactly(
                    "formula,x,composition_valid,structure_valid,failed_check,reason",
                    "\"\",,false,false,input,line 4: a quote opened in this row is never closed");
                assertThat(e).contains("bad.csv: line 4: a quote opened in this row is never closed; row rejected",
                    "4 rows -> 3 valid", "1 rejected");
            });

        // --- 1, 3, 4, 6: hostile reads end as rows, exit 0
        add("read: emoji and 200,000 nested parentheses in a formula table", d -> List.of("read", w(d, "f.csv",
            "formula\nFe\uD83D\uDE00O3\n" + "(".repeat(200_000) + "H" + ")".repeat(200_000) + "\nNaCl\n"), "-o",
            d.resolve("o.csv").toString()), 0, (d, e) -> {
                String out = Files.readString(d.resolve("o.csv"));
                assertThat(out).contains("unexpected character", "nested more than 64 deep", "ClNa");
                assertThat(e).contains("3 rows (1 good, 2 with errors)");
            });
        add("read: a FIFO does not block and a non-crystal file is reported", d -> {
            Files.createDirectories(d.resolve("in"));
            assumeTrue(Hostile.mkfifo(d.resolve("in/pipe.cif")));
            w(d, "in/README.md", "hello");
            w(d, "in/a.cif", Hostile.goodCif());
            return List.of("read", d.resolve("in").toString(), "-o", d.resolve("o.csv").toString());
        }, 0, (d, e) -> {
            assertThat(Files.readString(d.resolve("o.csv"))).contains("ClNa", "not a regular file (a FIFO)");
            assertThat(e).contains("skipped 1 (not a crystal file", "README.md");
        });
        add("read: a UTF-16 CIF", d -> List.of("read", w(d, "w.cif", Hostile.utf16(Hostile.goodCif(), true, true)), "-o",
            d.resolve("o.csv").toString()), 0, (d, e) -> assertThat(Files.readString(d.resolve("o.csv"))).contains("ClNa"));
        add("read: escape sequences in a CIF never reach the terminal", d -> List.of("read", w(d, "e.cif",
            "data_x\n\u001b[2J_cell_length_a \u001b]0;x\u0007\n"), "--fail-fast", "-o", d.resolve("o.csv").toString()), 1,
            (d, e) -> assertThat(e).doesNotContain("\u001b", "\u0007"), "e.cif");

        // --- read: its own output, missing inputs, nothing read
        add("read rerun into its input folder never reads its earlier output or temporary", d -> {
            w(d, "in/a.cif", Hostile.goodCif());
            w(d, "in/out.csv", "formula\nKBr\n"); // the earlier run's output
            return List.of("read", d.resolve("in").toString(), "-o", d.resolve("in/out.csv").toString());
        }, 0, (d, e) -> {
            assertThat(Files.readString(d.resolve("in/out.csv"))).contains("ClNa").doesNotContain("BrK", "out.csv#row");
            assertThat(e).contains("1 row (1 good", "skipped 1 (the command's own output)").doesNotContain("hidden");
        });
        add("read of a folder holding an earlier output under another name passes over it, naming it", d -> {
            w(d, "in/a.cif", Hostile.goodCif());
            w(d, "in/formulas.csv", "formula\nKBr\n");
            // the earlier run, as a user ran it
            assertThat(GenmatCli.commandLine().execute("read", d.resolve("in").toString(), "-o",
                d.resolve("in/crystals.csv").toString())).isZero();
            return List.of("read", d.resolve("in").toString(), "-o", d.resolve("in/again.csv").toString());
        }, 0, (d, e) -> {
            try (Stream<Map<String, String>> rows = CrystalTable.readRows(d.resolve("in/again.csv"))) {
                assertThat(rows.map(r -> r.get("formula"))).containsExactly("ClNa", "BrK"); // once each
            }
            assertThat(e).contains("2 rows (2 good, 0 with errors)", "skipped 1 (a crystal table, an earlier output of"
                + " genmat read or Read Crystals (name the file to read it)): " + d.resolve("in/crystals.csv"));
        });
        add("read of an earlier output named as its input reads it", d -> {
            w(d, "in/a.cif", Hostile.goodCif());
            assertThat(GenmatCli.commandLine().execute("read", d.resolve("in").toString(), "-o",
                d.resolve("in/crystals.csv").toString())).isZero();
            return List.of("read", d.resolve("in/crystals.csv").toString(), "-o", d.resolve("copy.csv").toString());
        }, 0, (d, e) -> {
            assertThat(Files.readString(d.resolve("copy.csv"))).contains("ClNa");
            assertThat(e).contains("1 row (1 good, 0 with errors)").doesNotContain("skipped");
        });
        add("read of a folder and an earlier output in it, named too, reads it once and does not call it skipped", d -> {
            w(d, "in/a.cif", Hostile.goodCif());
            assertThat(GenmatCli.commandLine().execute("read", d.resolve("in").toString(), "-o",
                d.resolve("in/crystals.csv").toString())).isZero();
            return List.of("read", d.resolve("in").toString(), d.resolve("in/crystals.csv").toString(), "-o",
                d.resolve("again.csv").toString());
        }, 0, (d, e) -> {
            try (Stream<Map<String, String>> rows = CrystalTable.readRows(d.resolve("again.csv"))) {
                assertThat(rows.map(r -> r.get("source"))).containsExactly(d.resolve("in/a.cif") + "#ClNa",
                    d.resolve("in/crystals.csv") + "#row 1 (" + d.resolve("in/a.cif") + "#ClNa)#ClNa"); // once, where first met
            }
            assertThat(e).contains("2 rows (2 good, 0 with errors)",
                "genmat read: " + d.resolve("in/crystals.csv") + " is named twice; read once").doesNotContain("skipped");
        });
        add("read of a Latin-1 table and CIF reads them and says so once per file", d -> {
            w(d, "in/lat.csv", "formula,note\nNaCl,M\u00fcller\nKBr,\u00c5\n".getBytes(StandardCharsets.ISO_8859_1));
            w(d, "in/old.cif", (Hostile.goodCif().replace("\u00a7", "section") + "\n_publ_author_name 'M\u00fcller'\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            return List.of("read", d.resolve("in").toString(), "-o", d.resolve("o.csv").toString());
        }, 0, (d, e) -> {
            assertThat(Files.readString(d.resolve("o.csv"))).contains("lat.csv#row 2,BrK", "old.cif#ClNa,ClNa");
            assertThat(e).contains("3 rows (3 good, 0 with errors)",
                "genmat read: " + d.resolve("in/lat.csv") + ": not UTF-8 from byte 20 on; read as Latin-1 (ISO-8859-1)",
                "genmat read: " + d.resolve("in/old.cif") + ": not UTF-8 from byte ");
            assertThat(e.lines().filter(l -> l.contains("not UTF-8"))).hasSize(2);
        });
        add("filter of a Latin-1 table says so once", d -> List.of("filter", "--in",
            w(d, "lat.csv", "formula,note\nNaCl,M\u00fcller\nKBr,\u00c5\n".getBytes(StandardCharsets.ISO_8859_1)),
            "--out-valid", d.resolve("ok.csv").toString(), "--out-invalid", d.resolve("no.csv").toString()), 0,
            (d, e) -> assertThat(e.lines().filter(l -> l.contains("not UTF-8"))).containsExactly(
                "filter: " + d.resolve("lat.csv") + ": not UTF-8 from byte 20 on; read as Latin-1 (ISO-8859-1)"));
        add("read of a missing input is refused and keeps the earlier output", d -> {
            w(d, "prev.csv", "earlier\n");
            w(d, "good0.cif", Hostile.goodCif());
            return List.of("read", d.resolve("goood0.cif").toString(), "-o", d.resolve("prev.csv").toString());
        }, 1, "genmat read: error: ", "goood0.cif: no such file or folder");
        add("read of an empty folder exits 1 and keeps the earlier output", d -> {
            w(d, "prev.csv", "earlier\n");
            Files.createDirectories(d.resolve("empty"));
            return List.of("read", d.resolve("empty").toString(), "-o", d.resolve("prev.csv").toString());
        }, 1, "no crystal read", "nothing to read there", "prev.csv not written");
        add("read with only unreadable inputs exits 1 and names the first error", d -> {
            w(d, "prev.csv", "earlier\n");
            return List.of("read", w(d, "f.csv", "formula\nNa0Cl\n"), "-o", d.resolve("prev.csv").toString());
        }, 1, "no crystal read", "1 unreadable", "amount 0");
        add("read: nonsense formulas are their rows' errors, the good row stays", d -> List.of("read", w(d, "f.csv",
            "formula\nNa99999999999999999999Cl\nNa0Cl\nNaCl2.\nNaCl\n"), "-o", d.resolve("o.csv").toString()), 0, (d, e) -> {
                String out = Files.readString(d.resolve("o.csv"));
                assertThat(out).contains("too large (at most 1000000)", "amount 0", "nothing after the last '.'", "ClNa")
                    .doesNotContain("9223372036854775807");
                assertThat(e).contains("4 rows (1 good, 3 with errors)");
            });
        add("read: ragged table rows are kept with a warning", d -> List.of("read", w(d, "mixed.csv",
            "formula,e\nNaCl,1,extra,more\nKCl\nLiF,3\n"), "-o", d.resolve("o.csv").toString()), 0,
            (d, e) -> assertThat(Files.readString(d.resolve("o.csv"))).contains("last 2 cells were dropped",
                "missing cell is left empty"));
        add("read --fail-fast: a table error keeps its --column hint and the columns", d -> List.of("read",
            w(d, "semi.csv", "name;formula_x;energy\na;NaCl;1\n"), "--fail-fast", "-o", d.resolve("o.csv").toString()), 1,
            "name one with --column; its columns are name;formula_x;energy");
        add("read --species with an unknown element names the option", d -> List.of("read",
            w(d, "v4/POSCAR", "x\n1.0\n4 0 0\n0 4 0\n0 0 4\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n"), "--species", "Fe,Qq",
            "-o", d.resolve("o.csv").toString()), 2, "genmat read: error: --species: unknown element 'Qq'",
            "(see genmat read --help)");

        // --- inputs that are no regular file, and usage errors
        add("sample --model a folder", d -> {
            Files.createDirectories(d.resolve("adir"));
            return List.of("sample", "--model", d.resolve("adir").toString(), "--out", d.resolve("s.csv").toString());
        }, 1, "genmat sample: error: ", "adir: is a folder");
        add("sample --model a FIFO does not hang", d -> {
            assumeTrue(Hostile.mkfifo(d.resolve("ff.genmat")));
            return List.of("sample", "--model", d.resolve("ff.genmat").toString(), "--out", d.resolve("s.csv").toString());
        }, 1, "ff.genmat: is not a regular file");
        add("filter --in a folder", d -> {
            Files.createDirectories(d.resolve("adir"));
            return List.of("filter", "--in", d.resolve("adir").toString(), "--out-valid", d.resolve("v.csv").toString(),
                "--out-invalid", d.resolve("r.csv").toString());
        }, 1, "genmat filter: error: ", "adir: is a folder");
        add("metrics --training a FIFO does not hang", d -> {
            assumeTrue(Hostile.mkfifo(d.resolve("ff.csv")));
            return List.of("metrics", "--generated", w(d, "g.csv", "formula\nNaCl\n"), "--training",
                d.resolve("ff.csv").toString(), "--out", d.resolve("m.csv").toString());
        }, 1, "genmat metrics: error: ", "ff.csv: is not a regular file");
        add("train --in a folder", d -> {
            Files.createDirectories(d.resolve("adir"));
            return List.of("train", "--model", "vae", "--representation", "elpasolite", "--in", d.resolve("adir").toString(),
                "--out", d.resolve("m.genmat").toString());
        }, 1, "genmat train: error: ", "adir: is a folder");
        add("a bad option value is one line and a pointer to the help, exit 2", d -> List.of("train", "--model", "vae",
            "--representation", "elpasolite", "--in", w(d, "t.csv", TABLE), "--out", d.resolve("m.genmat").toString(),
            "--steps", "99999999999"), 2, (d, e) -> assertThat(e.lines().toList()).containsExactly(
                "genmat train: error: --steps: '99999999999' is not a whole number (the steps must be at least 1)",
                "(see genmat train --help)"));
        add("a long option given a decimal says whole number, not 'long'", d -> List.of("sample", "--model",
            d.resolve("m.genmat").toString(), "--n", "1", "--out", d.resolve("o.csv").toString(), "--seed", "1e3"), 2,
            (d, e) -> assertThat(e.lines().toList()).containsExactly(
                "genmat sample: error: --seed: '1e3' is not a whole number from -9223372036854775808 to 9223372036854775807",
                "(see genmat sample --help)"));
        add("a map or list option's number says whole number too, naming the value", d -> List.of("demo", "--steps", "vae=abc"), 2,
            (d, e) -> assertThat(e.lines().toList()).containsExactly(
                "genmat demo: error: --steps: 'abc' is not a whole number from -2147483648 to 2147483647",
                "(see genmat demo --help)"));
        add("--rows outside interpolate mode names the mode it applies to", d -> List.of("sample", "--model",
            d.resolve("m.genmat").toString(), "--rows", "1,2", "--out", d.resolve("o.csv").toString()), 2,
            usage("sample", "--rows applies to --mode interpolate only, not to --mode prior"));
        add("genmat without a command lists the commands, exit 2", d -> List.of(), 2, "Commands:", "read", "filter",
            "help");
        add("genmat help lists the commands", d -> List.of("help"), 0);

        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> run(c)));
        }
        return tests.stream();
    }

    private void run(Case c) throws Exception {
        Path dir = Files.createDirectories(root.resolve("case" + cases.indexOf(c)));
        List<String> args = c.setup().make(dir);
        Map<Path, byte[]> before = snapshot(dir);
        // run as a user runs it: a fresh JVM through GenmatCli.main (exit status, stderr, shutdown hooks)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            GenmatCli.class.getName()));
        cmd.addAll(args);
        Path errFile = root.resolve("stderr" + cases.indexOf(c) + ".txt");
        Process proc = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(errFile.toFile()).start();
        if (!proc.waitFor(90, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            Assertions.fail("still running after 90 s: " + args);
        }
        int rc = proc.exitValue();
        StringWriter err = new StringWriter();
        err.write(Files.readString(errFile, StandardCharsets.UTF_8));
        String stderr = err.toString();
        assertThat(rc).as("exit status; stderr: " + stderr).isEqualTo(c.rc());
        if (c.messageParts().length > 0) {
            assertThat(stderr).as("one clear message").contains(c.messageParts());
        }
        assertThat(stderr).as("never a stack trace").doesNotContain("\tat ", "Exception:", "Error:");
        // everything that existed before is intact, unless this case writes it on success
        Map<Path, byte[]> after = snapshot(dir);
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            if (rc == 0 && !after.containsKey(e.getKey())) {
                continue;
            }
            assertThat(after).as("still there: " + e.getKey()).containsKey(e.getKey());
            if (rc != 0 || !args.contains(e.getKey().toString())) {
                assertThat(after.get(e.getKey())).as("unchanged: " + e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(after.keySet()).as("no temporary left").noneMatch(p -> p.toString().endsWith(".genmat-tmp"));
        c.after().check(dir, stderr);
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    m.put(p, Files.readAllBytes(p));
                }
            }
        }
        return m;
    }
}
