package org.example.genmat.core.train;

import org.example.genmat.core.featurize.FeatureLayout;

/**
 * Training rows: feature vectors {@code x} cut by {@code layout}, an optional condition vector per
 * row (null = unconditional) and optional class labels for class-balanced batches.
 */
public record TrainingData(float[][] x, FeatureLayout layout, float[][] condition, int[] classLabels) {

    public TrainingData {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        if (layout == null) {
            throw new IllegalArgumentException("no feature layout");
        }
        int d = layout.dimension();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException("training row " + i + " has " + (x[i] == null ? 0 : x[i].length)
                    + " features, the layout needs " + d);
            }
            for (float v : x[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("training row " + i + " has a non-finite feature value");
                }
            }
        }
        if (condition != null) {
            if (condition.length != x.length) {
                throw new IllegalArgumentException(condition.length + " condition rows for " + x.length + " training rows");
            }
            int c = condition[0] == null ? 0 : condition[0].length;
            for (int i = 0; i < condition.length; i++) {
                if (condition[i] == null || condition[i].length != c || c == 0) {
                    throw new IllegalArgumentException("condition row " + i + " must have " + c + " values");
                }
                for (float v : condition[i]) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("condition row " + i + " has a non-finite value");
                    }
                }
            }
        }
        if (classLabels != null) {
            if (classLabels.length != x.length) {
                throw new IllegalArgumentException(classLabels.length + " class labels for " + x.length + " training rows");
            }
            for (int i = 0; i < classLabels.length; i++) {
                if (classLabels[i] < 0) {
                    throw new IllegalArgumentException("class label of row " + i + " is negative");
                }
            }
        }
    }

    /** Unconditional data without class labels. */
    public TrainingData(float[][] x, FeatureLayout layout) {
        this(x, layout, null, null);
    }

    public int rows() {
        return x.length;
    }

    public int dimension() {
        return layout.dimension();
    }

    /** Length of the condition vector; 0 when unconditional. */
    public int conditionDimension() {
        return condition == null ? 0 : condition[0].length;
    }
}
