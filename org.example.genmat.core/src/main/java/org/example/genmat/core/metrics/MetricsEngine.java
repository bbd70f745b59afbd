package org.example.genmat.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.fingerprint.CrystalNNFingerprint;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.validity.ValidityChecker;

/**
 * Computes the metrics table for one generated set against a training set and an optional
 * reference population (test set or enumerated space, optionally with classes). Every row says
 * on how many samples it was computed and which definition it follows; see the package comment
 * and {@code ../shared/docs/metrics-and-validity.md}.
 */
public final class MetricsEngine {

    /** Dataset cutoffs of CDVAE (structure, composition). */
    public record Cutoffs(String name, double structure, double composition) {

        public static Cutoffs forName(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "perov5", "perov-5", "perov_5":
                    return new Cutoffs("perov5", 0.2, 4);
                case "carbon24", "carbon-24", "carbon_24":
                    return new Cutoffs("carbon24", 0.2, 4);
                case "mp20", "mp-20", "mp_20":
                    return new Cutoffs("mp20", 0.4, 10);
                default:
                    String[] p = t.split(",");
                    try {
                        if (p.length == 2) {
                            return new Cutoffs(t, Double.parseDouble(p[0]), Double.parseDouble(p[1]));
                        }
                    } catch (NumberFormatException e) {
                        // fall through to the message
                    }
                    throw new IllegalArgumentException("cutoffs '" + text
                        + "': use perov5, carbon24, mp20 or STRUCTURE,COMPOSITION such as 0.4,10");
            }
        }
    }

    /**
     * @param targetClass class the generation was conditioned on (Türk metrics), or null
     * @param cutoffs     CDVAE coverage cutoffs, or null to skip COV-R/COV-P
     * @param emdSamples  valid samples drawn at random for the EMDs (CDVAE: 1,000)
     * @param seed        seed of that draw
     * @param siteNames   prototype site names (site-wise JS), or null for overall element distributions
     * @param curveEvery  one discovery-curve point every this many drawn samples
     * @param validityDefinition how the samples' validity was decided (named in the validity rows)
     */
    public record Settings(Integer targetClass, Cutoffs cutoffs, int emdSamples, long seed, List<String> siteNames,
                           long curveEvery, String validityDefinition) {

        /** Settings whose samples were checked with the published validity settings. */
        public Settings(Integer targetClass, Cutoffs cutoffs, int emdSamples, long seed, List<String> siteNames,
                        long curveEvery) {
            this(targetClass, cutoffs, emdSamples, seed, siteNames, curveEvery,
                ValidityChecker.Settings.defaults().describe());
        }

        public static Settings defaults() {
            return new Settings(null, null, 1000, 42L, null, 100, ValidityChecker.Settings.defaults().describe());
        }

        /** The same settings with CDVAE coverage cutoffs. */
        public Settings withCutoffs(Cutoffs c) {
            return new Settings(targetClass, c, emdSamples, seed, siteNames, curveEvery, validityDefinition);
        }

        /** The same settings for generation conditioned on {@code cls}. */
        public Settings withTargetClass(Integer cls) {
            return new Settings(cls, cutoffs, emdSamples, seed, siteNames, curveEvery, validityDefinition);
        }
    }

    /** Probability of an element on a site (or "all") in the generated and the compared set. */
    public record ElementShare(String site, String element, double generated, double reference) {
    }

    /** How the definition of a metric that could not be computed starts (the faces warn with it). */
    public static final String NOT_COMPUTED = "not computed";

    /** All outputs. */
    public record Result(List<MetricRow> metrics, List<String> tags, List<DiscoveryTracker.CurvePoint> curve,
                         List<ElementShare> elementDistribution) {

        /** Value of a metric by name (NaN when absent). */
        public double value(String metric) {
            return metrics.stream().filter(m -> m.metric().equals(metric)).mapToDouble(MetricRow::value)
                .findFirst().orElse(Double.NaN);
        }
    }

    private final Settings settings;
    /** Structure fingerprints by crystal: a reference set scored against several generated sets is fingerprinted once. */
    private final java.util.concurrent.ConcurrentHashMap<Crystal, double[]> structureFingerprints = new java.util.concurrent.ConcurrentHashMap<>();
    private static final double[] NO_FINGERPRINT = new double[0];

    public MetricsEngine(Settings settings) {
        this.settings = settings;
    }

    private double[] cachedStructureFingerprint(Crystal c) {
        if (c == null) {
            return null;
        }
        double[] fp = structureFingerprints.computeIfAbsent(c, k -> {
            double[] v = structureFingerprint(k);
            return v == null ? NO_FINGERPRINT : v;
        });
        return fp == NO_FINGERPRINT ? null : fp;
    }

    /**
     * Computes everything for a generated set held in memory (tags included in the result).
     *
     * @param generated in generation order
     * @param training  training rows (novelty, rediscovery); may be empty
     * @param reference reference population (coverage, EMD, Fréchet, class metrics), or null
     * @param cancelled polled between stages and every few thousand rows
     */
    public Result compute(List<Sample> generated, List<Sample> training, List<Sample> reference,
                          BooleanSupplier cancelled) {
        Accumulator acc = start(training, reference);
        List<String> tags = new ArrayList<>(generated.size());
        int k = 0;
        for (Sample s : generated) {
            if ((++k & 4095) == 0) {
                checkCancel(cancelled);
            }
            tags.add(acc.add(s).label());
        }
        Result r = acc.finish(cancelled);
        return new Result(r.metrics(), tags, r.curve(), r.elementDistribution());
    }

    /**
     * Starts a streaming computation: feed generated samples in generation order with
     * {@link Accumulator#add}, then call {@link Accumulator#finish}. Memory does not grow with the
     * number of samples beyond one key per distinct composition: the fingerprint metrics work on
     * seeded uniform reservoir samples ({@code fingerprintRows}, {@code emdSamples}), exactly the
     * published protocol while the set is no larger than those.
     */
    public Accumulator start(List<Sample> training, List<Sample> reference) {
        return new Accumulator(training == null ? List.of() : training, reference);
    }

    /** Most fingerprints kept for coverage, Fréchet distance and diversity (uniform reservoir beyond). */
    public static final int FINGERPRINT_ROWS = 100_000;
    /** Most rows used for the mean pairwise distance (O(n²)). */
    public static final int DIVERSITY_ROWS = 10_000;

    /** Streaming state of one metrics computation. Not thread-safe. */
    public final class Accumulator {
        private final List<Sample> training;
        private final List<Sample> reference;
        private final DiscoveryTracker tracker;
        private final ReferenceClasses classes;
        private final ClassMetrics classMetrics;
        private final List<String> sites;
        private final double[][] siteCounts;
        private final SplittableRandom rnd = new SplittableRandom(settings.seed());
        private final Reservoir<CoverageRow> covFingerprints = new Reservoir<>(FINGERPRINT_ROWS);
        private final Reservoir<double[]> validFingerprints = new Reservoir<>(FINGERPRINT_ROWS);
        private final Reservoir<double[]> emdValues;
        private long n, compValid, withStructure, structValid, bothValid, withComposition;

        private Accumulator(List<Sample> training, List<Sample> reference) {
            this.training = training;
            this.reference = reference;
            CompositionKeySet trainingKeys = new CompositionKeySet(Math.max(16, training.size()));
            for (Sample t : training) {
                if (t.composition() != null) {
                    trainingKeys.add(t.composition());
                }
            }
            classes = settings.targetClass() != null && reference != null ? ReferenceClasses.of(reference) : null;
            classMetrics = classes == null ? null : new ClassMetrics(settings.targetClass(), classes.sizes);
            tracker = new DiscoveryTracker(trainingKeys, settings.curveEvery(), 1 << 12);
            sites = settings.siteNames() != null && !settings.siteNames().isEmpty() ? settings.siteNames() : List.of("all");
            siteCounts = new double[sites.size()][Element.MAX_Z + 1];
            emdValues = new Reservoir<>(Math.max(1, settings.emdSamples()));
        }

        /** One generated sample, in generation order; returns its tag. */
        public DiscoveryTracker.Tag add(Sample s) {
            n++;
            boolean hasComp = s.composition() != null && !s.composition().isEmpty();
            compValid += hasComp && s.validity() != null && s.validity().compositionValid() ? 1 : 0;
            // a structure table's row without a structure is structure-invalid and belongs in n
            if (s.structureJudged()) {
                withStructure++;
                structValid += s.validity() != null && s.validity().structureValid() ? 1 : 0;
            }
            if (hasComp && reference != null && settings.cutoffs() != null) {
                withComposition++;
                // CDVAE fingerprints every generated crystal, valid or not
                covFingerprints.offer(() -> new CoverageRow(MagpieFingerprint.standardised(s.composition()), s.crystal()), rnd);
            }
            if (!s.valid()) {
                return tracker.offerInvalid();
            }
            bothValid++;
            DiscoveryTracker.Tag tag = tracker.offer(s.composition());
            if (classMetrics != null) {
                classMetrics.add(classes.classOf(s.composition()), tag != DiscoveryTracker.Tag.REPETITION);
            }
            countElements(s, sites, siteCounts);
            if (reference != null) {
                validFingerprints.offer(() -> MagpieFingerprint.standardised(s.composition()), rnd);
                emdValues.offer(() -> new double[] {s.composition().numElements(),
                    s.crystal() == null ? Double.NaN : s.crystal().density()}, rnd);
            }
            return tag;
        }

        /** The metrics of everything added so far; {@code cancelled} polled between stages and within the long ones. */
        public Result finish(BooleanSupplier cancelled) {
            return finish(JobMonitor.cancelledWhen(cancelled));
        }

        /**
         * The metrics of everything added so far; the monitor is asked for a cancel between stages and within the long
         * ones, and told the count of the structure fingerprints (thousands of milliseconds each: 5,000 Carbon-24 rows took
         * 18 s without a word).
         */
        public Result finish(JobMonitor monitor) {
            BooleanSupplier cancelled = monitor::cancelled;
            List<MetricRow> rows = new ArrayList<>();
            String vdef = settings.validityDefinition() == null ? "SMACT/CDVAE rule" : settings.validityDefinition();
            rows.add(new MetricRow("validity_composition", ratio(compValid, n), n,
                "composition-valid / all (" + vdef + ")"));
            rows.add(new MetricRow("validity_structure", ratio(structValid, withStructure), withStructure,
                "structure-valid / rows with a structure or, in a table of structures, without one (" + vdef + ")"));
            rows.add(new MetricRow("validity_both", ratio(bothValid, n), n, "valid in composition and structure / all"));
            long unique = tracker.unique(), valid = tracker.valid();
            rows.add(new MetricRow("uniqueness", ratio(unique, valid), valid, "distinct reduced compositions / valid"));
            rows.add(new MetricRow("novelty", ratio(tracker.novel(), unique), unique,
                "unique valid not in training / unique valid"));
            rows.add(new MetricRow("rediscovery", ratio(tracker.rediscovered(), unique), unique,
                "unique valid in training / unique valid"));
            rows.add(new MetricRow("repetitions", tracker.repetitions(), valid, "valid samples generated before (count)"));
            rows.add(new MetricRow("repetition_rate", ratio(tracker.repetitions(), valid), valid, "repetitions / valid"));
            rows.add(new MetricRow("novel_count", tracker.novel(), valid, "distinct novel compositions (count)"));
            if (classMetrics != null) {
                int c = settings.targetClass();
                String def = " (Türk et al. 2022, target class " + c + ")";
                rows.add(new MetricRow("precision_right_class", classMetrics.precisionRight(), classMetrics.total(),
                    "valid generated in class c / valid generated" + def));
                rows.add(new MetricRow("precision_neighbouring_classes", classMetrics.precisionNeighbouring(),
                    classMetrics.total(), "valid generated in c-1 or c+1 / valid generated" + def));
                rows.add(classMetrics.referenceSize(c) == 0
                    ? new MetricRow("coverage_right_class", Double.NaN, 0, NOT_COMPUTED + ": no reference row is of the target class "
                        + c + ", so no generated row can be in it (is --target-class right?)")
                    : new MetricRow("coverage_right_class", classMetrics.coverageRight(), classMetrics.referenceSize(c),
                        "unique generated in c / reference compositions in c" + def));
                rows.add(new MetricRow("coverage_neighbouring_classes", classMetrics.coverageNeighbouring(),
                    classMetrics.referenceSize(c - 1) + classMetrics.referenceSize(c + 1),
                    "unique generated in c-1, c+1 / reference compositions in c-1, c+1" + def));
            }
            checkCancel(cancelled);
            List<ElementShare> elementShares = List.of();
            List<Sample> compareTo = reference != null ? reference : training;
            // a reference that is the training set itself (a face without reference input) is named as such
            String compareName = reference != null && reference != training ? "reference" : "training";
            if (!compareTo.isEmpty() && valid > 0) {
                if (reference != null && settings.targetClass() != null) {
                    List<Sample> inClass = new ArrayList<>();
                    for (Sample s : reference) {
                        if (settings.targetClass().equals(s.classLabel())) {
                            inClass.add(s);
                        }
                    }
                    if (!inClass.isEmpty()) {
                        compareTo = inClass;
                        compareName = "reference class " + settings.targetClass();
                    }
                }
                double[][] q = new double[sites.size()][Element.MAX_Z + 1];
                for (Sample s : compareTo) {
                    if (s.composition() != null) {
                        countElements(s, sites, q);
                    }
                }
                if (Arrays.stream(q[0]).sum() == 0) {
                    // e.g. a training table of formulas or CIFs: a composition does not say which element is on which site
                    rows.add(new MetricRow("js_distance", Double.NaN, valid, NOT_COMPUTED + ": no row of the " + compareName
                        + " table names an element on site " + sites.get(0) + " (it needs the site columns " + String.join(", ", sites)
                        + ", not only a formula or CIF)"));
                } else {
                    double mean = 0;
                    for (int i = 0; i < sites.size(); i++) {
                        double d = JensenShannon.distance(siteCounts[i], q[i]);
                        mean += d / sites.size();
                        rows.add(new MetricRow("js_distance_site_" + sites.get(i), d, valid,
                            "sqrt of Jensen–Shannon divergence (log2) of element distribution on site " + sites.get(i)
                                + ", generated vs " + compareName));
                    }
                    rows.add(new MetricRow("js_distance", mean, valid,
                        "mean over sites of sqrt(JSD) (Türk et al. 2022), generated vs " + compareName
                            + (sites.size() == 1 ? "; overall element occurrence (no site columns)" : "")));
                    elementShares = shares(sites, siteCounts, q);
                }
            }
            checkCancel(cancelled);
            if (reference != null && validFingerprints.size() > 0) {
                fingerprintMetrics(rows, monitor);
            }
            return new Result(rows, List.of(), tracker.curve(), elementShares);
        }

        private void fingerprintMetrics(List<MetricRow> rows, JobMonitor monitor) {
            BooleanSupplier cancelled = monitor::cancelled;
            int dim = MagpieFingerprint.LENGTH;
            List<Sample> ref = withComposition(reference);
            double[] refFp = fingerprints(ref);
            long nRef = ref.size();
            if (settings.cutoffs() != null && nRef > 0 && covFingerprints.size() > 0) {
                Coverage.NearestDistances nd = Coverage.nearest(flatten(covFingerprints.items().stream()
                    .map(CoverageRow::composition).toList()), refFp, dim, cancelled);
                Cutoffs cut = settings.cutoffs();
                boolean sampled = covFingerprints.seen() > covFingerprints.size();
                String note = sampled ? "; estimated on a uniform sample of " + covFingerprints.size() + " of "
                    + covFingerprints.seen() + " generated rows (seed " + settings.seed() + ")" : "";
                rows.add(new MetricRow("cov_recall_composition_only",
                    Coverage.NearestDistances.fractionWithin(nd.toGenerated(), cut.composition(), nRef), nRef,
                    "COV-R composition-only: reference rows whose nearest generated "
                        + "Magpie fingerprint is within " + cut.composition() + " (" + cut.name() + " cutoffs)" + note));
                double within = Coverage.NearestDistances.fractionWithin(nd.toReference(), cut.composition(),
                    covFingerprints.size());
                rows.add(new MetricRow("cov_precision_composition_only", within * withComposition / n, n,
                    "COV-P composition-only: generated rows within " + cut.composition()
                        + " of a reference fingerprint / all generated (" + cut.name() + " cutoffs)" + note));
                structureCoverage(rows, ref, refFp, note, monitor);
            }
            checkCancel(cancelled);
            List<double[]> emd = emdValues.items();
            double[] genElements = emd.stream().mapToDouble(v -> v[0]).toArray();
            double[] refElements = ref.stream().mapToDouble(s -> s.composition().numElements()).toArray();
            rows.add(new MetricRow("emd_num_elements", Wasserstein.distance(genElements, refElements), genElements.length,
                "1-D EMD of number of distinct elements, " + genElements.length + " valid drawn at random (seed "
                    + settings.seed() + ") vs " + refElements.length + " reference (CDVAE)"));
            double[] genDensity = emd.stream().mapToDouble(v -> v[1]).filter(d -> !Double.isNaN(d)).toArray();
            double[] refDensity = reference.stream().filter(s -> s.crystal() != null)
                .mapToDouble(s -> s.crystal().density()).toArray();
            if (genDensity.length > 0 && refDensity.length > 0) {
                rows.add(new MetricRow("emd_density", Wasserstein.distance(genDensity, refDensity), genDensity.length,
                    "1-D EMD of density g/cm³, valid drawn at random (seed " + settings.seed() + ") vs "
                        + refDensity.length + " reference (CDVAE)"));
            }
            checkCancel(cancelled);
            List<double[]> validFp = validFingerprints.items();
            List<double[]> div = validFp.size() <= DIVERSITY_ROWS ? validFp : validFp.subList(0, DIVERSITY_ROWS);
            rows.add(new MetricRow("mean_pairwise_fingerprint_distance",
                Coverage.meanPairwiseDistance(flatten(div), dim, cancelled), div.size(),
                "mean Euclidean distance between standardised Magpie fingerprints of valid generated pairs"
                    + (validFingerprints.seen() > div.size() ? " (uniform sample of " + div.size() + " of "
                        + validFingerprints.seen() + ")" : "")));
            checkCancel(cancelled);
            if (validFp.size() >= 2 && nRef >= 2) {
                rows.add(new MetricRow("frechet_fingerprint_distance", Frechet.distance(flatten(validFp), refFp, dim),
                    validFp.size(), "Fréchet distance of Gaussian fits, standardised Magpie fingerprints, "
                        + "valid generated vs reference (" + nRef + ")"
                        + (validFingerprints.seen() > validFp.size() ? "; uniform sample of " + validFp.size() + " of "
                            + validFingerprints.seen() : "")));
            }
        }

        /**
         * CDVAE's COV-R and COV-P (Xie et al. 2022, compute_cov): rows whose structure fingerprint
         * cannot be built are left out of the distances but stay in COV-P's denominator; a reference
         * row is covered when its nearest generated structure fingerprint is within the structure
         * cutoff and its nearest generated composition fingerprint within the composition cutoff.
         */
        private void structureCoverage(List<MetricRow> rows, List<Sample> ref, double[] refComp, String note,
                                       JobMonitor monitor) {
            BooleanSupplier cancelled = monitor::cancelled;
            Cutoffs cut = settings.cutoffs();
            List<CoverageRow> gen = covFingerprints.items();
            if (ref.stream().noneMatch(s -> s.crystal() != null) || gen.stream().noneMatch(r -> r.crystal() != null)) {
                return;
            }
            int dim = MagpieFingerprint.LENGTH, sdim = CrystalNNFingerprint.LENGTH;
            double[][] refStruct = inChunks(ref.stream().map(Sample::crystal).toList(), MetricsEngine.this::cachedStructureFingerprint,
                "structure fingerprints of the reference", monitor);
            double[][] genStruct = inChunks(gen.stream().map(CoverageRow::crystal).toList(), MetricsEngine::structureFingerprint,
                "structure fingerprints of the generated rows", monitor);
            List<double[]> rs = new ArrayList<>(), rc = new ArrayList<>(), gs = new ArrayList<>(), gc = new ArrayList<>();
            for (int j = 0; j < refStruct.length; j++) {
                if (refStruct[j] != null) {
                    rs.add(refStruct[j]);
                    rc.add(java.util.Arrays.copyOfRange(refComp, j * dim, (j + 1) * dim));
                }
            }
            for (int i = 0; i < genStruct.length; i++) {
                if (genStruct[i] != null) {
                    gs.add(genStruct[i]);
                    gc.add(gen.get(i).composition());
                }
            }
            if (rs.isEmpty() || gs.isEmpty()) {
                return;
            }
            Coverage.NearestDistances ns = Coverage.nearest(flatten(gs, sdim), flatten(rs, sdim), sdim, cancelled);
            Coverage.NearestDistances nc = Coverage.nearest(flatten(gc, dim), flatten(rc, dim), dim, cancelled);
            long nRef = rs.size();
            // COV-P's denominator: every generated row, as CDVAE counts failed fingerprints as not covered
            double scale = (double) gs.size() / covFingerprints.size() * withComposition / n;
            String fp = "structure: CrystalNN 'ops' site fingerprints averaged over sites (" + sdim + " values), "
                + "composition: standardised Magpie";
            String left = refStruct.length > nRef ? "; " + (refStruct.length - nRef) + " reference rows without a structure fingerprint left out" : "";
            rows.add(new MetricRow("cov_recall", bothWithin(ns.toGenerated(), nc.toGenerated(), cut, nRef), nRef,
                "COV-R (CDVAE): reference rows whose nearest generated structure fingerprint is within " + cut.structure()
                    + " and nearest composition fingerprint within " + cut.composition() + " (" + cut.name() + " cutoffs; "
                    + fp + ")" + left + note));
            rows.add(new MetricRow("cov_precision", bothWithin(ns.toReference(), nc.toReference(), cut, gs.size()) * scale, n,
                "COV-P (CDVAE): generated rows within both cutoffs of the reference / all generated ("
                    + (covFingerprints.size() - gs.size()) + " kept rows without a structure fingerprint count as not covered)" + note));
            rows.add(new MetricRow("cov_recall_structure_only",
                Coverage.NearestDistances.fractionWithin(ns.toGenerated(), cut.structure(), nRef), nRef,
                "reference rows whose nearest generated structure fingerprint is within " + cut.structure() + note));
            rows.add(new MetricRow("cov_precision_structure_only",
                Coverage.NearestDistances.fractionWithin(ns.toReference(), cut.structure(), gs.size()) * scale, n,
                "generated rows within " + cut.structure() + " of a reference structure fingerprint / all generated" + note));
        }
    }

    /** A generated row kept for coverage: its standardised Magpie fingerprint and crystal (null when none). */
    private record CoverageRow(double[] composition, Crystal crystal) {
    }

    /**
     * Structure fingerprint of a crystal (CDVAE: CrystalNN "ops" preset averaged over sites), or
     * null where it cannot be built (no crystal, disordered, coinciding sites), as CDVAE drops a
     * crystal whose fingerprint fails.
     */
    private static double[] structureFingerprint(Crystal c) {
        if (c == null || c.numSites() == 0 || !c.isOrdered()) {
            return null;
        }
        try {
            return CrystalNNFingerprint.of(c);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The fingerprints of {@code crystals} on all cores, a chunk at a time: thousands of milliseconds each, so between
     * chunks (a fraction of a second) the monitor is asked for a cancel and told the count as a stage.
     */
    private static double[][] inChunks(List<Crystal> crystals, java.util.function.Function<Crystal, double[]> fingerprint,
                                       String stage, JobMonitor monitor) {
        double[][] out = new double[crystals.size()][];
        int chunk = 16 * Runtime.getRuntime().availableProcessors();
        for (int from = 0; from < out.length; from += chunk) {
            checkCancel(monitor::cancelled);
            int to = Math.min(out.length, from + chunk);
            java.util.stream.IntStream.range(from, to).parallel().forEach(i -> out[i] = fingerprint.apply(crystals.get(i)));
            monitor.progress(stage, to, out.length);
        }
        checkCancel(monitor::cancelled);
        return out;
    }

    /** Fraction of rows with both nearest distances within their cutoffs, over {@code denominator}. */
    private static double bothWithin(double[] structure, double[] composition, Cutoffs cut, long denominator) {
        long k = 0;
        for (int i = 0; i < structure.length; i++) {
            if (structure[i] <= cut.structure() && composition[i] <= cut.composition()) {
                k++;
            }
        }
        return denominator == 0 ? Double.NaN : (double) k / denominator;
    }

    /** Seeded uniform reservoir sample (Algorithm R); items are only built when kept. */
    private static final class Reservoir<T> {
        private final int capacity;
        private final List<T> items = new ArrayList<>();
        private long seen;

        Reservoir(int capacity) {
            this.capacity = capacity;
        }

        void offer(java.util.function.Supplier<T> item, SplittableRandom rnd) {
            seen++;
            if (items.size() < capacity) {
                items.add(item.get());
            } else {
                long j = rnd.nextLong(seen);
                if (j < capacity) {
                    items.set((int) j, item.get());
                }
            }
        }

        int size() {
            return items.size();
        }

        long seen() {
            return seen;
        }

        List<T> items() {
            return items;
        }
    }

    private static double[] flatten(List<double[]> rows) {
        return flatten(rows, MagpieFingerprint.LENGTH);
    }

    private static double[] flatten(List<double[]> rows, int dim) {
        double[] out = new double[rows.size() * dim];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * dim, dim);
        }
        return out;
    }

    private static void checkCancel(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("metrics cancelled");
        }
    }

    static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static List<Sample> withComposition(List<Sample> rows) {
        List<Sample> r = new ArrayList<>();
        for (Sample s : rows) {
            if (s.composition() != null && !s.composition().isEmpty()) {
                r.add(s);
            }
        }
        return r;
    }

    private static double[] fingerprints(List<Sample> rows) {
        int dim = MagpieFingerprint.LENGTH;
        double[] out = new double[rows.size() * dim];
        java.util.stream.IntStream.range(0, rows.size()).parallel().forEach(i ->
            System.arraycopy(MagpieFingerprint.standardised(rows.get(i).composition()), 0, out, i * dim, dim));
        return out;
    }

    /** Adds a sample's elements: per site when site elements are given, else each distinct element once. */
    private static void countElements(Sample s, List<String> sites, double[][] c) {
        boolean bySite = !(sites.size() == 1 && sites.get(0).equals("all"));
        if (bySite) {
            if (s.siteElements() == null) {
                return;
            }
            for (int i = 0; i < sites.size() && i < s.siteElements().size(); i++) {
                java.util.Optional<Element> e = Element.find(s.siteElements().get(i).trim());
                if (e.isPresent()) {
                    c[i][e.get().z()]++;
                }
            }
        } else {
            for (Element e : s.composition().elements()) {
                c[0][e.z()]++;
            }
        }
    }

    private static List<ElementShare> shares(List<String> sites, double[][] p, double[][] q) {
        List<ElementShare> out = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            double sp = 0, sq = 0;
            for (int z = 1; z <= Element.MAX_Z; z++) {
                sp += p[i][z];
                sq += q[i][z];
            }
            for (int z = 1; z <= Element.MAX_Z; z++) {
                if (p[i][z] > 0 || q[i][z] > 0) {
                    out.add(new ElementShare(sites.get(i), Element.ofZ(z).symbol(), sp == 0 ? 0 : p[i][z] / sp,
                        sq == 0 ? 0 : q[i][z] / sq));
                }
            }
        }
        return out;
    }

    /** Reference composition → class, and distinct compositions per class. */
    private static final class ReferenceClasses {
        final LongIntHashMap packed;
        final Map<String, Integer> big = new HashMap<>();
        long[] sizes;

        private ReferenceClasses(int expected) {
            packed = new LongIntHashMap(expected);
        }

        static ReferenceClasses of(List<Sample> reference) {
            ReferenceClasses rc = new ReferenceClasses(reference.size());
            TreeMap<Integer, Long> sizes = new TreeMap<>();
            for (Sample s : reference) {
                if (s.composition() == null || s.classLabel() == null || s.classLabel() < 0) {
                    continue;
                }
                int cls = s.classLabel();
                long key = CompositionKey.pack(s.composition());
                int old = key != CompositionKey.NO_PACKED_KEY ? rc.packed.put(key, cls, -1)
                    : rc.big.getOrDefault(CompositionKey.stringKey(s.composition()), -1);
                if (key == CompositionKey.NO_PACKED_KEY) {
                    rc.big.put(CompositionKey.stringKey(s.composition()), cls);
                }
                if (old == -1) {
                    sizes.merge(cls, 1L, Long::sum);
                } else if (old != cls) {
                    sizes.merge(old, -1L, Long::sum);
                    sizes.merge(cls, 1L, Long::sum);
                }
            }
            int max = sizes.isEmpty() ? 0 : sizes.lastKey();
            rc.sizes = new long[max + 1];
            sizes.forEach((k, v) -> rc.sizes[k] = v);
            return rc;
        }

        int classOf(Composition c) {
            long key = CompositionKey.pack(c);
            return key != CompositionKey.NO_PACKED_KEY ? packed.get(key, -1)
                : big.getOrDefault(CompositionKey.stringKey(c), -1);
        }
    }

    /** Ordered metric map, handy for printing. */
    public static Map<String, Double> asMap(List<MetricRow> rows) {
        Map<String, Double> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.metric(), r.value()));
        return m;
    }
}
