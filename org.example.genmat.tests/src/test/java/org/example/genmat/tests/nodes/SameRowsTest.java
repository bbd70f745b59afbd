package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.cli.GenmatCli;
import org.example.genmat.core.job.Column;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.example.genmat.nodes.read.ReadCrystalsNodeFactory;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.example.genmat.nodes.train.TrainWganGpNodeFactory;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSLocation;

import picocli.CommandLine;

/**
 * A workflow and a script with the same settings and seed give the same rows: for each job, the KNIME node and the
 * {@code genmat} command run the same use case, and their tables hold the same columns in the same order with the
 * same values (CSV text against the node's cells).
 */
class SameRowsTest {

    @TempDir
    static Path dir;

    private static BufferedDataTable crystals;

    private static Path crystalsCsv;

    private static GenerativeModelPortObject vae;

    private static Path vaeFile;

    private static BufferedDataTable vaeHistory;

    @BeforeAll
    static void trainOnce() throws Exception {
        crystals = NodeTestSupport.readCrystals(TestData.structureTable(TestData.structures(40)));
        crystalsCsv = write(crystals, dir.resolve("crystals.csv"));
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        train.loadSettings(WorkflowTest.tiny(train, "COMPOSITION"));
        final PortObject[] trained = train.execute(crystals);
        vae = (GenerativeModelPortObject)trained[0];
        vaeHistory = (BufferedDataTable)trained[1];
        vaeFile = Files.write(dir.resolve("vae.genmat"), vae.getModelFile());
    }

