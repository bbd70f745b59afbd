package org.example.genmat.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.PoscarReader;

import picocli.CommandLine.Command;

/** {@code genmat demo}: the main job on the embedded default data (for now: read the example crystals, print their table). */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs GenMat on its embedded example crystals (eight reference prototypes, as CIF and POSCAR) and prints"
        + " their table.")
public final class DemoCommand implements Callable<Integer> {

    /** Resource folder of the example crystals. */
    public static final String EXAMPLES = "/org/example/genmat/core/examples/";

    /** The example crystals' file stems, in table order. */
    public static final List<String> NAMES = List.of("NaCl", "SrTiO3", "Cs2NaBiCl6", "MgAl2O4", "CaF2", "TiO2", "ZnO", "GaAs");

    @Override
    public Integer call() throws IOException {
        List<CrystalRecord> records = new ArrayList<>();
        for (String name : NAMES) {
            records.addAll(CifReader.read(resource(name + ".cif"), name + ".cif"));
            records.addAll(PoscarReader.read(resource(name + ".vasp"), name + ".vasp"));
        }
        System.out.printf("%-16s %-10s %-10s %8s %8s %8s %7s %7s %7s %6s %8s %8s%n", "source", "formula", "spacegroup",
            "a", "b", "c", "alpha", "beta", "gamma", "nsites", "density", "dmin");
        for (CrystalRecord r : records) {
            if (!r.ok()) {
                System.out.println(r.source() + "  error: " + r.error());
                continue;
            }
            Crystal c = r.crystal();
            double[] p = c.lattice().parameters();
            System.out.printf(Locale.ROOT, "%-16s %-10s %-10s %8.4f %8.4f %8.4f %7.2f %7.2f %7.2f %6d %8.3f %8.3f%n",
                shortSource(r.source()), r.composition().reducedFormula(), r.spaceGroup(), p[0], p[1], p[2], p[3], p[4], p[5],
                c.numSites(), c.density(), c.shortestDistance());
        }
        return 0;
    }

    private static String shortSource(String s) {
        int hash = s.indexOf('#');
        return hash > 0 ? s.substring(0, hash) : s;
    }

    /** The text of an example file. */
    public static String resource(String file) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(EXAMPLES + file)) {
            if (in == null) {
                throw new IOException("example crystal " + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
