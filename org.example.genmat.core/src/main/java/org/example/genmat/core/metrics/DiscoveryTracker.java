package org.example.genmat.core.metrics;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.crystal.Composition;

/**
 * Streams generated samples in generation order and tags each valid one: {@link Tag#REPETITION} when
 * its composition was generated before, else {@link Tag#REDISCOVERY} when it is in the training set,
 * else {@link Tag#NOVEL}. Keeps the counts and the cumulative discovery curve (novel discoveries vs
 * samples drawn), one point every {@code curveEvery} drawn samples plus the last. Memory: one
 * primitive key per distinct composition. Not thread-safe.
 */
public final class DiscoveryTracker {

    /** Per-sample tag. */
    public enum Tag {
        NOVEL, REPETITION, REDISCOVERY, INVALID;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One point of the discovery curve. */
    public record CurvePoint(long samplesDrawn, long validSamples, long unique, long novel, long rediscovered) {
    }

    private final CompositionKeySet training;
    private final CompositionKeySet seen;
    private final long curveEvery;
    private final List<CurvePoint> curve = new ArrayList<>();
    private long drawn;
    private long valid;
    private long novel;
    private long rediscovered;
    private long repetitions;

    public DiscoveryTracker(CompositionKeySet training, long curveEvery, int expectedUnique) {
        this.training = training == null ? new CompositionKeySet() : training;
        this.seen = new CompositionKeySet(expectedUnique);
        this.curveEvery = Math.max(1, curveEvery);
    }

    /** An invalid sample: counts as drawn, not tagged by identity. */
    public Tag offerInvalid() {
        drawn++;
        maybePoint();
        return Tag.INVALID;
    }

    /** A valid sample of this composition. */
    public Tag offer(Composition c) {
        long k = CompositionKey.pack(c);
        if (k != CompositionKey.NO_PACKED_KEY) {
            return offer(k);
        }
        boolean isNew = seen.add(c);
        return record(isNew, isNew && training.contains(c));
    }

    /** A valid sample given by its packed key (see {@link CompositionKey}). */
    public Tag offer(long packedKey) {
        boolean isNew = seen.add(packedKey);
        return record(isNew, isNew && training.contains(packedKey));
    }

    private Tag record(boolean isNew, boolean inTraining) {
        drawn++;
        valid++;
        Tag t;
        if (!isNew) {
            repetitions++;
            t = Tag.REPETITION;
        } else if (inTraining) {
            rediscovered++;
            t = Tag.REDISCOVERY;
        } else {
            novel++;
            t = Tag.NOVEL;
        }
        maybePoint();
        return t;
    }

    private void maybePoint() {
        if (drawn % curveEvery == 0) {
            curve.add(point());
        }
    }

    private CurvePoint point() {
        return new CurvePoint(drawn, valid, seen.size(), novel, rediscovered);
    }

    /** The curve, ending with the current state. */
    public List<CurvePoint> curve() {
        List<CurvePoint> c = new ArrayList<>(curve);
        if (c.isEmpty() || c.get(c.size() - 1).samplesDrawn() != drawn) {
            c.add(point());
        }
        return c;
    }

    public long drawn() {
        return drawn;
    }

    public long valid() {
        return valid;
    }

    public long unique() {
        return seen.size();
    }

    public long novel() {
        return novel;
    }

    public long rediscovered() {
        return rediscovered;
    }

    public long repetitions() {
        return repetitions;
    }

    /** Whether {@code c} has been generated (as a valid sample) so far. */
    public boolean seen(Composition c) {
        return seen.contains(c);
    }
}
