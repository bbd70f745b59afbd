package org.example.genmat.core.io;

import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;

/**
 * One input item as read: a crystal (null for composition-only rows such as formula tables), its
 * composition (always set when there is no error), the space group as given by the source (empty
 * when none was given), an error message (null when the item is good) and warnings about leniency
 * the reader showed (empty when none; e.g. a quoted value not closed on its line). Source, error and
 * warning are stored {@linkplain Messages#clean escaped}, so they are safe to print.
 *
 * @param source     file name plus data block or row, e.g. {@code NaCl.cif#NaCl}
 * @param tableCells the other cells of the CSV/TSV row the record was read from, in the order of
 *                   {@link CrystalReader.TableLayout#otherColumns()} (the structure column left out), so that a read
 *                   can keep a table's other columns; empty for records not read from a table row
 */
public record CrystalRecord(String source, Crystal crystal, Composition composition, String spaceGroup, String error,
    String warning, List<String> tableCells) {

    public CrystalRecord {
        source = source == null ? "" : Messages.clean(source);
        spaceGroup = spaceGroup == null ? "" : Messages.clean(spaceGroup);
        error = Messages.clean(error);
        warning = warning == null ? "" : Messages.clean(warning);
        tableCells = tableCells == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tableCells));
        if (error == null && composition == null && crystal != null) {
            composition = crystal.composition();
        }
        if (error == null && composition == null) {
            throw new IllegalArgumentException("a good record needs a crystal or a composition");
        }
    }

    /** A record without warnings, not from a table row. */
    public CrystalRecord(String source, Crystal crystal, Composition composition, String spaceGroup, String error) {
        this(source, crystal, composition, spaceGroup, error, "", List.of());
    }

    /** The same record carrying the other cells of its table row (null cells allowed: a short row). */
    public CrystalRecord withTableCells(List<String> cells) {
        return new CrystalRecord(source, crystal, composition, spaceGroup, error, warning, cells);
    }

    /** The same record with a warning added ("; "-separated). */
    public CrystalRecord withWarning(String w) {
        if (w == null || w.isEmpty()) {
            return this;
        }
        return new CrystalRecord(source, crystal, composition, spaceGroup, error, warning.isEmpty() ? w : warning + "; " + w,
            tableCells);
    }

    /** A good record of a crystal. */
    public static CrystalRecord of(Crystal crystal, String spaceGroup) {
        return new CrystalRecord(crystal.source(), crystal, crystal.composition(), spaceGroup, null);
    }

    /** A good composition-only record (formula tables). */
    public static CrystalRecord ofComposition(String source, Composition composition) {
        return new CrystalRecord(source, null, composition, "", null);
    }

    /** An error record: nothing could be read from {@code source} for the reason given. */
    public static CrystalRecord failed(String source, String error) {
        return new CrystalRecord(source, null, null, "", error == null || error.isBlank() ? "unreadable input" : error);
    }

    /** True when the item was read without error. */
    public boolean ok() {
        return error == null;
    }

    /** True when the record carries a full crystal structure (not just a composition). */
    public boolean hasStructure() {
        return crystal != null;
    }
}
