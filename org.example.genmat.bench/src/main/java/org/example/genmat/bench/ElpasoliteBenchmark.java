package org.example.genmat.bench;

import org.example.genmat.core.metrics.ClassMetrics;
import org.example.genmat.core.metrics.CompositionKeySet;
import org.example.genmat.core.metrics.Coverage;
import org.example.genmat.core.metrics.DiscoveryTracker;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.metrics.JensenShannon;
import org.example.genmat.core.metrics.MagpieFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.example.genmat.core.crystal.Composition;

/**
 * The metrics at Türk et al.'s scale: streams N valid elpasolite samples from a seeded synthetic
 * generator (a mix of a class-conditioned "mode" drawn with a power-law popularity — repetitions and
 * unreached compositions as in a real model — and independent per-site draws that may repeat an
 * element, i.e. be invalid) through the production code paths: {@link DiscoveryTracker} (tags,
 * uniqueness, novelty, curve), {@link ClassMetrics} (precision, coverage) and site-wise
 * {@link JensenShannon}. Nothing per sample is stored: memory is one long per distinct composition.
 * Then times {@link Coverage#nearest} on 10,000 × 3,785 Magpie fingerprints with 1 and all threads.
 */
public final class ElpasoliteBenchmark {

    /** Benchmark settings. */
    public record Settings(long validSamples, int targetClass, long seed, int trainingSize, long curveEvery,
                           int coverageGenerated, int coverageReference, double modeProbability) {

        public static Settings defaults() {
            return new Settings(25_000_000L, 5, 2022L, 10_000, 250_000L, 10_000, 3_785, 0.55);
        }
    }

    /** Figures of one run. */
    public record Report(long drawn, long valid, long invalid, long unique, long novel, long rediscovered,
                         long repetitions, double precisionRight, double precisionNeighbouring, double coverageRight,
                         double coverageNeighbouring, double[] jsPerSite, double jsMean, long referenceSize,
                         List<DiscoveryTracker.CurvePoint> curve, double streamSeconds, double streamCpuSeconds,
                         double coverageSecondsOneThread, double coverageCpuOneThread,
                         double coverageSecondsAllThreads, double coverageCpuAllThreads, int threads, long coverageComparisons, double coverageRecall,
                         long keyTableBytes) {
    }

    /** Synthetic class labels 0 .. CLASSES - 1 ({@code --target-class} picks one). */
    static final int CLASSES = 10;

    /** Decay of the mode's popularity over its ranks (e^-8 at the last rank). */
    private static final double POPULARITY_RATE = 8.0;

    private ElpasoliteBenchmark() {
    }

