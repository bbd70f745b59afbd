package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.List;

/**
 * How a feature vector is cut into parts, so that models choose the right output activation and
 * reconstruction loss per part: continuous parts use mean squared error (output tanh when the
 * featurizer scales them to (−1, 1), linear otherwise); categorical parts are one-hot groups
 * trained with softmax cross-entropy.
 */
public record FeatureLayout(List<Segment> segments) {

    /** Kind of a segment. */
    public enum Kind {
        /** Real values in (−1, 1); tanh output, MSE loss. */
        CONTINUOUS_TANH,
        /** Unbounded real values; linear output, MSE loss. */
        CONTINUOUS_LINEAR,
        /** One-hot group; softmax output, cross-entropy loss. */
        CATEGORICAL
    }

    /** A contiguous part of the vector: {@code [offset, offset + length)}. */
    public record Segment(String name, Kind kind, int offset, int length) {
    }

    public FeatureLayout {
        segments = List.copyOf(segments);
        int expected = 0;
        for (Segment s : segments) {
            if (s.offset() != expected || s.length() <= 0) {
                throw new IllegalArgumentException("segments must be contiguous and non-empty: " + s);
            }
            expected += s.length();
        }
    }

    /** Total vector length. */
    public int dimension() {
        int d = 0;
        for (Segment s : segments) {
            d += s.length();
        }
        return d;
    }

    /** Builds layouts segment by segment. */
    public static final class Builder {
        private final List<Segment> segments = new ArrayList<>();
        private int offset;

        public Builder add(String name, Kind kind, int length) {
            segments.add(new Segment(name, kind, offset, length));
            offset += length;
            return this;
        }

        public FeatureLayout build() {
            return new FeatureLayout(segments);
        }
    }
}
