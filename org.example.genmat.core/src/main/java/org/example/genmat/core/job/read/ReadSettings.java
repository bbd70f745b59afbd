package org.example.genmat.core.job.read;

import java.util.List;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.io.PoscarReader;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

/**
 * The settings of a read, checked here once for both faces ({@code genmat read}, Read Crystals).
 *
 * @param format    how to read each input (by file name and content, or forced)
 * @param column    CSV column with CIF text or formulas; null or blank: {@code cif}, else a formula column
 * @param species   elements of VASP 4 POSCARs without a species line, in order; null or empty: from the file
 * @param failFast  stop at the first unreadable input instead of writing an error row
 * @param threads   parsing threads, {@link #THREADS}
 */
public record ReadSettings(CrystalReader.Format format, String column, List<String> species, boolean failFast,
                           int threads) {

    /** Parsing threads, shown by Read Crystals' dialog (advanced) and {@code genmat read --threads} (0: all processors). */
    public static final NumberRange THREADS = NumberRange.between("threads", "the parsing threads (0: all processors)", 0,
        1024);

    public ReadSettings {
        if (format == null) {
            throw new SettingException("format", "choose a format: auto, cif, poscar or formula");
        }
        THREADS.check(threads);
        column = column == null || column.isBlank() ? null : column;
        if (species != null) {
            for (String s : species) {
                if (s == null || s.isBlank()) {
                    throw new SettingException("species", "a species list must not have empty names: " + species);
                }
                if (!PoscarReader.isSpecies(s)) {
                    throw new SettingException("species", "unknown element '" + Messages.value(s.trim())
                        + "' (give element symbols, e.g. Fe,O)");
                }
            }
            // names as typed, "Fe, O" too
            species = species.isEmpty() ? null : species.stream().map(String::trim).toList();
        }
    }

    /** Automatic format, default column, species from the files, error rows, all processors. */
    public static ReadSettings defaults() {
        return new ReadSettings(CrystalReader.Format.AUTO, null, null, false, 0);
    }

    public ReadSettings withFormat(CrystalReader.Format f) {
        return new ReadSettings(f, column, species, failFast, threads);
    }

    public ReadSettings withFailFast(boolean f) {
        return new ReadSettings(format, column, species, f, threads);
    }

    public ReadSettings withColumn(String c) {
        return new ReadSettings(format, c, species, failFast, threads);
    }

    public ReadSettings withSpecies(List<String> s) {
        return new ReadSettings(format, column, s, failFast, threads);
    }

    public ReadSettings withThreads(int t) {
        return new ReadSettings(format, column, species, failFast, t);
    }

    /**
     * @param text elements separated by commas, as both faces take them ({@code Fe, O}); null or blank: none
     * @return the species list (trimmed and checked by the settings: no empty name)
     */
    public static List<String> species(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return List.of(text.split(",", -1));
    }

    /** The reader options of these settings (progress, cancellation and skips are the job's). */
    CrystalReader.Options readerOptions() {
        return CrystalReader.Options.defaults().withFormat(format).withColumn(column).withSpecies(species)
            .withFailFast(failFast).withThreads(threads);
    }

    /**
     * @param text the name of a format as both faces show it (auto, cif, poscar, formula; any case)
     * @return the format
     * @throws SettingException naming the allowed names
     */
    public static CrystalReader.Format format(String text) {
        try {
            return CrystalReader.Format.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SettingException("format", "the format must be auto, cif, poscar or formula, not '" + text + "'");
        }
    }
}
