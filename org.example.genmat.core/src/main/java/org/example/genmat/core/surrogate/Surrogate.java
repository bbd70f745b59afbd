package org.example.genmat.core.surrogate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.metrics.ElpasoliteSpace;

/**
 * The surrogate use case: hold out a seeded fraction of the DFT rows, choose σ and λ by seeded grouped
 * k-fold cross-validation (a composition's rows share a fold) on (a seeded subset of) the rest, report the
 * hold-out error of the model fitted on the rest, then refit on every row and label the whole space ({@link SpaceLabels}). The result is
 * cached on disk keyed by data and settings ({@link SurrogateCache}).
 */
public final class Surrogate {

    /** Threads of cross-validation, fits and labelling; 0 for all processors. */
    public static final NumberRange THREADS = NumberRange.between("threads", "the surrogate's threads (0: all processors)", 0, 1024);

    /**
     * Settings.
     *
     * @param sigmas          kernel widths to try
     * @param lambdas         regularisations to try
     * @param folds           cross-validation folds
     * @param cvRows          at most this many (seeded) training rows take part in cross-validation: each of the
     *                        folds × σ × λ fits is a Cholesky solve, cubic in the rows
     * @param holdoutFraction fraction of rows held out for the reported error
     * @param seed            seed of hold-out split, subsets and folds
     * @param fitRows         at most this many (seeded) rows take part in the hold-out fit and in the final fit: a fit
     *                        holds an n × n matrix and its Cholesky solve is cubic in n (15,000 rows: 1.8 GB, minutes)
     */
    public record Settings(List<Double> sigmas, List<Double> lambdas, int folds, int cvRows, double holdoutFraction, long seed,
                           int fitRows) {
        /** The largest {@link #fitRows}: an n × n matrix of doubles has at most 2³¹ − 1 entries. */
        public static final int MAX_FIT_ROWS = 40_000;
        /** The default {@link #fitRows}. */
        public static final int DEFAULT_FIT_ROWS = 15_000;

        /** Settings that fit on up to {@link #DEFAULT_FIT_ROWS} rows. */
        public Settings(List<Double> sigmas, List<Double> lambdas, int folds, int cvRows, double holdoutFraction, long seed) {
            this(sigmas, lambdas, folds, cvRows, holdoutFraction, seed, DEFAULT_FIT_ROWS);
        }

        public Settings {
            sigmas = List.copyOf(sigmas);
            lambdas = List.copyOf(lambdas);
            if (sigmas.isEmpty() || lambdas.isEmpty()) {
                throw new IllegalArgumentException("the σ and λ grids must not be empty");
            }
            if (folds < 2) {
                throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
            }
            if (cvRows < folds) {
                throw new IllegalArgumentException("cross-validation rows must be at least the number of folds");
            }
            if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
                throw new IllegalArgumentException("hold-out fraction must lie in (0, 1), was " + holdoutFraction);
            }
            if (fitRows < 2 * folds || fitRows > MAX_FIT_ROWS) {
                throw new IllegalArgumentException("the rows of a fit must lie between " + 2 * folds + " and " + MAX_FIT_ROWS + ", was " + fitRows);
            }
        }

        /**
         * The study's settings: σ ∈ {8, 16, 32} (eV-free units: the L1 distance of (period, group) codes; smaller σ was
         * clearly worse on these data), λ ∈ {10⁻⁴, 10⁻³, 10⁻²}, 5 folds on up to 2,000 rows, 10 % held out, seed 2016.
         */
        public static Settings defaults() {
            return new Settings(List.of(8.0, 16.0, 32.0), List.of(1e-4, 1e-3, 1e-2), 5, 2000, 0.1, 2016);
        }

