package org.example.genmat.cli;

import org.example.genmat.core.io.CifReader;

/**
 * Warms the reader up on a background thread (class loading, static tables, first compilation)
 * while the command line is still being parsed, so short reads do not pay for it on their critical
 * path. Purely an optimisation: nothing depends on it having run.
 */
public final class ReaderWarmup {

    private static final String SAMPLE = "data_warmup\n_cell_length_a 4.0\n_cell_length_b 4.0\n_cell_length_c 4.0\n"
        + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
        + "loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n'-x, -y, -z'\n"
        + "loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
        + "_atom_site_occupancy\nNa Na1 0.0 0.0 0.0 1\nCl Cl1 0.5(1) 0.5 0.5 1\n";

    private ReaderWarmup() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void start() {
        Thread t = new Thread(ReaderWarmup::run, "genmat-read-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        byte[] sample = SAMPLE.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 100; i++) {
            CifReader.read(sample, "warmup.cif");
        }
    }
}