    @Test
    void trainGivesTheSameWeightsAndHistoryAsGenmatTrain() throws Exception {
        // WorkflowTest.tiny's settings as options; the node's other defaults are the command's
        genmat("vae-cli.genmat", "train", "--model", "vae", "--representation", "composition", "--in",
            crystalsCsv.toString(), "--hidden", "16", "--latent", "4", "--steps", "40", "--batch", "16",
            "--history-every", "10", "--lr", "1e-3", "--device", "cpu", "--seed", "42", "--out",
            dir.resolve("vae-cli.genmat").toString(), "--history", dir.resolve("history.csv").toString());
        final java.util.Map<String, byte[]> node = arrays(vae.getModelFile());
        final java.util.Map<String, byte[]> cli = arrays(Files.readAllBytes(dir.resolve("vae-cli.genmat")));
        assertThat(node).isNotEmpty();
        assertThat(cli.keySet()).isEqualTo(node.keySet());
        for (String name : node.keySet()) {
            assertThat(cli.get(name)).as(name).isEqualTo(node.get(name));
        }
        final List<String> lines = Files.readAllLines(dir.resolve("history.csv"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", vaeHistory.getDataTableSpec().getColumnNames()));
        assertThat(lines).hasSize((int)vaeHistory.size() + 1);
    }

    @Test
    void packedCriticWganGpGivesTheSameWeightsAsGenmatTrain() throws Exception {
        final NodeRunner train = NodeRunner.of(TrainWganGpNodeFactory.class);
        final NodeSettings s = WorkflowTest.tiny(train, "COMPOSITION");
        NodeTestSupport.group(s, "critic").addInt("criticPack", 2);
        train.loadSettings(s);
        final byte[] node = ((GenerativeModelPortObject)train.execute(crystals)[0]).getModelFile();
        genmat("wgan-cli.genmat", "train", "--model", "wgan-gp", "--representation", "composition", "--in",
            crystalsCsv.toString(), "--hidden", "16", "--critic-hidden", "16", "--latent", "4", "--steps", "40",
            "--batch", "16", "--history-every", "10", "--lr", "1e-3", "--critic-pack", "2", "--device", "cpu", "--seed",
            "42", "--out", dir.resolve("wgan-cli.genmat").toString());
        final java.util.Map<String, byte[]> cli = arrays(Files.readAllBytes(dir.resolve("wgan-cli.genmat")));
        assertThat(cli.keySet()).isNotEmpty().isEqualTo(arrays(node).keySet());
        arrays(node).forEach((name, weights) -> assertThat(cli.get(name)).as(name).isEqualTo(weights));
        final var model = org.example.genmat.core.model.GenerativeModel.load(new java.io.ByteArrayInputStream(node));
        assertThat(model.settings().criticPack()).isEqualTo(2);
    }

    @Test
    void nonDefaultFeaturizationGivesTheSameModelAsGenmatTrain() throws Exception {
        // 8 site slots for 5-site crystals: the option changes the vector, so the weights show whether it arrived
        final NodeRunner train = NodeRunner.of(TrainVaeNodeFactory.class);
        final NodeSettings s = WorkflowTest.tiny(train, "STRUCTURE");
        NodeTestSupport.group(s, "featurization").addInt("maxSites", 8);
        train.loadSettings(s);
        final byte[] node = ((GenerativeModelPortObject)train.execute(crystals)[0]).getModelFile();
        genmat("structure-cli.genmat", "train", "--model", "vae", "--representation", "structure", "--max-sites", "8",
            "--in", crystalsCsv.toString(), "--hidden", "16", "--latent", "4", "--steps", "40", "--batch", "16",
            "--history-every", "10", "--lr", "1e-3", "--device", "cpu", "--seed", "42", "--out",
            dir.resolve("structure-cli.genmat").toString());
        final byte[] cli = Files.readAllBytes(dir.resolve("structure-cli.genmat"));
        final java.util.Map<String, byte[]> cliArrays = arrays(cli);
        assertThat(cliArrays.keySet()).isNotEmpty().isEqualTo(arrays(node).keySet());
        arrays(node).forEach((name, weights) -> assertThat(cliArrays.get(name)).as(name).isEqualTo(weights));
        final var nodeModel = org.example.genmat.core.model.GenerativeModel.load(new java.io.ByteArrayInputStream(node));
        final var cliModel = org.example.genmat.core.model.GenerativeModel.load(new java.io.ByteArrayInputStream(cli));
        assertThat(((org.example.genmat.core.featurize.PeriodicStructure)nodeModel.featurizer()).maxSites()).isEqualTo(8);
        assertThat(nodeModel.featurizer().toJson()).isEqualTo(cliModel.featurizer().toJson());
        // the node records its featurization with its other settings
        assertThat(nodeModel.provenance().settings()).containsEntry("maxSites", "8").containsEntry("maxAtoms", "20");
    }

    /** The weight arrays of a model file (a zip), by entry name. */
    private static java.util.Map<String, byte[]> arrays(final byte[] model) throws IOException {
        final java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(model))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().startsWith("arrays/")) {
                    out.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void readGivesTheSameRowsAsGenmatRead() throws Exception {
        final Path folder = Files.createDirectories(dir.resolve("read"));
        Files.writeString(folder.resolve("SrTiO3.cif"), TestData.cubicPerovskite("Sr", "Ti", "O", 3.905));
        Files.writeString(Files.createDirectories(folder.resolve("sub")).resolve("BaTiO3.cif"),
            TestData.cubicPerovskite("Ba", "Ti", "O", 4.0));
        Files.writeString(folder.resolve("broken.cif"), "data_x\n_cell_length_a oops\n");
        final NodeRunner read = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = read.saveSettings();
        ReadCrystalsNodeTest.location(s, "FOLDER", new FSLocation(FSCategory.LOCAL, folder.toString()));
        read.loadSettings(s);
        final BufferedDataTable node = (BufferedDataTable)read.execute((BufferedDataTable)null, null)[0];
        assertSameRows(node, genmat("read.csv", "read", folder.toString(), "--out", dir.resolve("read.csv").toString()),
            true);
        assertThat(Tables.rows(node)).extracting(r -> r.getCell(node.getDataTableSpec().findColumnIndex("error")))
            .anyMatch(c -> !c.isMissing()).anyMatch(DataCell::isMissing);
    }

    @Test
    void readWithAStructureColumnAndVasp4SpeciesGivesTheSameRowsAsGenmatRead() throws Exception {
        final Path csv = Files.writeString(dir.resolve("compounds.csv"), "compound,energy,label\nKBr,-1.5,a\n"
            + "NaCl,-2.0,b\nXq2,0.5,c\n");
        final NodeRunner read = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = read.saveSettings();
        ReadCrystalsNodeTest.location(s, "FILE", new FSLocation(FSCategory.LOCAL, csv.toString()));
        s.addString("csvColumn", "compound");
        read.loadSettings(s);
        assertSameRows((BufferedDataTable)read.execute((BufferedDataTable)null, null)[0], genmat("compounds-read.csv",
            "read", csv.toString(), "--column", "compound", "--out", dir.resolve("compounds-read.csv").toString()), true);

        final Path folder = Files.createDirectories(dir.resolve("vasp4"));
        Files.writeString(folder.resolve("KNbO3.vasp"), ReadCrystalsNodeTest.VASP4);
        Files.writeString(folder.resolve("POSCAR_2"), ReadCrystalsNodeTest.VASP4.replace("4.0 0 0", "4.1 0 0"));
        final NodeSettings p = NodeRunner.of(ReadCrystalsNodeFactory.class).saveSettings();
        ReadCrystalsNodeTest.location(p, "FOLDER", new FSLocation(FSCategory.LOCAL, folder.toString()));
        p.addString("species", "K,Nb,O");
        read.loadSettings(p);
        final BufferedDataTable node = (BufferedDataTable)read.execute((BufferedDataTable)null, null)[0];
        assertSameRows(node, genmat("vasp4-read.csv", "read", folder.toString(), "--species", "K,Nb,O", "--out",
            dir.resolve("vasp4-read.csv").toString()), true);
        assertThat(Tables.column(node, "error")).hasSize(2).allMatch(DataCell::isMissing);
    }

    @Test
    void sampleEveryModeGivesTheSameRowsAsGenmatSample() throws Exception {
        final BufferedDataTable prior = sampleNode("PRIOR", s -> {
            s.addLong("samples", 300);
            s.addLong("seed", 11);
            s.addDouble("temperature", 0.8);
        }, null);
        final Path priorCsv = genmat("prior.csv", "sample", "--model", vaeFile.toString(), "--n", "300", "--seed", "11",
            "--temperature", "0.8", "--out", dir.resolve("prior.csv").toString());
        assertSameRows(prior, priorCsv, true);

        // the study's decoding (observation noise) as Sample Latent parameters and genmat sample options (this
        // composition model's outputs are categorical, so the noise reaches no value here; the options must match)
        final BufferedDataTable noisy = sampleNode("PRIOR", s -> {
            s.addLong("samples", 200);
            s.addLong("seed", 11);
            s.addDouble("outputNoise", 0.3);
        }, null);
        assertSameRows(noisy, genmat("noisy.csv", "sample", "--model", vaeFile.toString(), "--n", "200", "--seed", "11",
            "--output-noise", "0.3", "--out", dir.resolve("noisy.csv").toString()), true);

        final BufferedDataTable encoded = sampleNode("ENCODE", s -> { }, crystals);
        assertSameRows(encoded, genmat("enc.csv", "sample", "--model", vaeFile.toString(), "--mode", "encode", "--in",
            crystalsCsv.toString(), "--out", dir.resolve("enc.csv").toString()), true);

        final BufferedDataTable line = sampleNode("INTERPOLATE", s -> {
            s.addInt("interpolationSteps", 7);
            s.addInt("firstRow", 2);
            s.addInt("secondRow", 9);
        }, crystals);
        assertSameRows(line, genmat("line.csv", "sample", "--model", vaeFile.toString(), "--mode", "interpolate", "--in",
            crystalsCsv.toString(), "--rows", "2,9", "--n", "7", "--out", dir.resolve("line.csv").toString()), true);

        // decoding the prior table again: the node keys rows by the input's row IDs, the command by file and row
        final BufferedDataTable decoded = sampleNode("DECODE", s -> { }, prior);
        assertSameRows(decoded, genmat("dec.csv", "sample", "--model", vaeFile.toString(), "--mode", "decode", "--in",
            priorCsv.toString(), "--out", dir.resolve("dec.csv").toString()), false);
    }

    @Test
    void filterAndMetricsGiveTheSameRowsAsGenmatFilterAndMetrics() throws Exception {
        final BufferedDataTable prior = sampleNode("PRIOR", s -> s.addLong("samples", 400), null);
        final Path priorCsv = genmat("p.csv", "sample", "--model", vaeFile.toString(), "--n", "400", "--out",
            dir.resolve("p.csv").toString());

        final NodeRunner filter = NodeRunner.of(FilterValidityNodeFactory.class);
        final NodeSettings fs = filter.saveSettings();
        fs.addBoolean("mixedValence", true);
        fs.addString("oxidationTable", "ICSD24");
        filter.loadSettings(fs);
        final PortObject[] split = filter.execute(prior);
        genmat("v.csv", "filter", "--in", priorCsv.toString(), "--mixed-valence", "--oxidation-states", "icsd24",
            "--out-valid", dir.resolve("v.csv").toString(), "--out-invalid", dir.resolve("r.csv").toString());
        assertSameRows((BufferedDataTable)split[1], dir.resolve("r.csv"), true);
        // valid rows: the node passes them on unchanged, the command appends the (passing) verdict
        assertThat(Files.readAllLines(dir.resolve("v.csv")).size() - 1L).isEqualTo(((BufferedDataTable)split[0]).size())
            .isPositive();

        final NodeRunner metrics = NodeRunner.of(DiversityMetricsNodeFactory.class);
        final NodeSettings ms = metrics.saveSettings();
        ms.addString("preset", "MP_20");
        ms.addLong("seed", 5);
        NodeTestSupport.group(ms, "validity").addBoolean("alloyRule", false);
        metrics.loadSettings(ms);
        final PortObject[] measured = metrics.execute(prior, crystals, null);
        genmat("m.csv", "metrics", "--generated", priorCsv.toString(), "--training", crystalsCsv.toString(), "--cutoffs",
            "mp20", "--seed", "5", "--no-alloy-rule", "--out", dir.resolve("m.csv").toString(), "--tags",
            dir.resolve("t.csv").toString(), "--curve", dir.resolve("c.csv").toString(), "--elements",
            dir.resolve("e.csv").toString());
        assertSameRows((BufferedDataTable)measured[0], dir.resolve("m.csv"), true);
        assertSameRows((BufferedDataTable)measured[2], dir.resolve("c.csv"), true);
        assertSameRows((BufferedDataTable)measured[1], dir.resolve("t.csv"), true);
        assertSameRows((BufferedDataTable)measured[5], dir.resolve("e.csv"), true);
    }

    @Test
    void theElpasoliteStudyGivesTheSameRowsAsGenmatMetricsStudy() throws Exception {
        final DiversityMetricsNodeTest.StudyFixture f = new DiversityMetricsNodeTest.StudyFixture();
        final Path generated = write(f.generated(), dir.resolve("study-generated.csv"));
        final Path training = write(f.training(), dir.resolve("study-training.csv"));
        final Path cache = dir.resolve("surrogate-cache");
        // the coverage cutoffs left at their defaults: none on both faces; the cache folder set on both
        final PortObject[] measured = DiversityMetricsNodeTest.studyNode(300, 5, cache).execute(f.generated(), f.training(),
            null);
        genmat("study-metrics.csv", "metrics", "--generated", generated.toString(), "--training", training.toString(),
            "--prototype", "elpasolite", "--class-column", "stability_class", "--target-class", "1", "--seed", "5",
            "--study", dir.resolve("study.csv").toString(), "--candidates", dir.resolve("study-candidates.csv").toString(),
            "--study-samples", "300", "--cache-dir", cache.toString(), "--out", dir.resolve("study-metrics.csv").toString());
        assertSameRows((BufferedDataTable)measured[0], dir.resolve("study-metrics.csv"), Set.of());
        assertSameRows((BufferedDataTable)measured[3], dir.resolve("study.csv"), Set.of("sample_seconds"));
        assertSameRows((BufferedDataTable)measured[4], dir.resolve("study-candidates.csv"), Set.of());
        assertThat(DiversityMetricsNodeTest.metrics((BufferedDataTable)measured[0])).doesNotContainKey("cov_recall_composition_only");
    }

    @FunctionalInterface
    private interface Settings {
        void set(NodeSettings s) throws Exception;
    }

    private static BufferedDataTable sampleNode(final String mode, final Settings settings, final BufferedDataTable in)
        throws Exception {
        final NodeRunner sample = NodeRunner.of(SampleLatentNodeFactory.class);
        final NodeSettings s = sample.saveSettings();
        s.addString("mode", mode);
        settings.set(s);
        sample.loadSettings(s);
        return (BufferedDataTable)sample.execute(vae, in)[0];
    }

    /** Runs a genmat command in this JVM and returns its output file. */
    static Path genmat(final String out, final String... args) {
        final CommandLine cl = GenmatCli.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).as(err.toString()).isZero();
        return dir.resolve(out);
    }

    /** The node's table and the command's CSV: same header, same number of rows, same value in every cell. */
    static void assertSameRows(final BufferedDataTable node, final Path csv, final boolean compareOrigin)
        throws IOException {
        assertSameRows(node, csv, compareOrigin ? Set.of() : Set.of("origin"));
    }

    /** As {@link #assertSameRows(BufferedDataTable, Path, boolean)}, but the columns {@code ignored} (seconds spent). */
    static void assertSameRows(final BufferedDataTable node, final Path csv, final Set<String> ignored)
        throws IOException {
        final DataTableSpec spec = node.getDataTableSpec();
        try (Reader r = Files.newBufferedReader(csv);
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(p.getHeaderNames()).isEqualTo(List.of(spec.getColumnNames()));
            final List<CSVRecord> records = p.getRecords();
            final List<DataRow> rows = Tables.rows(node);
            assertThat(records).hasSize(rows.size()).isNotEmpty();
            int compared = 0;
            for (int i = 0; i < rows.size(); i++) {
                for (int c = 0; c < spec.getNumColumns(); c++) {
                    final String name = spec.getColumnSpec(c).getName();
                    if (ignored.contains(name)) {
                        continue;
                    }
                    final String text = records.get(i).get(c);
                    final DataCell cell = rows.get(i).getCell(c);
                    assertThat(same(text, cell)).as("row %d column %s: CSV '%s', node %s", i, name, text, cell).isTrue();
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(rows.size());
        }
    }

    /** A CSV cell and a KNIME cell hold the same value: empty = missing, numbers equal as written. */
    private static boolean same(final String text, final DataCell cell) {
        if (cell.isMissing()) {
            return text.isEmpty();
        }
        if (cell instanceof BooleanValue b) { // before the numbers: a boolean cell is also an int, long and double value
            return text.equals(Boolean.toString(b.getBooleanValue()));
        }
        if (cell instanceof IntValue i) {
            return text.equals(Integer.toString(i.getIntValue()));
        }
        if (cell instanceof LongValue l) {
            return text.equals(Long.toString(l.getLongValue()));
        }
        if (cell instanceof DoubleValue d) {
            final double v = d.getDoubleValue();
            // a float latent value, a number as the crystal table writes it, or a metric as the CSV writes it
            return text.equals(Float.toString((float)v)) && (double)(float)v == v || Double.parseDouble(text) == v
                || text.equals(Column.text(v));
        }
        return text.equals(Cells.text(cell));
    }

    /** A KNIME table as CSV (cell text), the way a user exports it for the command. */
    private static Path write(final BufferedDataTable t, final Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord((Object[])t.getDataTableSpec().getColumnNames());
            for (DataRow row : Tables.rows(t)) {
                final List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(Cells.text(c)));
                p.printRecord(cells);
            }
        }
        return file;
    }
}
