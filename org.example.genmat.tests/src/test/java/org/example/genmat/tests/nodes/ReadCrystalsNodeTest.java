package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.example.genmat.tests.nodes.NodeTestSupport.number;
import static org.example.genmat.tests.nodes.NodeTestSupport.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.StandInFileSystems;
import org.example.genmat.knimestandin.Tables;
import org.example.genmat.nodes.read.ReadCrystalsNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.port.FileSystemPortObject;
import org.knime.filehandling.core.port.FileSystemPortObjectSpec;

class ReadCrystalsNodeTest {

    @Test
    void readsCifColumnIntoTheStandardCrystalTable() throws Exception {
        final List<TestData.Structure> structures = TestData.structures(12);
        final BufferedDataTable in = TestData.structureTable(structures);
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        node.initParameters(in.getDataTableSpec(), null);
        final NodeSettings s = node.saveSettings();
        s.addString("column", "cif");
        node.loadSettings(s);

        final DataTableSpec promised = (DataTableSpec)node.configure(in.getDataTableSpec(), null)[0];
        final List<String> expected = new ArrayList<>(CrystalTable.COLUMNS);
        expected.addAll(List.of("id", "heat_ref")); // the input's other columns
        assertThat(promised.getColumnNames()).containsExactlyElementsOf(expected);

        final BufferedDataTable out = (BufferedDataTable)node.execute(in, null)[0];
        assertThat(out.size()).isEqualTo(structures.size());
        assertThat(node.warning()).isNull();
        assertThat(strings(out, "error")).containsOnlyNulls();
        final List<DataRow> rows = Tables.rows(out);
        for (DataRow r : rows) {
            assertThat(r.getKey().getString()).startsWith("Row" + rows.indexOf(r) + "#"); // input row ID + data block
            final double a = number(r.getCell(out.getDataTableSpec().findColumnIndex("a")));
            assertThat(a).isBetween(2.0, 12.0);
            assertThat(number(r.getCell(out.getDataTableSpec().findColumnIndex("nsites")))).isEqualTo(5.0);
        }
        assertThat(strings(out, "formula")).allSatisfy(f -> assertThat(f).matches("[A-Z][A-Za-z0-9]*"));
        assertThat(strings(out, "cif")).allSatisfy(c -> assertThat(c).contains("data_"));
    }

    @Test
    void badAndMissingCellsBecomeErrorRowsWithAWarning() throws Exception {
        final DataTableSpec spec = Tables.spec("text", StringCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{TestData.cubicPerovskite("Sr", "Ti", "O", 3.9)});
        rows.add(new Object[]{null});
        rows.add(new Object[]{"Cs2AgBiBr6"});
        rows.add(new Object[]{"Xx3Qq"});
        final BufferedDataTable in = Tables.table(spec, rows);
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        node.initParameters(spec, null);
        assertThat(node.saveSettings().getString("column")).isEqualTo("text");

        final BufferedDataTable out = (BufferedDataTable)node.execute(in, null)[0];
        assertThat(out.size()).isEqualTo(4);
        final List<String> errors = strings(out, "error");
        assertThat(errors.get(0)).isNull();
        assertThat(errors.get(1)).contains("missing");
        assertThat(errors.get(2)).isNull();
        assertThat(strings(out, "formula").get(2)).isEqualTo(Composition.parse("Cs2AgBiBr6").reducedFormula());
        assertThat(strings(out, "cif").get(2)).isNull();
        assertThat(errors.get(3)).isNotNull();
        assertThat(node.warning()).startsWith("2 of 4 inputs could not be read");

        final NodeSettings s = node.saveSettings();
        s.addBoolean("failOnFirstError", true);
        node.loadSettings(s);
        assertThatThrownBy(() -> node.execute(in, null)).isInstanceOf(KNIMEException.class).hasMessageContaining("Row1");
    }

