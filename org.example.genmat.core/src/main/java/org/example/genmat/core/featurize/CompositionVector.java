package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.io.CrystalRecord;

/**
 * Atomic fractions over the elements seen in training, for any formula. The vector is one
 * categorical group (softmax output, cross-entropy against the fractions), so decoded fractions
 * always sum to one.
 *
 * <p>Decoding: fractions below {@code threshold} are dropped, the rest renormalised; then the
 * smallest total N ≤ {@code maxAtoms} whose rounded amounts {@code round(f·N)} reproduce every
 * fraction within {@code tolerance} is taken (the best N when none does), and the formula is
 * reduced by the gcd. Only an N whose reduced formula has at most {@code maxAtoms} atoms counts
 * (every element kept has at least one atom, so rounding can go past N): the formula always has
 * at most {@code maxAtoms} atoms, as the setting promises. N = 1 (one atom per element) always
 * counts unless more than {@code maxAtoms} elements pass the threshold; then no formula is
 * decoded and the candidate carries only a note, as other outputs that do not decode.
 */
public final class CompositionVector implements Featurizer {

    public static final int DEFAULT_MAX_ATOMS = 20;
    /** Largest {@code maxAtoms} accepted: the decoder tries every total up to it. */
    public static final int MAX_ATOMS = 1000;
    /** Largest allowed |f − n/N| per element for a total N to count as an exact fit. */
    private static final double TOLERANCE = 0.01;

    private final List<Element> vocabulary;
    private final Map<Element, Integer> index = new HashMap<>();
    private final int maxAtoms;
    private final double threshold;
    private final FeatureLayout layout;

    public CompositionVector(List<Element> vocabulary, int maxAtoms, double threshold) {
        if (vocabulary.size() < 2) {
            throw new IllegalArgumentException("a composition vector needs at least 2 elements in its vocabulary, got " + vocabulary);
        }
        if (maxAtoms < 1 || maxAtoms > MAX_ATOMS) {
            throw new IllegalArgumentException("max atoms must be 1.." + MAX_ATOMS + ", was " + maxAtoms);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < this.vocabulary.size(); i++) {
            if (index.put(this.vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("element " + this.vocabulary.get(i) + " repeated in the vocabulary");
            }
        }
        this.maxAtoms = maxAtoms;
        this.threshold = threshold;
        this.layout = new FeatureLayout.Builder().add("fractions", FeatureLayout.Kind.CATEGORICAL, this.vocabulary.size()).build();
    }

    /** Vocabulary = elements of the good training records; threshold = half the smallest fraction 1/maxAtoms. */
    public static CompositionVector fit(Iterable<CrystalRecord> training, int maxAtoms) {
        TreeSet<Element> seen = new TreeSet<>();
        for (CrystalRecord r : training) {
            if (r.composition() != null && r.error() == null) {
                seen.addAll(r.composition().elements());
            }
        }
        if (seen.size() < 2) {
            throw new IllegalArgumentException("the training data has " + seen.size() + " distinct elements; a composition vector needs at least 2");
        }
        return new CompositionVector(new ArrayList<>(seen), maxAtoms, 0.5 / maxAtoms);
    }

    public List<Element> vocabulary() {
        return vocabulary;
    }

    public int maxAtoms() {
        return maxAtoms;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public String name() {
        return "composition";
    }

    @Override
    public FeatureLayout layout() {
        return layout;
    }

    @Override
    public float[] encode(CrystalRecord record) {
        Composition c = record.composition();
        if (c == null || c.isEmpty()) {
            throw new IllegalArgumentException("no composition" + (record.error() == null ? "" : ": " + record.error()));
        }
        float[] v = new float[vocabulary.size()];
        for (Element e : c.elements()) {
            Integer i = index.get(e);
            if (i == null) {
                throw new IllegalArgumentException("element " + e.symbol() + " of " + c.formula() + " is not in the vocabulary of the training data");
            }
            v[i] = (float) c.fraction(e);
        }
        return v;
    }

    @Override
    public Candidate decode(float[] vector) {
        if (vector.length != vocabulary.size()) {
            throw new IllegalArgumentException("vector has " + vector.length + " values, the composition vector needs " + vocabulary.size());
        }
        double sum = 0;
        for (float f : vector) {
            if (f >= threshold) {
                sum += f;
            }
        }
        if (!(sum > 0)) {
            return new Candidate(null, null, null, null, null, "no element above the threshold " + threshold);
        }
        double[] f = new double[vector.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = vector[i] >= threshold ? vector[i] / sum : 0;
        }
        int elements = 0;
        for (double x : f) {
            if (x > 0) {
                elements++;
            }
        }
        if (elements > maxAtoms) {
            // at least one atom per element: no formula of at most maxAtoms atoms holds them all
            return new Candidate(null, null, null, null, null, "more than " + maxAtoms + " atoms: over " + maxAtoms
                + " elements are above the threshold");
        }
        int bestN = 1;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int n = 1; n <= maxAtoms; n++) {
            double err = 0;
            for (double x : f) {
                if (x > 0) {
                    err = Math.max(err, Math.abs(x - atoms(x, n) / n));
                }
            }
            boolean better = err < bestErr - 1e-12, exact = err <= TOLERANCE;
            // a total whose formula has more than maxAtoms atoms is passed over as if not tried (n = 1 never is);
            // checked only where it would count, as most totals neither improve nor fit
            if ((better || exact) && amounts(f, n).reduced().totalAtoms() > maxAtoms) {
                continue;
            }
            if (better) {
                bestErr = err;
                bestN = n;
            }
            if (exact) {
                break;
            }
        }
        Composition comp = amounts(f, bestN).reduced();
        return new Candidate(comp.formula(), comp, null, null, null, null);
    }

    /** The atoms of an element of fraction {@code x} (above the threshold) in a total of {@code n}: at least one. */
    private static double atoms(double x, int n) {
        return Math.max(1, Math.round(x * n));
    }

    /** The rounded amounts of the elements kept, for a total of {@code n}. */
    private Composition amounts(double[] f, int n) {
        Map<Element, Integer> amounts = new HashMap<>();
        for (int i = 0; i < f.length; i++) {
            if (f[i] > 0) {
                amounts.put(vocabulary.get(i), (int) atoms(f[i], n));
            }
        }
        return Composition.of(amounts);
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", Featurizers.COMPOSITION_VECTOR);
        o.add("vocabulary", Featurizers.symbols(vocabulary));
        o.addProperty("maxAtoms", maxAtoms);
        o.addProperty("threshold", threshold);
        return o;
    }

    static CompositionVector fromJson(JsonObject o) {
        return new CompositionVector(Featurizers.elements(o, "vocabulary"), Featurizers.integer(o, "maxAtoms"),
            Featurizers.number(o, "threshold"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositionVector c && c.vocabulary.equals(vocabulary) && c.maxAtoms == maxAtoms && c.threshold == threshold;
    }

    @Override
    public int hashCode() {
        return vocabulary.hashCode();
    }
}
