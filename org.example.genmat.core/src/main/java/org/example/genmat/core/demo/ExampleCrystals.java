package org.example.genmat.core.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.PoscarReader;

/** The eight example crystals embedded in the engine, each as CIF and as POSCAR (reader check of the demo, test fixtures). */
public final class ExampleCrystals {

    /** Resource folder of the example crystals. */
    public static final String FOLDER = "/org/example/genmat/core/examples/";

    /** The example crystals' file stems, in table order. */
    public static final List<String> NAMES = List.of("NaCl", "SrTiO3", "Cs2NaBiCl6", "MgAl2O4", "CaF2", "TiO2", "ZnO", "GaAs");

    private ExampleCrystals() {
    }

    /** The example crystals, each read from its CIF and from its POSCAR. */
    public static List<CrystalRecord> read() throws IOException {
        List<CrystalRecord> records = new ArrayList<>();
        for (String name : NAMES) {
            records.addAll(CifReader.read(text(name + ".cif"), name + ".cif"));
            records.addAll(PoscarReader.read(text(name + ".vasp"), name + ".vasp"));
        }
        return records;
    }

    /** The text of one example file, e.g. {@code NaCl.cif}. */
    public static String text(String file) throws IOException {
        try (InputStream in = ExampleCrystals.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IOException("example crystal " + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
