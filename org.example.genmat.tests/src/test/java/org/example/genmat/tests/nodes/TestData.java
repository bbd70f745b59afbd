package org.example.genmat.tests.nodes;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.knimestandin.Tables;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;

/**
 * Input tables for the node tests: the Perov-5 reference data when {@code ../shared/data} exists, else cubic
 * ABX3 perovskites written here (embedded defaults, computed, not copied from anywhere).
 */
final class TestData {

    /** One structure: id, CIF text, a property. */
    record Structure(String id, String cif, double property) {
    }

    private TestData() {
    }

    static Optional<Path> sharedData() {
        final String prop = System.getProperty("genmat.shared.dir");
        final Path dir = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        final Path data = dir.resolve("data");
        return Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
    }

    /** The first {@code n} Perov-5 validation rows, if the shared data exists. */
    static Optional<List<Structure>> perov5(final int n) throws IOException {
        final Optional<Path> data = sharedData();
        if (data.isEmpty() || !Files.isRegularFile(data.get().resolve("perov_5/val.csv"))) {
            return Optional.empty();
        }
        final List<Structure> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(data.get().resolve("perov_5/val.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(r)) {
                out.add(new Structure("perov5-" + rec.get("material_id"), rec.get("cif"),
                    Double.parseDouble(rec.get("heat_ref"))));
                if (out.size() == n) {
                    break;
                }
            }
        }
        return Optional.of(out);
    }

    private static final String[] A = {"Sr", "Ba", "Ca", "K", "Na", "La", "Pb", "Cs"};

    private static final String[] B = {"Ti", "Zr", "Nb", "Ta", "Mn", "Fe", "Sn", "Hf"};

    private static final String[] X = {"O", "O", "O", "F", "F", "O", "O", "Cl"};

    /** {@code n} cubic ABX3 perovskites (5-atom P1 cells), deterministic. */
    static List<Structure> embeddedPerovskites(final int n) {
        final List<Structure> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            final String a = A[i % A.length];
            final String b = B[(i / A.length + i) % B.length];
            final String x = X[i % X.length];
            final double lattice = 3.8 + 0.05 * (i % 9);
            out.add(new Structure("embedded-" + i, cubicPerovskite(a, b, x, lattice), -1.0 + 0.01 * i));
        }
        return out;
    }

    static String cubicPerovskite(final String a, final String b, final String x, final double lattice) {
        final StringBuilder s = new StringBuilder();
        s.append("data_").append(a).append(b).append(x).append("3\n");
        s.append("_symmetry_space_group_name_H-M 'P 1'\n");
        for (String axis : List.of("a", "b", "c")) {
            s.append("_cell_length_").append(axis).append(' ').append(String.format(Locale.ROOT, "%.4f", lattice))
                .append('\n');
        }
        s.append("_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n");
        s.append("loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n");
        s.append("loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
            + "_atom_site_fract_z\n_atom_site_occupancy\n");
        s.append(a).append(' ').append(a).append("1 0.0 0.0 0.0 1\n");
        s.append(b).append(' ').append(b).append("1 0.5 0.5 0.5 1\n");
        s.append(x).append(' ').append(x).append("1 0.5 0.5 0.0 1\n");
        s.append(x).append(' ').append(x).append("2 0.5 0.0 0.5 1\n");
        s.append(x).append(' ').append(x).append("3 0.0 0.5 0.5 1\n");
        return s.toString();
    }

    /** Reference data if present, else embedded perovskites. */
    static List<Structure> structures(final int n) throws IOException {
        return perov5(n).orElseGet(() -> embeddedPerovskites(n));
    }

    /** A table id (string), cif (string), heat_ref (double). */
    static BufferedDataTable structureTable(final List<Structure> structures) {
        final DataTableSpec spec = Tables.spec("id", StringCell.TYPE, "cif", StringCell.TYPE, "heat_ref",
            DoubleCell.TYPE);
        final List<Object[]> rows = new ArrayList<>();
        for (Structure s : structures) {
            rows.add(new Object[]{s.id(), s.cif(), s.property()});
        }
        return Tables.table(spec, rows);
    }
}