    @Test
    void keepsTheOtherColumnsOfAConnectedTableWithTheirTypes() throws Exception {
        final DataTableSpec spec = Tables.spec("id", IntCell.TYPE, "text", StringCell.TYPE, "volume", DoubleCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{7, TestData.cubicPerovskite("Sr", "Ti", "O", 3.9), 59.3});
        rows.add(new Object[]{8, null, null});
        rows.add(new Object[]{9, "Cs2AgBiBr6", 2.5});
        final BufferedDataTable in = Tables.table(spec, rows);
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        node.initParameters(spec, null);

        final DataTableSpec promised = (DataTableSpec)node.configure(spec, null)[0];
        final List<String> expected = new ArrayList<>(CrystalTable.COLUMNS);
        expected.addAll(List.of("id", "volume (input)"));
        assertThat(promised.getColumnNames()).containsExactlyElementsOf(expected);
        assertThat(promised.getColumnSpec("id").getType()).isEqualTo(IntCell.TYPE);
        assertThat(promised.getColumnSpec("volume (input)").getType()).isEqualTo(DoubleCell.TYPE);

        final BufferedDataTable out = (BufferedDataTable)node.execute(in, null)[0];
        assertThat(out.getDataTableSpec()).isEqualTo(promised);
        assertThat(Tables.column(out, "id")).containsExactly(new IntCell(7), new IntCell(8), new IntCell(9));
        assertThat(Tables.column(out, "volume (input)").get(2)).isEqualTo(new DoubleCell(2.5));
        assertThat(Tables.column(out, "volume (input)").get(1).isMissing()).isTrue();
        assertThat(strings(out, "error").get(1)).contains("missing"); // the error row keeps its other cells too
    }

