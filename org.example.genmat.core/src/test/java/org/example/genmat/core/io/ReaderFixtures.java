package org.example.genmat.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.demo.ExampleCrystals;

/** Reader inputs shared by the engine's reader tests and the command-line tests (test jar). */
public final class ReaderFixtures {

    private ReaderFixtures() {
    }

    /**
     * Writes {@code in/} (a CIF, a POSCAR in a sub-folder, a broken CIF, a non-crystal file, a zip of two crystals),
     * {@code cells.csv} (a CSV of CIF cells, one bad) and {@code formulas.csv} into {@code dir}.
     */
    public static void writeInputs(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("in/sub/deeper"));
        Files.writeString(dir.resolve("in/NaCl.cif"), ExampleCrystals.text("NaCl.cif"));
        Files.writeString(dir.resolve("in/sub/POSCAR"), ExampleCrystals.text("GaAs.vasp"));
        Files.writeString(dir.resolve("in/sub/deeper/broken.cif"), "data_x\n_cell_length_a 'oops\n");
        Files.writeString(dir.resolve("in/sub/notes.md"), "not a crystal, skipped by the folder walk");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("in/sub/set.zip")))) {
            for (String name : List.of("CaF2.cif", "ZnO.vasp")) {
                z.putNextEntry(new ZipEntry("crystals/" + name));
                z.write(ExampleCrystals.text(name).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(dir.resolve("cells.csv")), CSVFormat.DEFAULT)) {
            p.printRecord("", "material_id", "cif");
            p.printRecord("0", "mp-1", ExampleCrystals.text("SrTiO3.cif"));
            p.printRecord("1", "mp-2", "data_bad\n_cell_length_a 1\n");
        }
        Files.writeString(dir.resolve("formulas.csv"), "name,Formula\na,Fe2O3\nb,Ca(OH)2\nc,Li0.5CoO2\nd,Cs2NaBiCl6\ne,Xy2\n");
    }
}
