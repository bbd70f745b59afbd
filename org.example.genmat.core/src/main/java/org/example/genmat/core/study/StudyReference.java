package org.example.genmat.core.study;

import java.util.List;

import org.example.genmat.core.metrics.CompositionKeySet;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.surrogate.SpaceLabels;
import org.example.genmat.core.surrogate.StabilityClasses;

/**
 * What generated samples are measured against: the surrogate's labels of the whole space, the
 * number of compositions per class, the element counts of the target class on the pooled A+B site, C
 * and D (each composition counted once), and the training compositions (for novelty).
 */
public final class StudyReference {

    private final SpaceLabels labels;
    private final int targetClass;
    private final long[] classSizes;
    private final double[][] siteCounts;
    private final CompositionKeySet training;
    private final List<ElpasoliteDft.Row> trainingRows;

    public StudyReference(SpaceLabels labels, int targetClass, List<ElpasoliteDft.Row> trainingRows) {
        if (targetClass < 1 || targetClass > StabilityClasses.COUNT) {
            throw new IllegalArgumentException("target class must be 1.." + StabilityClasses.COUNT + ", was " + targetClass);
        }
        this.labels = labels;
        this.targetClass = targetClass;
        this.trainingRows = List.copyOf(trainingRows);
        this.classSizes = labels.classSizes();
        this.siteCounts = new double[3][ElpasoliteSpace.N];
        int[] all = ElpasoliteSpace.enumerate();
        for (int i = 0; i < all.length; i += 4) {
            if (labels.classOf(all[i], all[i + 1], all[i + 2], all[i + 3]) == targetClass) {
                siteCounts[0][all[i]]++;
                siteCounts[0][all[i + 1]]++;
                siteCounts[1][all[i + 2]]++;
                siteCounts[2][all[i + 3]]++;
            }
        }
        this.training = new CompositionKeySet(trainingRows.size());
        for (ElpasoliteDft.Row r : trainingRows) {
            training.add(ElpasoliteSpace.key(r.a(), r.b(), r.c(), r.d()));
        }
    }

    public SpaceLabels labels() {
        return labels;
    }

    public int targetClass() {
        return targetClass;
    }

    /** Compositions per class, index 1..10. */
    public long[] classSizes() {
        return classSizes.clone();
    }

    /** Element counts of the target class: [0] pooled A+B, [1] C, [2] D (a copy). */
    public double[][] siteCounts() {
        return new double[][] {siteCounts[0].clone(), siteCounts[1].clone(), siteCounts[2].clone()};
    }

    CompositionKeySet training() {
        return training;
    }

    public List<ElpasoliteDft.Row> trainingRows() {
        return trainingRows;
    }

    /** Training rows whose DFT class is the target class. */
    public List<ElpasoliteDft.Row> trainingRowsOfTarget() {
        return trainingRows.stream().filter(r -> r.stabilityClass() == targetClass).toList();
    }
}