    @Test
    void keepsTheOtherColumnsOfAFormulaTableFileTypedByItsValues(@TempDir final Path dir) throws Exception {
        final Path csv = dir.resolve("training-data.csv");
        Files.writeString(csv, "formula,A,stability_class,formation_energy_ev_per_atom\n"
            + "Cs2NaBiCl6,Cs,1,-1.5\nK2NaAlF6,K,2,-2.25\n");
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, csv.toString()));
        node.loadSettings(s);

        final DataTableSpec promised = (DataTableSpec)node.configure(null, null)[0];
        assertThat(promised.getColumnNames()).endsWith("A", "stability_class", "formation_energy_ev_per_atom")
            .hasSize(CrystalTable.COLUMNS.size() + 3);
        assertThat(promised.getColumnSpec("stability_class").getType()).isEqualTo(IntCell.TYPE);
        assertThat(promised.getColumnSpec("formation_energy_ev_per_atom").getType()).isEqualTo(DoubleCell.TYPE);
        final BufferedDataTable out = (BufferedDataTable)node.execute((BufferedDataTable)null, null)[0];
        assertThat(out.getDataTableSpec()).isEqualTo(promised);
        assertThat(Tables.column(out, "stability_class")).containsExactly(new IntCell(1), new IntCell(2));
        assertThat(Tables.column(out, "formation_energy_ev_per_atom")).containsExactly(new DoubleCell(-1.5),
            new DoubleCell(-2.25));
        assertThat(strings(out, "A")).containsExactly("Cs", "K");
        assertThat(node.warning()).isNull();
    }

    @Test
    void aLatin1TableFileIsReadAndTheNodeWarnsOnce(@TempDir final Path dir) throws Exception {
        final Path csv = dir.resolve("authors.csv");
        Files.write(csv, "formula,author\nCs2NaBiCl6,M\u00fcller\nK2NaAlF6,\u00c5str\u00f6m\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, csv.toString()));
        node.loadSettings(s);

        final BufferedDataTable out = (BufferedDataTable)node.execute((BufferedDataTable)null, null)[0];
        assertThat(strings(out, "author")).containsExactly("M\u00fcller", "\u00c5str\u00f6m");
        // "formula,author\n" is bytes 1-15, "Cs2NaBiCl6," 16-26, "M" 27: the u-umlaut is byte 28
        assertThat(node.warning()).isEqualTo(csv + ": not UTF-8 from byte 28 on; read as Latin-1 (ISO-8859-1)");
    }

    @Test
    void readsAFolderOfCifFiles(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("SrTiO3.cif"), TestData.cubicPerovskite("Sr", "Ti", "O", 3.905));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/BaTiO3.cif"), TestData.cubicPerovskite("Ba", "Ti", "O", 4.0));
        Files.writeString(dir.resolve("sub/KNbO3.vasp"), "KNbO3\n1.0\n4.0 0 0\n0 4.0 0\n0 0 4.0\nK Nb O\n1 1 3\n"
            + "Direct\n0 0 0\n0.5 0.5 0.5\n0.5 0.5 0\n0.5 0 0.5\n0 0.5 0.5\n");
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FOLDER", new FSLocation(FSCategory.LOCAL, dir.toString()));
        node.loadSettings(s);
        final BufferedDataTable out = (BufferedDataTable)node.execute((BufferedDataTable)null, null)[0];
        assertThat(strings(out, "formula")).containsExactlyInAnyOrder(Composition.parse("SrTiO3").reducedFormula(),
            Composition.parse("BaTiO3").reducedFormula(), Composition.parse("KNbO3").reducedFormula());
        assertThat(strings(out, "error")).containsOnlyNulls();
        assertThat(Tables.rows(out)).extracting(r -> r.getKey().getString())
            .anySatisfy(k -> assertThat(k).contains("SrTiO3.cif")).anySatisfy(k -> assertThat(k).contains("KNbO3"));
    }

    @Test
    void readsZipArchivesAndFormulaTablesAndStopsOnCancel(@TempDir final Path dir) throws Exception {
        final Path zip = dir.resolve("crystals.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] abx : new String[][]{{"Sr", "Ti", "O"}, {"Ca", "Zr", "O"}, {"K", "Nb", "O"}}) {
                out.putNextEntry(new java.util.zip.ZipEntry("inner/" + abx[0] + abx[1] + "O3.cif"));
                out.write(TestData.cubicPerovskite(abx[0], abx[1], abx[2], 3.95).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, zip.toString()));
        node.loadSettings(s);
        final BufferedDataTable fromZip = (BufferedDataTable)node.execute((BufferedDataTable)null, null)[0];
        assertThat(fromZip.size()).isEqualTo(3);
        assertThat(strings(fromZip, "error")).containsOnlyNulls();

        final Path csv = dir.resolve("formulas.csv");
        Files.writeString(csv, "formula,energy\nCs2AgBiBr6,1.0\nNaCl,2.0\n");
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, csv.toString()));
        s.addString("format", "FORMULA");
        node.loadSettings(s);
        final BufferedDataTable formulas = (BufferedDataTable)node.execute((BufferedDataTable)null, null)[0];
        assertThat(strings(formulas, "formula")).containsExactly(Composition.parse("Cs2AgBiBr6").reducedFormula(),
            Composition.parse("NaCl").reducedFormula());
        assertThat(strings(formulas, "cif")).containsOnlyNulls();

        final org.example.genmat.knimestandin.ProgressSink cancelled = new org.example.genmat.knimestandin.ProgressSink();
        cancelled.cancel();
        assertThatThrownBy(() -> node.execute(cancelled, null, null))
            .isInstanceOf(org.knime.core.node.CanceledExecutionException.class);
    }

    @Test
    void configureFailsClearlyOnWrongInput(@TempDir final Path dir) throws Exception {
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        assertThatThrownBy(() -> node.configure(null, null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("Set the file to read");
        final NodeSettings s = node.saveSettings();
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, "/no/such/place"));
        node.loadSettings(s); // validate() checks values only: a missing file is reported at configure
        assertThatThrownBy(() -> node.configure(null, null)).hasMessageContaining("does not exist");
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, dir.toString()));
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(null, null)).hasMessageContaining("is a folder");
        location(s, "FOLDER", new FSLocation(FSCategory.CONNECTED, "/data"));
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(null, null)).hasMessageContaining("connect the file-system port");
        location(s, "FOLDER", new FSLocation(FSCategory.LOCAL, dir.toString()));
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(null, new FileSystemPortObjectSpec(StandInFileSystems.connection(dir))))
            .hasMessageContaining("A file system is connected");

        final DataTableSpec numeric = Tables.spec("cif", DoubleCell.TYPE);
        s.addString("column", "cif");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(numeric, null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("must be a string column");
        s.addString("column", "structure");
        node.loadSettings(s);
        assertThatThrownBy(() -> node.configure(numeric, null)).hasMessageContaining("\"structure\" is not in the input");
    }

    @Test
    void readsWorkflowRelativeLocationsAndKnimeUrlsThroughKnimeFileHandling(@TempDir final Path workflow)
        throws Exception {
        final Path data = Files.createDirectories(workflow.resolve("data"));
        Files.writeString(data.resolve("SrTiO3.cif"), TestData.cubicPerovskite("Sr", "Ti", "O", 3.905));
        Files.writeString(data.resolve("BaTiO3.cif"), TestData.cubicPerovskite("Ba", "Ti", "O", 4.0));
        StandInFileSystems.setWorkflowDir(workflow);
        try {
            final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
            final NodeSettings s = node.saveSettings();
            // knime://knime.workflow/... as teams share workflows (a "Custom/KNIME URL" location)
            location(s, "FILE", new FSLocation(FSCategory.CUSTOM_URL, "knime://knime.workflow/data/SrTiO3.cif"));
            node.loadSettings(s);
            assertThat(strings(table(node.execute((BufferedDataTable)null, null)[0]), "formula"))
                .containsExactly(Composition.parse("SrTiO3").reducedFormula());
            // relative to the workflow's data area, a folder
            location(s, "FOLDER", new FSLocation(FSCategory.RELATIVE, "knime.workflow.data", "."));
            node.loadSettings(s);
            assertThat(strings(table(node.execute((BufferedDataTable)null, null)[0]), "formula")).containsExactlyInAnyOrder(
                Composition.parse("SrTiO3").reducedFormula(), Composition.parse("BaTiO3").reducedFormula());
            // relative to the workflow: resolved against the workflow, not the process's working directory
            location(s, "FILE", new FSLocation(FSCategory.RELATIVE, "knime.workflow", "data/BaTiO3.cif"));
            node.loadSettings(s);
            assertThat(Path.of("data/BaTiO3.cif")).doesNotExist();
            assertThat(strings(table(node.execute((BufferedDataTable)null, null)[0]), "formula"))
                .containsExactly(Composition.parse("BaTiO3").reducedFormula());
            location(s, "FILE", new FSLocation(FSCategory.RELATIVE, "knime.workflow", "data/none.cif"));
            node.loadSettings(s);
            assertThatThrownBy(() -> node.configure(null, null)).hasMessageContaining("\"data/none.cif\"")
                .hasMessageContaining("does not exist");
        } finally {
            StandInFileSystems.setWorkflowDir(null);
        }
    }

    @Test
    void readsFromTheOptionalFileSystemPort(@TempDir final Path remote) throws Exception {
        Files.createDirectories(remote.resolve("structures"));
        Files.writeString(remote.resolve("structures/KNbO3.cif"), TestData.cubicPerovskite("K", "Nb", "O", 4.0));
        final FileSystemPortObject port = new FileSystemPortObject(
            new FileSystemPortObjectSpec(StandInFileSystems.connection(remote)));
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        assertThat(node.info().inPorts()).extracting(p -> p.type().isOptional()).containsExactly(true, true);
        final NodeSettings s = node.saveSettings();
        location(s, "FOLDER", new FSLocation(FSCategory.CONNECTED, "/structures"));
        node.loadSettings(s);
        node.configure(null, port.getSpec());
        // connector not run yet: checked at execute, the output's columns unknown until then
        assertThat(node.configure(null, new FileSystemPortObjectSpec())[0]).isNull();
        assertThat(strings(table(node.execute((BufferedDataTable)null, port)[0]), "formula"))
            .containsExactly(Composition.parse("KNbO3").reducedFormula());
        assertThatThrownBy(() -> node.execute((BufferedDataTable)null, new FileSystemPortObject(new FileSystemPortObjectSpec())))
            .hasMessageContaining("connection is not available");
    }

    @Test
    void dialogShowsOnlyTheFieldsThatApply() throws Exception {
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final DataTableSpec table = Tables.spec("text", StringCell.TYPE);
        assertThat(node.dialogState("m_file", null, null).visible()).isTrue();
        assertThat(node.dialogState("m_folder", null, null).visible()).isFalse();
        assertThat(node.dialogState("m_column", null, null).visible()).isFalse();
        final NodeSettings s = node.saveSettings();
        s.addString("locationType", "FOLDER");
        node.loadSettings(s);
        assertThat(node.dialogState("m_file", null, null).visible()).isFalse();
        assertThat(node.dialogState("m_folder", null, null).visible()).isTrue();
        for (String location : List.of("m_locationType", "m_file", "m_folder")) {
            assertThat(node.dialogState(location, table, null).visible()).as(location).isFalse();
        }
        assertThat(node.dialogState("m_column", table, null).visible()).isTrue();
        // a CSV file's structure column is a name typed in (no table to choose from); species apply to both
        assertThat(node.dialogState("m_csvColumn", null, null).visible()).isTrue();
        assertThat(node.dialogState("m_csvColumn", table, null).visible()).isFalse();
        assertThat(node.dialogState("m_species", null, null).visible()).isTrue();
        assertThat(node.dialogState("m_species", table, null).visible()).isTrue();
    }

    @Test
    void aFolderReadWarnsAboutWhatItPassedOver(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("SrTiO3.cif"), TestData.cubicPerovskite("Sr", "Ti", "O", 3.905));
        Files.writeString(dir.resolve(".DS_Store"), "x");
        Files.writeString(dir.resolve("notes.txt"), "not a crystal");
        Files.writeString(dir.resolve("more.txt"), "not one either");
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FOLDER", new FSLocation(FSCategory.LOCAL, dir.toString()));
        node.loadSettings(s);
        final BufferedDataTable out = table(node.execute((BufferedDataTable)null, null)[0]);
        assertThat(out.size()).isEqualTo(1);
        assertThat(node.warning()).startsWith("3 files skipped (hidden: 1, not a crystal file").contains(": 2); first: ");
        Files.delete(dir.resolve(".DS_Store"));
        Files.delete(dir.resolve("notes.txt"));
        Files.delete(dir.resolve("more.txt"));
        node.execute((BufferedDataTable)null, null);
        assertThat(node.warning()).isNull();
    }

    @Test
    void aFolderReadPassesOverAnEarlierCrystalTableAndNamesIt(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("SrTiO3.cif"), TestData.cubicPerovskite("Sr", "Ti", "O", 3.905));
        // the table genmat read wrote into the folder before (or Read Crystals' output saved there as CSV)
        CrystalTable.write(dir.resolve("crystals.csv"), org.example.genmat.core.io.CifReader.read(
            TestData.cubicPerovskite("Ba", "Ti", "O", 4.0), "BaTiO3.cif"));
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FOLDER", new FSLocation(FSCategory.LOCAL, dir.toString()));
        node.loadSettings(s);
        final BufferedDataTable out = table(node.execute((BufferedDataTable)null, null)[0]);
        assertThat(strings(out, "formula")).containsExactly("O3SrTi");
        assertThat(node.warning()).isEqualTo("1 file skipped (a crystal table, an earlier output of genmat read or"
            + " Read Crystals (name the file to read it): 1); first: " + dir.resolve("crystals.csv"));
    }

    @Test
    void readsACsvStructureColumnAndVasp4PoscarsWithTheGivenSpecies(@TempDir final Path dir) throws Exception {
        final Path csv = dir.resolve("compounds.csv");
        Files.writeString(csv, "compound,energy\nKBr,-1.5\nNaCl,-2.0\n");
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        final NodeSettings s = node.saveSettings();
        location(s, "FILE", new FSLocation(FSCategory.LOCAL, csv.toString()));
        s.addString("format", "FORMULA");
        s.addString("csvColumn", "compound");
        node.loadSettings(s);
        final DataTableSpec promised = (DataTableSpec)node.configure(null, null)[0];
        assertThat(promised.getColumnNames()).endsWith("energy").doesNotContain("compound");
        final BufferedDataTable formulas = table(node.execute((BufferedDataTable)null, null)[0]);
        assertThat(strings(formulas, "formula")).containsExactly(Composition.parse("KBr").reducedFormula(),
            Composition.parse("NaCl").reducedFormula());
        assertThat(strings(formulas, "error")).containsOnlyNulls();

        final Path poscar = dir.resolve("POSCAR");
        Files.writeString(poscar, VASP4);
        final NodeSettings p = NodeRunner.of(ReadCrystalsNodeFactory.class).saveSettings();
        location(p, "FILE", new FSLocation(FSCategory.LOCAL, poscar.toString()));
        node.loadSettings(p);
        assertThat(strings(table(node.execute((BufferedDataTable)null, null)[0]), "error")).doesNotContainNull();
        p.addString("species", "K, Nb, O");
        node.loadSettings(p);
        final BufferedDataTable read = table(node.execute((BufferedDataTable)null, null)[0]);
        assertThat(strings(read, "error")).containsOnlyNulls();
        assertThat(strings(read, "formula")).containsExactly(Composition.parse("KNbO3").reducedFormula());
        // POSCAR text in a connected table's cells takes the species too
        final BufferedDataTable cells = Tables.table(Tables.spec("poscar", StringCell.TYPE),
            List.<Object[]>of(new Object[]{VASP4}));
        p.addString("column", "poscar");
        p.addString("format", "POSCAR");
        node.loadSettings(p);
        assertThat(strings(table(node.execute(cells, null)[0]), "formula"))
            .containsExactly(Composition.parse("KNbO3").reducedFormula());

        p.addString("species", "K,,O");
        assertThatThrownBy(() -> node.loadSettings(p)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("Species (VASP 4 POSCAR)");
        p.addString("species", "");
        p.addInt("threads", -1);
        assertThatThrownBy(() -> node.loadSettings(p)).hasMessageContaining("Parsing threads");
    }

    /** KNbO3 as a VASP 4 POSCAR: no species line, so the reader needs them given. */
    static final String VASP4 = "KNbO3\n1.0\n4.0 0 0\n0 4.0 0\n0 0 4.0\n1 1 3\nDirect\n0 0 0\n0.5 0.5 0.5\n"
        + "0.5 0.5 0\n0.5 0 0.5\n0 0.5 0.5\n";

    @Test
    void aNodeAddedBeforeItsInputWasConnectedStillDefaultsToTheFirstStringColumn() throws Exception {
        final DataTableSpec spec = Tables.spec("n", DoubleCell.TYPE, "structure", StringCell.TYPE, "other",
            StringCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{1.0, TestData.cubicPerovskite("Sr", "Ti", "O", 3.9), "x"});
        final BufferedDataTable in = Tables.table(spec, rows);
        // added without input: settings made by the no-arg constructor (column empty), saved with the workflow
        final NodeRunner node = NodeRunner.of(ReadCrystalsNodeFactory.class);
        node.loadSettings(NodeRunner.of(ReadCrystalsNodeFactory.class).saveSettings());
        assertThat(node.saveSettings().getString("column")).isEmpty();
        node.configure(spec, null);
        assertThat(node.warning()).contains("\"structure\"");
        final BufferedDataTable out = table(node.execute(in, null)[0]);
        assertThat(strings(out, "formula")).containsExactly(Composition.parse("SrTiO3").reducedFormula());
        // a node that never had settings gets them from the input at its first configure, as in KNIME
        final NodeRunner fresh = NodeRunner.of(ReadCrystalsNodeFactory.class);
        fresh.configure(spec, null);
        assertThat(fresh.saveSettings().getString("column")).isEqualTo("structure");
        assertThat(fresh.warning()).isNull();
    }

    /** Sets the location as KNIME's dialog saves it (FileSelection: child "path" holding the FSLocation). */
    static void location(final NodeSettings s, final String type, final FSLocation location) {
        s.addString("locationType", type);
        NodeTestSupport.fileSelection(s, "FILE".equals(type) ? "file" : "folder", location);
    }

    private static BufferedDataTable table(final org.knime.core.node.port.PortObject o) {
        return (BufferedDataTable)o;
    }
}
