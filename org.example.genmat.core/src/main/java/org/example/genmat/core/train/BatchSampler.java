package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded batch row indices. Plain mode: epochs of a shuffled permutation (every row once per
 * epoch). Class-balanced mode: each row drawn with probability ∝ 1 / (rows of its class), i.e. a
 * uniformly chosen class, then a uniformly chosen row of that class (with replacement).
 */
final class BatchSampler {

    private final Random rng;
    private final int[] order;
    private int position;
    private final int[][] rowsByClass;

    BatchSampler(int rows, int[] classLabels, Random rng) {
        this.rng = rng;
        if (classLabels == null) {
            order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            shuffle();
            rowsByClass = null;
        } else {
            order = null;
            int classes = 0;
            for (int label : classLabels) {
                classes = Math.max(classes, label + 1);
            }
            List<List<Integer>> lists = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                lists.add(new ArrayList<>());
            }
            for (int i = 0; i < rows; i++) {
                lists.get(classLabels[i]).add(i);
            }
            rowsByClass = lists.stream().filter(l -> !l.isEmpty())
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        }
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
    }

    int[] next(int batch) {
        int[] out = new int[batch];
        if (rowsByClass != null) {
            for (int i = 0; i < batch; i++) {
                int[] members = rowsByClass[rng.nextInt(rowsByClass.length)];
                out[i] = members[rng.nextInt(members.length)];
            }
            return out;
        }
        for (int i = 0; i < batch; i++) {
            if (position == order.length) {
                shuffle();
            }
            out[i] = order[position++];
        }
        return out;
    }
}