    public static Report run(Settings s, LongConsumer progress, BooleanSupplier cancelled) {
        int[] comps = ElpasoliteSpace.enumerate();
        int nComp = comps.length / 4;
        byte[] cls = ElpasoliteSpace.syntheticClasses(comps, CLASSES, s.seed());
        // class by site indices in a dense 39^4 byte table (2.3 MB, cache-friendly); A/B both orders
        byte[] classOf = new byte[n4(ElpasoliteSpace.N)];
        java.util.Arrays.fill(classOf, (byte) -1);
        long[] sizes = new long[CLASSES];
        int[] inTarget = new int[nComp];
        int nTarget = 0;
        int n = ElpasoliteSpace.N;
        double[][] refSite = new double[4][n];
        for (int i = 0; i < nComp; i++) {
            int a = comps[4 * i], b = comps[4 * i + 1], c = comps[4 * i + 2], d = comps[4 * i + 3];
            classOf[dense(a, b, c, d)] = cls[i];
            classOf[dense(b, a, c, d)] = cls[i];
            sizes[cls[i]]++;
            if (cls[i] == s.targetClass()) {
                inTarget[nTarget++] = i;
                // A and B are symmetric: each composition puts half a count on A and B for both elements
                refSite[0][a] += 0.5;
                refSite[0][b] += 0.5;
                refSite[1][a] += 0.5;
                refSite[1][b] += 0.5;
                refSite[2][c]++;
                refSite[3][d]++;
            }
        }
        SplittableRandom rnd = new SplittableRandom(s.seed());
        // training set: random compositions of the whole space
        CompositionKeySet training = new CompositionKeySet(s.trainingSize());
        while (training.size() < s.trainingSize()) {
            int i = rnd.nextInt(nComp);
            training.add(ElpasoliteSpace.key(comps[4 * i], comps[4 * i + 1], comps[4 * i + 2], comps[4 * i + 3]));
        }
        // generator: the "mode" is the target class in a seeded popularity order
        for (int i = nTarget - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = inTarget[i];
            inTarget[i] = inTarget[j];
            inTarget[j] = t;
        }
        int[][] siteTable = new int[4][];
        for (int site = 0; site < 4; site++) {
            siteTable[site] = skewedTable(rnd, n, 4096);
        }

        DiscoveryTracker tracker = new DiscoveryTracker(training, s.curveEvery(), nComp);
        ClassMetrics classMetrics = new ClassMetrics(s.targetClass(), sizes);
        long[][] genSite = new long[4][n];
        List<int[]> coverageSet = new ArrayList<>();
        long invalid = 0;
        long start = System.nanoTime();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
        double pMode = s.modeProbability();
        while (tracker.valid() < s.validSamples()) {
            int a, b, c, d;
            if (rnd.nextDouble() < pMode) {
                // exponential popularity over the mode's ranks: a head of favourites and a tail that
                // is rarely or never reached (as a trained model's coverage saturates below 100 %)
                int rank;
                do {
                    rank = (int) (-Math.log(1 - rnd.nextDouble()) * nTarget / POPULARITY_RATE);
                } while (rank >= nTarget);
                int i = inTarget[rank];
                boolean swap = rnd.nextBoolean();
                a = comps[4 * i + (swap ? 1 : 0)];
                b = comps[4 * i + (swap ? 0 : 1)];
                c = comps[4 * i + 2];
                d = comps[4 * i + 3];
            } else {
                a = siteTable[0][rnd.nextInt(4096)];
                b = siteTable[1][rnd.nextInt(4096)];
                c = siteTable[2][rnd.nextInt(4096)];
                d = siteTable[3][rnd.nextInt(4096)];
                if (a == b || a == c || a == d || b == c || b == d || c == d) {
                    invalid++;
                    tracker.offerInvalid();
                    continue;
                }
            }
            long key = ElpasoliteSpace.key(a, b, c, d);
            DiscoveryTracker.Tag tag = tracker.offer(key);
            boolean first = tag != DiscoveryTracker.Tag.REPETITION;
            classMetrics.add(classOf[dense(a, b, c, d)], first);
            genSite[0][a]++;
            genSite[1][b]++;
            genSite[2][c]++;
            genSite[3][d]++;
            if (first && coverageSet.size() < s.coverageGenerated()) {
                coverageSet.add(new int[] {a, b, c, d});
            }
            long v = tracker.valid();
            if ((v & 0xFFFFF) == 0) {
                progress.accept(v);
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("benchmark cancelled");
                }
            }
        }
        double streamSeconds = (System.nanoTime() - start) / 1e9;
        double streamCpuSeconds = cpuStart < 0 ? Double.NaN : (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double[] js = new double[4];
        double jsMean = 0;
        for (int site = 0; site < 4; site++) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = genSite[site][i];
            }
            js[site] = JensenShannon.distance(p, refSite[site]);
            jsMean += js[site] / 4;
        }

        // coverage timing: generated fingerprints vs a reference sample of the space
        double[] gen = fingerprints(coverageSet);
        List<int[]> refSet = new ArrayList<>();
        for (int k = 0; k < s.coverageReference(); k++) {
            int i = rnd.nextInt(nComp);
            refSet.add(new int[] {comps[4 * i], comps[4 * i + 1], comps[4 * i + 2], comps[4 * i + 3]});
        }
        double[] ref = fingerprints(refSet);
        int dim = MagpieFingerprint.LENGTH;
        Coverage.nearest(gen, ref, dim); // warm-up
        com.sun.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
            .getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        long c1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        Coverage.NearestDistances nd = new ForkJoinPool(1).submit(() -> Coverage.nearest(gen, ref, dim)).join();
        double oneThread = (System.nanoTime() - t1) / 1e9;
        double oneThreadCpu = (os.getProcessCpuTime() - c1) / 1e9;
        int threads = Runtime.getRuntime().availableProcessors();
        ForkJoinPool all = new ForkJoinPool(threads);
        long c2 = os.getProcessCpuTime();
        long t2 = System.nanoTime();
        all.submit(() -> Coverage.nearest(gen, ref, dim)).join();
        double allThreads = (System.nanoTime() - t2) / 1e9;
        double allThreadsCpu = (os.getProcessCpuTime() - c2) / 1e9;
        all.shutdown();
        double recall = Coverage.NearestDistances.fractionWithin(nd.toGenerated(), 4.0, ref.length / dim);

        return new Report(tracker.drawn(), tracker.valid(), invalid, tracker.unique(), tracker.novel(),
            tracker.rediscovered(), tracker.repetitions(), classMetrics.precisionRight(),
            classMetrics.precisionNeighbouring(), classMetrics.coverageRight(), classMetrics.coverageNeighbouring(),
            js, jsMean, sizes[s.targetClass()], tracker.curve(), streamSeconds, streamCpuSeconds, oneThread, oneThreadCpu, allThreads, allThreadsCpu, threads,
            (long) (gen.length / dim) * (ref.length / dim), recall, classOf.length);
    }

    private static int n4(int n) {
        return n * n * n * n;
    }

    private static int dense(int a, int b, int c, int d) {
        return ((a * ElpasoliteSpace.N + b) * ElpasoliteSpace.N + c) * ElpasoliteSpace.N + d;
    }

    /** 4096-entry lookup table of a skewed categorical distribution over n elements (log-normal weights). */
    private static int[] skewedTable(SplittableRandom rnd, int n, int size) {
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(1.2 * ElpasoliteSpace.gaussian(rnd));
            total += w[i];
        }
        int[] t = new int[size];
        double acc = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            acc += w[i] / total;
            int end = i == n - 1 ? size : (int) Math.round(acc * size);
            while (k < end) {
                t[k++] = i;
            }
        }
        return t;
    }

    private static double[] fingerprints(List<int[]> sites) {
        int dim = MagpieFingerprint.LENGTH;
        double[] out = new double[sites.size() * dim];
        java.util.stream.IntStream.range(0, sites.size()).parallel().forEach(i -> {
            int[] x = sites.get(i);
            Composition c = ElpasoliteSpace.composition(x[0], x[1], x[2], x[3]);
            System.arraycopy(MagpieFingerprint.standardised(c), 0, out, i * dim, dim);
        });
        return out;
    }
}
