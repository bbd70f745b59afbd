package org.example.genmat.core.job.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.JobMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassThroughTest {

    @TempDir
    Path dir;

    private final List<List<Object>> rows = new ArrayList<>();

    private ReadResult read(Path file, ReadSettings settings, PassThrough kept) throws Exception {
        return new ReadJob(settings, kept, (key, values) -> rows.add(values), JobMonitor.NONE)
            .files(List.of(file), null);
    }

    private Object value(int row, PassThrough kept, String column) {
        return rows.get(row).get(ReadJob.table(kept).indexOf(column));
    }

    @Test
    void aFormulaTableKeepsItsOtherColumnsTypedByTheirValues() throws Exception {
        Path csv = dir.resolve("elpasolites.csv");
        Files.writeString(csv, "formula,A,stability_class,energy,big,volume,,note\n"
            + "Cs2NaBiCl6,Cs,1,-1.25,9999999999,12,x,ok\n"
            + "K2NaAlF6,K,3,nan,1,13.5,y,\n"
            + "Xx2Qq,Rb,2,2e-3,-4,,z,bad formula\n");
        PassThrough kept = PassThrough.ofFiles(List.of(csv), ReadSettings.defaults());
        assertThat(kept.columns()).containsExactly(Column.string("A"), Column.integer("stability_class"),
            Column.number("energy"), Column.count("big"), Column.number("volume (input)"), Column.string("column 7"),
            Column.string("note"));

        ReadResult result = read(csv, ReadSettings.defaults(), kept);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.misfits()).isZero();
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(ReadJob.TABLE.size() + 7));
        assertThat(value(0, kept, "stability_class")).isEqualTo("1");
        assertThat(value(0, kept, "energy")).isEqualTo("-1.25");
        assertThat(value(0, kept, "volume")).isNull(); // the crystal table's own column: no volume for a formula
        assertThat(value(1, kept, "volume (input)")).isEqualTo("13.5");
        assertThat(value(1, kept, "energy")).as("nan is missing").isNull();
        assertThat(value(1, kept, "note")).isNull();
        assertThat(value(2, kept, "error")).asString().contains("Xx2Qq");
        assertThat(value(2, kept, "stability_class")).as("an error row keeps its other cells").isEqualTo("2");
        assertThat(value(2, kept, "A")).isEqualTo("Rb");
    }

    @Test
    void aFormulaTableRowRejectedForAStrayQuoteKeepsItsOtherCells() throws Exception {
        Path csv = dir.resolve("formulas.csv");
        // row 2: a quote typed after Li, before a note cell running over two lines
        Files.writeString(csv, "id,formula,note\n1,NaCl,ok\n2,Li\"F,\"two\nlines\"\n3,MgO,fine\n");
        PassThrough kept = PassThrough.ofFiles(List.of(csv), ReadSettings.defaults());
        ReadResult result = read(csv, ReadSettings.defaults(), kept);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(value(1, kept, "error")).asString().contains("a stray quote after 'Li'");
        assertThat(value(1, kept, "id")).as("the rejected row keeps its other cells").isEqualTo("2");
        assertThat(value(1, kept, "note")).isEqualTo("two\nlines");
        assertThat(value(2, kept, "id")).isEqualTo("3");
    }

    @Test
    void numbersAreWhatCsvFilesWriteAsNumbers() throws Exception {
        Path csv = dir.resolve("numbers.csv");
        Files.writeString(csv, "formula,half,point,exp,sign,bare,hexish,plus\n"
            + "NaCl,.5,1.,1e5,-3,1e,0x1F,+\n"
            + "KCl,0.25,2.5,-2.5E-3,+4,2,12,+7\n");
        assertThat(PassThrough.ofFiles(List.of(csv), ReadSettings.defaults()).columns()).extracting(Column::type)
            .containsExactly(Column.Type.DOUBLE, Column.Type.DOUBLE, Column.Type.DOUBLE, Column.Type.INT,
                Column.Type.STRING, Column.Type.STRING, Column.Type.STRING);
    }

    @Test
    void aValueThatDoesNotFitItsGuessedTypeIsLeftEmptyAndNamedInTheRowsWarning() throws Exception {
        StringBuilder text = new StringBuilder("formula,class\n");
        for (int i = 0; i < PassThrough.TYPE_ROWS; i++) {
            text.append("NaCl,").append(i % 3).append('\n');
        }
        text.append("KCl,stable\n").append("LiF,7\n");
        Path csv = dir.resolve("long.csv");
        Files.writeString(csv, text);
        PassThrough kept = PassThrough.ofFiles(List.of(csv), ReadSettings.defaults());
        assertThat(kept.columns()).containsExactly(Column.integer("class"));

        ReadResult result = read(csv, ReadSettings.defaults(), kept);
        int misfit = PassThrough.TYPE_ROWS;
        assertThat(result.misfits()).isEqualTo(1);
        assertThat(result.firstMisfit()).contains("row " + (misfit + 1)).contains("'class'").contains("'stable'");
        assertThat(value(misfit, kept, "class")).isNull();
        assertThat(value(misfit, kept, "warning")).asString().contains("'stable'").contains("integers");
        assertThat(value(misfit, kept, "error")).isNull();
        assertThat(value(misfit + 1, kept, "class")).isEqualTo("7");
        assertThat(value(misfit + 1, kept, "warning")).isNull();
    }

    @Test
    void everyValueLeftEmptyInARowIsNamedInItsWarning() throws Exception {
        StringBuilder text = new StringBuilder("formula,energy,n\n");
        for (int i = 0; i < PassThrough.TYPE_ROWS; i++) {
            text.append("NaCl,").append(i * 0.001).append(',').append(i).append('\n');
        }
        text.append("KCl,abc,1.5\n");
        Path csv = dir.resolve("late.csv");
        Files.writeString(csv, text);
        PassThrough kept = PassThrough.ofFiles(List.of(csv), ReadSettings.defaults());
        assertThat(kept.columns()).containsExactly(Column.number("energy"), Column.integer("n"));

        ReadResult result = read(csv, ReadSettings.defaults(), kept);
        int misfit = PassThrough.TYPE_ROWS;
        assertThat(result.misfits()).as("rows with a value left empty").isEqualTo(1);
        assertThat(value(misfit, kept, "energy")).isNull();
        assertThat(value(misfit, kept, "n")).isNull();
        assertThat(value(misfit, kept, "warning")).asString()
            .contains("column 'energy' holds numbers", "'abc' is not one")
            .contains("column 'n' holds integers", "'1.5' is not one");
    }

    @Test
    void everyBlockOfACifCellCarriesItsRowsOtherCells() throws Exception {
        String twoBlocks = "data_one\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n"
            + "_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_type_symbol\n"
            + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 Na 0 0 0\nCl1 Cl 0.5 0.5 0.5\n";
        twoBlocks = twoBlocks + twoBlocks.replace("data_one", "data_two");
        Path csv = dir.resolve("structures.csv");
        Files.writeString(csv, "material_id,cif,e_form\nmp-22862,\"" + twoBlocks + "\",-2.1\n");
        PassThrough kept = PassThrough.ofFiles(List.of(csv), ReadSettings.defaults());
        assertThat(kept.columns()).containsExactly(Column.string("material_id"), Column.number("e_form"));

        read(csv, ReadSettings.defaults(), kept);
        assertThat(rows).hasSize(2);
        for (int r = 0; r < 2; r++) {
            assertThat(value(r, kept, "error")).isNull();
            assertThat(value(r, kept, "material_id")).isEqualTo("mp-22862");
            assertThat(value(r, kept, "e_form")).isEqualTo("-2.1");
        }
    }

    @Test
    void onlyASingleReadableTableKeepsColumns() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.tsv");
        Files.writeString(a, "formula,x\nNaCl,1\n");
        Files.writeString(b, "formula\tx\nNaCl\t1\n");
        assertThat(PassThrough.ofFiles(List.of(b), ReadSettings.defaults()).columns())
            .containsExactly(Column.integer("x"));
        assertThat(PassThrough.ofFiles(List.of(a, b), ReadSettings.defaults())).isEqualTo(PassThrough.NONE);
        assertThat(PassThrough.ofFiles(List.of(dir), ReadSettings.defaults())).isEqualTo(PassThrough.NONE);
        Path noStructure = dir.resolve("c.csv");
        Files.writeString(noStructure, "x,y\n1,2\n");
        assertThat(PassThrough.ofFiles(List.of(noStructure), ReadSettings.defaults())).isEqualTo(PassThrough.NONE);
        assertThat(PassThrough.ofFiles(List.of(dir.resolve("missing.csv")), ReadSettings.defaults()))
            .isEqualTo(PassThrough.NONE);
        // the column setting decides which column is the structure one
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "formula,reduced_formula\nNaCl,NaCl\n");
        assertThat(PassThrough.ofFiles(List.of(two),
            new ReadSettings(CrystalReader.Format.FORMULA, "reduced_formula", null, false, 0)).columns())
            .containsExactly(Column.string("formula (input)"));
    }

    @Test
    void cellsCarryTheFacesOwnValuesAfterTheCrystalColumns() throws Exception {
        Object marker = new Object();
        new ReadJob(ReadSettings.defaults().withFormat(CrystalReader.Format.FORMULA), (key, values) -> rows.add(values),
            JobMonitor.NONE).cells(List.of(new ReadJob.TextCell("r", "NaCl", List.of(marker, "x")),
                new ReadJob.TextCell("s", null, List.of(marker, "y"))).iterator(), 2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(ReadJob.TABLE.size(), ReadJob.TABLE.size() + 2)).containsExactly(marker, "x");
        assertThat(rows.get(1).subList(ReadJob.TABLE.size(), ReadJob.TABLE.size() + 2)).containsExactly(marker, "y");
        assertThat(rows.get(1).get(ReadJob.TABLE.indexOf("error"))).asString().contains("missing");
    }
}
