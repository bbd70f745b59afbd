package org.example.genmat.core.train;

import java.util.Random;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.featurize.FeatureLayout.Kind;

/** Synthetic training sets with known structure: rows around a few hidden cluster centres. */
public final class Synthetic {

    public static final FeatureLayout LAYOUT = new FeatureLayout.Builder()
        .add("sites", Kind.CONTINUOUS_TANH, 8).add("kind", Kind.CATEGORICAL, 4).build();

    public final float[][] x;
    public final float[][] condition;
    public final int[] cluster;
    public final float[][] centres;

    /** {@code rows} rows of 8 clusters: 8 tanh-range features (centre + N(0, 0.05²)) and a one-hot of cluster mod 4; condition = one-hot of cluster mod 2. */
    public Synthetic(int rows, long seed) {
        Random r = new Random(seed);
        centres = new float[8][8];
        for (float[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = (r.nextFloat() * 2f - 1f) * 0.8f;
            }
        }
        x = new float[rows][12];
        condition = new float[rows][2];
        cluster = new int[rows];
        for (int i = 0; i < rows; i++) {
            int k = r.nextInt(8);
            cluster[i] = k;
            for (int j = 0; j < 8; j++) {
                x[i][j] = centres[k][j] + (float) r.nextGaussian() * 0.05f;
            }
            x[i][8 + k % 4] = 1f;
            condition[i][k % 2] = 1f;
        }
    }

    public TrainingData conditional() {
        return new TrainingData(x, LAYOUT, condition, cluster);
    }

    public TrainingData unconditional() {
        return new TrainingData(x, LAYOUT);
    }
}