        String describe() {
            return String.format(Locale.ROOT, "sigmas=%s lambdas=%s folds=%d cvRows=%d holdout=%s seed=%d fitRows=%d", sigmas, lambdas,
                folds, cvRows, holdoutFraction, seed, fitRows);
        }
    }

    /** Mean absolute cross-validation error of one (σ, λ). */
    public record CvPoint(double sigma, double lambda, double mae) {
    }

    /** A held-out DFT row: its sites, DFT energy and prediction of the model that did not see it. */
    public record ParityPoint(int a, int b, int c, int d, double dft, double predicted) {
    }

    /**
     * What the surrogate did.
     *
     * @param key          cache key (SHA-256 of data and settings)
     * @param settings     the settings it was built with (the cache key covers them)
     * @param trainRows    rows outside the hold-out set (the hold-out fit takes at most {@link Settings#fitRows} of them)
     * @param holdoutMae   mean absolute error on the held-out rows, eV/atom
     * @param holdoutRmse  root-mean-square error on the held-out rows, eV/atom
     * @param classAgreement fraction of held-out rows whose predicted class equals the DFT class
     * @param fitSeconds   seconds for cross-validation and fits (0 when read from the cache)
     * @param labelSeconds seconds for labelling the space (0 when read from the cache)
     * @param cacheNotice  why the cached file was not used although it was there (damaged, fitted again), one line for the
     *                     user; empty otherwise
     */
    public record Result(String key, Settings settings, double sigma, double lambda, List<CvPoint> cv, int trainRows, int holdoutRows,
                         double holdoutMae, double holdoutRmse, double classAgreement, List<ParityPoint> parity,
                         SpaceLabels labels, double fitSeconds, double labelSeconds, boolean fromCache, String cacheNotice) {
        /** This result with {@code notice} as its {@link #cacheNotice}. */
        Result withCacheNotice(String notice) {
            return new Result(key, settings, sigma, lambda, cv, trainRows, holdoutRows, holdoutMae, holdoutRmse, classAgreement, parity,
                labels, fitSeconds, labelSeconds, fromCache, notice);
        }

        /** All rows with energies. */
        public int rows() {
            return trainRows + holdoutRows;
        }

        /** Rows of the fit whose hold-out error is reported. */
        public int holdoutFitRows() {
            return Math.min(trainRows, settings.fitRows());
        }

        /** Rows of the fit that labels the space: all rows, or a seeded {@link Settings#fitRows} of them. */
        public int finalFitRows() {
            return Math.min(rows(), settings.fitRows());
        }

        /** Empty when the fits took every row; otherwise says which rows they took and why. */
        public String subsetNote() {
            return finalFitRows() == rows() ? "" : String.format(Locale.ROOT, "fitted on a seeded %,d of the %,d rows (the fit holds"
                + " a rows × rows matrix and takes time cubic in the rows)", finalFitRows(), rows());
        }
    }

    private Surrogate() {
    }

    /** One lock per cache file: jobs of one process that need the same surrogate fit it once. */
    private static final ConcurrentHashMap<Path, ReentrantLock> FITTING = new ConcurrentHashMap<>();

    /**
     * Builds the surrogate of {@code energies} over {@code sites}, or reads it from {@code cacheDir}
     * (null: no cache). Jobs of one process that ask for the same cached surrogate at once (KNIME runs a workflow's
     * branches in parallel) fit it once: the others wait, still cancellable, and read the cache. A damaged cache file is
     * fitted again and overwritten, told to {@code monitor} as a warning and kept as {@link Result#cacheNotice}.
     */
    public static Result build(int[][] sites, double[] energies, Settings s, Path cacheDir, int threads, JobMonitor monitor)
        throws IOException {
        String key = SurrogateCache.key(sites, energies, s.describe());
        if (cacheDir == null) {
            return compute(key, sites, energies, s, threads, monitor);
        }
        ReentrantLock lock = FITTING.computeIfAbsent(SurrogateCache.file(cacheDir, key).toAbsolutePath().normalize(),
            f -> new ReentrantLock());
        try {
            while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                monitor.checkCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        try {
            String notice = "";
            try {
                Result cached = SurrogateCache.read(cacheDir, key, s);
                if (cached != null) {
                    return cached;
                }
            } catch (SurrogateCache.Damaged e) {
                // told at once (the fit takes minutes) and kept in the result for faces that show warnings only at the end
                notice = e.getMessage();
                monitor.warning(notice);
            }
            SurrogateCache.requireUsable(cacheDir); // a bad cache folder fails now, not after the fit
            Result r = compute(key, sites, energies, s, threads, monitor);
            SurrogateCache.write(cacheDir, r);
            return r.withCacheNotice(notice);
        } finally {
            lock.unlock();
        }
    }

    static Result compute(String key, int[][] sites, double[] energies, Settings s, int threads, JobMonitor monitor) {
        if (sites.length != energies.length || sites.length < 2 * s.folds()) {
            throw new IllegalArgumentException("the surrogate needs at least " + 2 * s.folds() + " rows with energies, got " + sites.length);
        }
        long t0 = System.nanoTime();
        int n = sites.length;
        int[] perm = permutation(n, new SplittableRandom(s.seed()));
        int nHold = Math.max(1, (int) Math.round(n * s.holdoutFraction()));
        int[] hold = Arrays.copyOfRange(perm, 0, nHold);
        int[] train = Arrays.copyOfRange(perm, nHold, n);
        int[] cvSet = Arrays.copyOfRange(train, 0, Math.min(train.length, s.cvRows())); // train is already shuffled
        List<CvPoint> cv = crossValidate(pick(sites, cvSet), pick(energies, cvSet), s, threads, monitor);
        CvPoint best = cv.stream().min((x, y) -> Double.compare(x.mae(), y.mae())).orElseThrow();
        // beyond fitRows, seeded subsets: the train rows are already shuffled, and so is perm for the final fit
        int[] holdoutFit = train.length <= s.fitRows() ? train : Arrays.copyOf(train, s.fitRows());
        monitor.progress(String.format(Locale.ROOT, "surrogate: hold-out fit on %,d rows", holdoutFit.length), 0, 2);
        // a fit is one factorisation of seconds that cannot look for a cancel: awaited, so a cancel stops within a second
        KernelRidge onTrain = monitor.await(() -> KernelRidge.fit(pick(sites, holdoutFit), pick(energies, holdoutFit), best.sigma(),
            best.lambda()));
        double[] pred = onTrain.predict(pick(sites, hold));
        double mae = 0, mse = 0;
        int agree = 0;
        List<ParityPoint> parity = new ArrayList<>();
        for (int i = 0; i < nHold; i++) {
            int[] x = sites[hold[i]];
            double e = energies[hold[i]];
            mae += Math.abs(pred[i] - e);
            mse += (pred[i] - e) * (pred[i] - e);
            agree += StabilityClasses.of(pred[i]) == StabilityClasses.of(e) ? 1 : 0;
            parity.add(new ParityPoint(x[0], x[1], x[2], x[3], e, pred[i]));
        }
        // all rows in their own order when they fit (the fit of every table up to fitRows rows as before), else a subset
        int[] finalFit = n <= s.fitRows() ? null : Arrays.copyOf(perm, s.fitRows());
        monitor.progress(String.format(Locale.ROOT, "surrogate: final fit on %,d rows", finalFit == null ? n : finalFit.length), 1, 2);
        KernelRidge all = monitor.await(() -> finalFit == null ? KernelRidge.fit(sites, energies, best.sigma(), best.lambda())
            : KernelRidge.fit(pick(sites, finalFit), pick(energies, finalFit), best.sigma(), best.lambda()));
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        monitor.progress("surrogate: labelling 1,974,024 site assignments", 2, 2);
        long t1 = System.nanoTime();
        SpaceLabels labels = monitor.await(() -> SpaceLabels.label(all));
        double labelSeconds = (System.nanoTime() - t1) / 1e9;
        return new Result(key, s, best.sigma(), best.lambda(), cv, train.length, nHold, mae / nHold, Math.sqrt(mse / nHold),
            (double) agree / nHold, parity, labels, fitSeconds, labelSeconds, false, "");
    }

    /**
     * The cross-validation fold of each row, and the seeded order the folds are filled in ({@code [1]}): grouped k-fold, the
     * rows of one composition share a fold; with one row per composition the fold is the row's place in the order mod k.
     */
    static int[][] folds(int[][] sites, Settings s) {
        int n = sites.length;
        int[] perm = permutation(n, new SplittableRandom(s.seed() * 31 + 7));
        int[] group = compositionGroups(sites, perm);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[perm[i]] = group[i] % s.folds();
        }
        return new int[][] {fold, perm};
    }

    /** Seeded grouped k-fold cross-validation over the σ × λ grid ({@link #folds}); one Gram matrix per (fold, σ), one solve per λ. */
    static List<CvPoint> crossValidate(int[][] sites, double[] y, Settings s, int threads, JobMonitor monitor) {
        int n = sites.length, k = s.folds();
        int[][] folds = folds(sites, s);
        int[] foldOf = folds[0], perm = folds[1];
        int nSig = s.sigmas().size(), nLam = s.lambdas().size();
        double[][][] absErr = new double[k][nSig][nLam];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int tasks = k * nSig;
        monitor.progress("surrogate: cross-validation", 0, tasks);
        Runnable work = () -> IntStream.range(0, tasks).parallel().forEach(task -> {
            if (monitor.cancelled()) {
                return;
            }
            int fold = task / nSig, si = task % nSig;
            List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (foldOf[perm[i]] == fold ? va : tr).add(perm[i]);
            }
            int[] trIdx = tr.stream().mapToInt(Integer::intValue).toArray();
            int[] vaIdx = va.stream().mapToInt(Integer::intValue).toArray();
            int[][] xt = pick(sites, trIdx);
            double[] yt = pick(y, trIdx);
            double mean = Arrays.stream(yt).average().orElse(0);
            double[][] t = SiteKernel.table(s.sigmas().get(si));
            DMatrixRMaj gram = KernelRidge.gram(t, xt);
            for (int li = 0; li < nLam; li++) {
                if (monitor.cancelled()) {
                    return;
                }
                double[] alpha;
                try {
                    alpha = KernelRidge.solve(gram.copy(), yt, mean, s.lambdas().get(li), false);
                } catch (IllegalArgumentException e) {
                    absErr[fold][si][li] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double err = 0;
                for (int v : vaIdx) {
                    double p = mean;
                    for (int j = 0; j < xt.length; j++) {
                        p += alpha[j] * SiteKernel.value(t, sites[v], xt[j]);
                    }
                    err += Math.abs(p - y[v]);
                }
                absErr[fold][si][li] = err;
            }
            monitor.progress("surrogate: cross-validation", done.incrementAndGet(), tasks);
        });
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            // a task's solve takes a second or more and cannot look for a cancel: awaited, so a cancel stops at once
            monitor.await(() -> pool.submit(work).join());
        } finally {
            pool.shutdown();
        }
        monitor.checkCancelled();
        List<CvPoint> out = new ArrayList<>();
        for (int si = 0; si < nSig; si++) {
            for (int li = 0; li < nLam; li++) {
                double sum = 0;
                for (int f = 0; f < k; f++) {
                    sum += absErr[f][si][li];
                }
                out.add(new CvPoint(s.sigmas().get(si), s.lambdas().get(li), sum / n));
            }
        }
        return out;
    }

    /**
     * The composition group of each position of {@code order}: 0 for the composition of the first row, then numbered as
     * new compositions appear; rows of one composition ({@link ElpasoliteSpace#key}, so an A↔B swap is the same one)
     * share a number. With one row per composition it is the position itself.
     */
    static int[] compositionGroups(int[][] sites, int[] order) {
        Map<Long, Integer> groups = new HashMap<>();
        int[] group = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            int[] x = sites[order[i]];
            group[i] = groups.computeIfAbsent(ElpasoliteSpace.key(x[0], x[1], x[2], x[3]), g -> groups.size());
        }
        return group;
    }

    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[][] pick(int[][] a, int[] idx) {
        int[][] out = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
