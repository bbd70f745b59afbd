package org.example.genmat.core.job.sample;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.featurize.Featurizer;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.featurize.PrototypeSites;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.job.Column;
import org.example.genmat.core.job.CrystalSchema;
import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.model.GenerativeModel;

/**
 * The one candidate table every sampling mode writes, in both faces:
 * {@code origin, formula, composition, condition}, one column per prototype site (e.g. {@code A, B, C, D}, as
 * {@code genmat filter --prototype} and Filter Validity read them), for structure models the crystal block
 * ({@code a, b, c, alpha, beta, gamma, volume, nsites, density, spacegroup, cif}: P1, as the crystal table of
 * {@code genmat read}), the latent vector {@code z1 ... zk} and {@code note} (why the output did not decode cleanly).
 * {@code origin} is where a row came from: the two input rows of an interpolation, the input row of encode and decode,
 * for a shard of a prior run the run and the shard ({@link SampleRun}); empty for an unsharded prior run.
 */
public final class CandidateTable {

    /** The column saying where a row came from (first column). */
    public static final String ORIGIN = "origin";

    /** The crystal block of structure models. */
    public static final List<String> CRYSTAL_COLUMNS = List.of("a", "b", "c", "alpha", "beta", "gamma", "volume", "nsites",
        "density", "spacegroup", "cif");

    /** Space group of a decoded structure: its P1 cell as decoded, no symmetry search. */
    private static final String DECODED_SPACE_GROUP = "P 1";

    private final List<String> sites;
    private final boolean structure;
    private final int latentSize;
    private final TableSchema schema;

    private CandidateTable(List<String> sites, boolean structure, int latentSize) {
        this.sites = List.copyOf(sites);
        this.structure = structure;
        this.latentSize = latentSize;
        List<Column> cols = new ArrayList<>();
        cols.add(Column.string(ORIGIN));
        cols.add(Column.string("formula"));
        cols.add(Column.string("composition"));
        cols.add(Column.string("condition"));
        for (String s : this.sites) {
            cols.add(Column.string(s));
        }
        if (structure) {
            cols.addAll(CrystalSchema.columns(CRYSTAL_COLUMNS));
        }
        for (int j = 1; j <= latentSize; j++) {
            cols.add(Column.number(latentColumn(j)));
        }
        cols.add(Column.string("note"));
        this.schema = new TableSchema(cols);
    }

    /** The table of a model's candidates. */
    public static CandidateTable of(GenerativeModel model) {
        return of(model.featurizer(), model.latentSize());
    }

    /** The table of a featurizer's candidates with latent vectors of {@code latentSize}. */
    public static CandidateTable of(Featurizer f, int latentSize) {
        List<String> sites = f instanceof PrototypeSites p ? p.definition().siteNames() : List.of();
        return new CandidateTable(sites, f.hasStructure(), latentSize);
    }

    /**
     * The table of the candidates of a representation ({@code elpasolite}, {@code perovskite}, {@code composition},
     * {@code structure}), known before a model is read (a KNIME node's configure sees only the model's description).
     */
    public static CandidateTable forRepresentation(String representation, int latentSize) {
        Prototype p = Featurizers.prototypeOf(representation);
        return new CandidateTable(p == null ? List.of() : p.siteNames(), Featurizers.hasStructure(representation), latentSize);
    }

    /** Name of latent column {@code j} (1-based): {@code z1}, {@code z2}, ... */
    public static String latentColumn(int j) {
        return "z" + j;
    }

    public TableSchema schema() {
        return schema;
    }

    public int latentSize() {
        return latentSize;
    }

    /** The row of a decoded candidate. */
    public List<Object> row(String origin, Candidate c) {
        List<Object> row = new ArrayList<>(schema.size());
        row.add(origin);
        row.add(c.formula());
        row.add(c.composition() == null ? null : c.composition().toCellString());
        row.add(c.condition());
        for (String s : sites) {
            row.add(c.sites().get(s));
        }
        if (structure) {
            if (c.crystal() == null) {
                addMissing(row, CRYSTAL_COLUMNS.size());
            } else {
                row.addAll(CrystalSchema.values(CrystalRecord.of(c.crystal(), DECODED_SPACE_GROUP), CRYSTAL_COLUMNS));
            }
        }
        float[] z = c.latent();
        for (int j = 0; j < latentSize; j++) {
            row.add(z == null || j >= z.length ? null : Float.valueOf(z[j]));
        }
        row.add(c.decodeNote());
        return row;
    }

    /** The row of an input that could not be decoded: its origin and why, nothing else. */
    public List<Object> problemRow(String origin, String note) {
        List<Object> row = new ArrayList<>(schema.size());
        row.add(origin);
        addMissing(row, schema.size() - 2);
        row.add(note);
        return row;
    }

    private static void addMissing(List<Object> row, int n) {
        for (int i = 0; i < n; i++) {
            row.add(null);
        }
    }
}
