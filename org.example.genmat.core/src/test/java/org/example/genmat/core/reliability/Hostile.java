package org.example.genmat.core.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.example.genmat.core.demo.ExampleCrystals;

/** Hostile and malformed inputs, built at test time (shared with the command-line reliability tests). */
public final class Hostile {

    private Hostile() {
    }

    /** A good CIF (rock salt, formula ClNa). */
    public static String goodCif() throws IOException {
        return ExampleCrystals.text("NaCl.cif");
    }

    /** A good POSCAR (GaAs). */
    public static String goodPoscar() throws IOException {
        return ExampleCrystals.text("GaAs.vasp");
    }

    /** A small P1 CIF with the given cell and atom-site rows ("Na 0 0 0 1" = type x y z occupancy). */
    public static String cif(String cell, String... sites) {
        StringBuilder b = new StringBuilder("data_t\n").append(cell).append('\n');
        b.append("loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
            + "_atom_site_fract_z\n_atom_site_occupancy\n");
        int i = 0;
        for (String s : sites) {
            String[] t = s.trim().split("\\s+");
            b.append(t[0]).append(++i).append(' ').append(s).append('\n');
        }
        return b.toString();
    }

    /** A cubic cell of edge a. */
    public static String cubic(double a) {
        return "_cell_length_a " + a + "\n_cell_length_b " + a + "\n_cell_length_c " + a
            + "\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90";
    }

    /** A zip archive of the given entries (name -> bytes), in order. */
    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A zip whose single entry inflates to {@code mb} MiB of spaces (a bomb: a few hundred KB on disk). */
    public static void zipBomb(Path file, String entry, int mb, Map<String, byte[]> after) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry(entry));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < mb; i++) {
                z.write(block);
            }
            z.closeEntry();
            for (Map.Entry<String, byte[]> e : after.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** The zip with its first entry marked encrypted (general-purpose bit 0, local and central header). */
    public static byte[] encryptFirstEntry(byte[] zip) {
        byte[] z = zip.clone();
        z[6] |= 1; // local file header: flags at offset 6
        for (int i = z.length - 22; i >= 0; i--) {
            if (z[i] == 0x50 && z[i + 1] == 0x4b && z[i + 2] == 0x01 && z[i + 3] == 0x02) {
                int first = i;
                // walk back to the first central header: they are contiguous, the first follows the last local data
                for (int j = 0; j < i; j++) {
                    if (z[j] == 0x50 && z[j + 1] == 0x4b && z[j + 2] == 0x01 && z[j + 3] == 0x02) {
                        first = j;
                        break;
                    }
                }
                z[first + 8] |= 1; // central directory header: flags at offset 8
                return z;
            }
        }
        throw new IllegalStateException("no central directory");
    }

    /** UTF-16 bytes of the text, with or without a byte-order mark. */
    public static byte[] utf16(String text, boolean littleEndian, boolean bom) {
        byte[] body = text.getBytes(littleEndian ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        if (!bom) {
            return body;
        }
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) (littleEndian ? 0xFF : 0xFE);
        out[1] = (byte) (littleEndian ? 0xFE : 0xFF);
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    /** Makes a FIFO with mkfifo; false where that is not possible. */
    public static boolean mkfifo(Path p) {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
