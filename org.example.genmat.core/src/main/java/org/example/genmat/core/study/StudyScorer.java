package org.example.genmat.core.study;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.metrics.ClassMetrics;
import org.example.genmat.core.metrics.DiscoveryTracker;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.metrics.JensenShannon;

/**
 * Türk et al.'s figures of one generated stream, measured against a {@link StudyReference}: precision
 * and coverage for the right and the neighbouring classes ({@link ClassMetrics}), the site-wise
 * Jensen–Shannon distance to the target class's element distribution ({@link JensenShannon}; A and B
 * pooled, so the order in which a generator writes A and B does not matter; the mean is over the four
 * sites, A and B both taking the pooled distance), and unique / novel / rediscovered counts with the
 * discovery curve ({@link DiscoveryTracker}). Identity is the composition, so an A↔B swap pair is one.
 */
public final class StudyScorer {

    /** A point of the discovery curve. */
    public record CurvePoint(long drawn, long wellFormed, long unique, long novel, long novelTarget) {
    }

    /**
     * The figures.
     *
     * @param novelTarget distinct novel compositions in the target class
     * @param siteCounts  generated element counts: [0] pooled A+B, [1] C, [2] D
     */
    public record Scores(long drawn, long wellFormed, double precisionRight, double precisionNeighbouring, double coverageRight,
                         double coverageNeighbouring, double jsAB, double jsC, double jsD, double jsMean, long unique, long novel,
                         long rediscovered, long novelTarget, List<CurvePoint> curve, double[][] siteCounts) {
    }

    private final StudyReference ref;
    private final DiscoveryTracker tracker;
    private final ClassMetrics classMetrics;
    private final double[][] siteCounts = new double[3][ElpasoliteSpace.N];
    private final long curveEvery;
    private final List<CurvePoint> curve = new ArrayList<>();
    private long novelTarget;

    /** @param curveEvery a curve point every this many well-formed samples (and at the end) */
    public StudyScorer(StudyReference ref, long curveEvery) {
        this.ref = ref;
        this.tracker = new DiscoveryTracker(ref.training(), Long.MAX_VALUE, 1 << 14);
        this.classMetrics = new ClassMetrics(ref.targetClass(), ref.classSizes());
        this.curveEvery = Math.max(1, curveEvery);
    }

    /** A malformed draw. */
    public void malformed() {
        tracker.offerInvalid();
    }

    /** A well-formed sample; returns its tag. */
    public DiscoveryTracker.Tag add(int a, int b, int c, int d) {
        int cls = ref.labels().classOf(a, b, c, d);
        DiscoveryTracker.Tag tag = tracker.offer(ElpasoliteSpace.key(a, b, c, d));
        classMetrics.add(cls, tag != DiscoveryTracker.Tag.REPETITION);
        if (tag == DiscoveryTracker.Tag.NOVEL && cls == ref.targetClass()) {
            novelTarget++;
        }
        siteCounts[0][a]++;
        siteCounts[0][b]++;
        siteCounts[1][c]++;
        siteCounts[2][d]++;
        if (tracker.valid() % curveEvery == 0) {
            curve.add(point());
        }
        return tag;
    }

    private CurvePoint point() {
        return new CurvePoint(tracker.drawn(), tracker.valid(), tracker.unique(), tracker.novel(), novelTarget);
    }

    public long wellFormed() {
        return tracker.valid();
    }

    public long drawn() {
        return tracker.drawn();
    }

    public Scores scores() {
        double[][] r = ref.siteCounts();
        double ab = JensenShannon.distance(siteCounts[0], r[0]);
        double c = JensenShannon.distance(siteCounts[1], r[1]);
        double d = JensenShannon.distance(siteCounts[2], r[2]);
        List<CurvePoint> pts = new ArrayList<>(curve);
        if (pts.isEmpty() || pts.get(pts.size() - 1).wellFormed() != tracker.valid()) {
            pts.add(point());
        }
        return new Scores(tracker.drawn(), tracker.valid(), classMetrics.precisionRight(), classMetrics.precisionNeighbouring(),
            classMetrics.coverageRight(), classMetrics.coverageNeighbouring(), ab, c, d, (2 * ab + c + d) / 4, tracker.unique(),
            tracker.novel(), tracker.rediscovered(), novelTarget, List.copyOf(pts),
            new double[][] {siteCounts[0].clone(), siteCounts[1].clone(), siteCounts[2].clone()});
    }
}
