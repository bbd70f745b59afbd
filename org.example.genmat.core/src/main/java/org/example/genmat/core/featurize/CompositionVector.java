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
 * reduced by the gcd.
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
        int bestN = 1;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int n = 1; n <= maxAtoms; n++) {
            double err = 0;
            for (double x : f) {
                if (x > 0) {
                    double cnt = Math.max(1, Math.round(x * n)); // an element above threshold keeps at least one atom
                    err = Math.max(err, Math.abs(x - cnt / n));
                }
            }
            if (err < bestErr - 1e-12) {
                bestErr = err;
                bestN = n;
            }
            if (err <= TOLERANCE) {
                break;
            }
        }
        Map<Element, Integer> amounts = new HashMap<>();
        for (int i = 0; i < f.length; i++) {
            if (f[i] > 0) {
                amounts.put(vocabulary.get(i), (int) Math.max(1, Math.round(f[i] * bestN)));
            }
        }
        Composition comp = Composition.of(amounts).reduced();
        String note = comp.totalAtoms() > maxAtoms ? "more than " + maxAtoms + " atoms" : null;
        return new Candidate(comp.formula(), comp, null, null, null, note);
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
