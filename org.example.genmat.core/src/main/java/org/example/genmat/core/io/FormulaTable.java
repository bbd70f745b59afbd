package org.example.genmat.core.io;

import java.util.List;
import java.util.Locale;

import org.example.genmat.core.crystal.Composition;

/**
 * Formula tables: a column of formulas ({@code Fe2O3}, {@code Ca(OH)2}, {@code Li0.5CoO2},
 * {@code Cs2NaBiCl6}) becomes composition-only records. Finds the column by name or, when none is
 * given, takes the first of {@code formula}, {@code composition}, {@code pretty_formula},
 * {@code reduced_formula}, {@code full_formula} (any letter case).
 */
public final class FormulaTable {

    /** Column names tried, in order, when the caller names none. */
    public static final List<String> FORMULA_COLUMNS = List.of("formula", "composition", "pretty_formula",
        "reduced_formula", "full_formula", "formula_pretty");

    private FormulaTable() {
    }

    /** The header name holding formulas: {@code wanted} (any case) if given, else the first known name; null if none. */
    public static String findColumn(List<String> header, String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            for (String h : header) {
                if (h.trim().equalsIgnoreCase(wanted.trim())) {
                    return h;
                }
            }
            return null;
        }
        for (String candidate : FORMULA_COLUMNS) {
            for (String h : header) {
                if (h.trim().toLowerCase(Locale.ROOT).equals(candidate)) {
                    return h;
                }
            }
        }
        return null;
    }

    /** One composition-only record; an unreadable formula gives an error record naming the source. */
    public static CrystalRecord record(String source, String formula) {
        if (formula == null || formula.isBlank()) {
            return CrystalRecord.failed(source, source + ": empty formula");
        }
        try {
            // strip(), not trim(): trim() also drops control bytes, so "CaO\0" would read as CaO while filter refuses it
            String f = formula.strip();
            StringBuilder note = new StringBuilder();
            Composition c = f.indexOf(':') > 0 ? Composition.parseCellString(f) : Composition.parse(f, note::append);
            if (c.isEmpty()) {
                return CrystalRecord.failed(source, source + ": formula '" + Messages.value(f) + "' has no elements");
            }
            return CrystalRecord.ofComposition(source, c).withWarning(note.toString());
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "unreadable" : e.getMessage();
            return CrystalRecord.failed(source, source + ": " + (why.startsWith("formula '") ? why
                : "formula '" + Messages.value(formula.strip()) + "': " + why));
        }
    }
}
