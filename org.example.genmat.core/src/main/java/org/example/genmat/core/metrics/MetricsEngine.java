package org.example.genmat.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;

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
     */
    public record Settings(Integer targetClass, Cutoffs cutoffs, int emdSamples, long seed, List<String> siteNames,
                           long curveEvery) {

        public static Settings defaults() {
            return new Settings(null, null, 1000, 42L, null, 100);
        }
    }

    /** Probability of an element on a site (or "all") in the generated and the compared set. */
    public record ElementShare(String site, String element, double generated, double reference) {
    }

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

    public MetricsEngine(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param generated in generation order
     * @param training  training rows (novelty, rediscovery); may be empty
     * @param reference reference population (coverage, EMD, Fréchet, class metrics), or null
     * @param cancelled polled between stages and every few thousand rows
     */
    public Result compute(List<Sample> generated, List<Sample> training, List<Sample> reference,
                          BooleanSupplier cancelled) {
        List<MetricRow> rows = new ArrayList<>();
        long n = generated.size();
        long compValid = 0, withStructure = 0, structValid = 0, bothValid = 0;
        for (Sample s : generated) {
            boolean c = s.composition() != null && s.validity() != null && s.validity().compositionValid();
            compValid += c ? 1 : 0;
            if (s.crystal() != null) {
                withStructure++;
                structValid += s.validity() != null && s.validity().structureValid() ? 1 : 0;
            }
            bothValid += s.valid() ? 1 : 0;
        }
        rows.add(new MetricRow("validity_composition", ratio(compValid, n), n,
            "composition-valid / all (SMACT/CDVAE rule)"));
        rows.add(new MetricRow("validity_structure", ratio(structValid, withStructure), withStructure,
            "structure-valid / rows with a structure (CDVAE: volume >= 0.1 Å³, distances >= cutoff)"));
        rows.add(new MetricRow("validity_both", ratio(bothValid, n), n, "valid in composition and structure / all"));

        // identity stream: tags, uniqueness, novelty, discovery curve, Türk class metrics
        CompositionKeySet trainingKeys = new CompositionKeySet(Math.max(16, training.size()));
        for (Sample t : training) {
            if (t.composition() != null) {
                trainingKeys.add(t.composition());
            }
        }
        ReferenceClasses classes = settings.targetClass() != null && reference != null
            ? ReferenceClasses.of(reference) : null;
        ClassMetrics classMetrics = classes == null ? null : new ClassMetrics(settings.targetClass(), classes.sizes);
        DiscoveryTracker tracker = new DiscoveryTracker(trainingKeys, settings.curveEvery(), (int) Math.min(n, 1 << 24));
        List<String> tags = new ArrayList<>(generated.size());
        int k = 0;
        for (Sample s : generated) {
            if ((++k & 4095) == 0 && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("metrics cancelled");
            }
            if (!s.valid()) {
                tags.add(tracker.offerInvalid().label());
                continue;
            }
            DiscoveryTracker.Tag tag = tracker.offer(s.composition());
            tags.add(tag.label());
            if (classMetrics != null) {
                classMetrics.add(classes.classOf(s.composition()), tag != DiscoveryTracker.Tag.REPETITION);
            }
        }
        long unique = tracker.unique(), valid = tracker.valid();
        rows.add(new MetricRow("uniqueness", ratio(unique, valid), valid, "distinct reduced compositions / valid"));
        rows.add(new MetricRow("novelty", ratio(tracker.novel(), unique), unique,
            "unique valid not in training / unique valid"));
        rows.add(new MetricRow("rediscovery", ratio(tracker.rediscovered(), unique), unique,
            "unique valid in training / unique valid"));
        rows.add(new MetricRow("repetitions", tracker.repetitions(), valid, "valid samples generated before (count)"));
        rows.add(new MetricRow("repetition_rate", ratio(tracker.repetitions(), valid), valid,
            "repetitions / valid"));
        rows.add(new MetricRow("novel_count", tracker.novel(), valid, "distinct novel compositions (count)"));
        if (classMetrics != null) {
            int c = settings.targetClass();
            String def = " (Türk et al. 2022, target class " + c + ")";
            rows.add(new MetricRow("precision_right_class", classMetrics.precisionRight(), classMetrics.total(),
                "valid generated in class c / valid generated" + def));
            rows.add(new MetricRow("precision_neighbouring_classes", classMetrics.precisionNeighbouring(),
                classMetrics.total(), "valid generated in c-1 or c+1 / valid generated" + def));
            rows.add(new MetricRow("coverage_right_class", classMetrics.coverageRight(), classMetrics.referenceSize(c),
                "unique generated in c / reference compositions in c" + def));
            rows.add(new MetricRow("coverage_neighbouring_classes", classMetrics.coverageNeighbouring(),
                classMetrics.referenceSize(c - 1) + classMetrics.referenceSize(c + 1),
                "unique generated in c-1, c+1 / reference compositions in c-1, c+1" + def));
        }
        checkCancel(cancelled);

        // element distributions and Jensen–Shannon distance
        List<ElementShare> elementShares;
        List<Sample> compareTo = reference != null ? reference : training;
        String compareName = reference != null ? "reference" : "training";
        if (compareTo != null && !compareTo.isEmpty() && valid > 0) {
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
            List<String> sites = settings.siteNames() != null && !settings.siteNames().isEmpty()
                ? settings.siteNames() : List.of("all");
            double[][] p = elementCounts(generated, sites, true);
            double[][] q = elementCounts(compareTo, sites, false);
            double[] perSite = new double[sites.size()];
            for (int i = 0; i < sites.size(); i++) {
                perSite[i] = JensenShannon.distance(p[i], q[i]);
                rows.add(new MetricRow("js_distance_site_" + sites.get(i), perSite[i], valid,
                    "sqrt of Jensen–Shannon divergence (log2) of element distribution on site " + sites.get(i)
                        + ", generated vs " + compareName));
            }
            double mean = 0;
            for (double d : perSite) {
                mean += d;
            }
            rows.add(new MetricRow("js_distance", mean / perSite.length, valid,
                "mean over sites of sqrt(JSD) (Türk et al. 2022), generated vs " + compareName
                    + (sites.size() == 1 ? "; overall element occurrence (no site columns)" : "")));
            elementShares = shares(sites, p, q);
        } else {
            elementShares = List.of();
        }
        checkCancel(cancelled);

        // CDVAE fingerprint metrics
        List<Sample> validGen = new ArrayList<>();
        for (Sample s : generated) {
            if (s.valid()) {
                validGen.add(s);
            }
        }
        if (reference != null && !validGen.isEmpty()) {
            double[] genFp = fingerprints(validGen);
            double[] refFp = fingerprints(withComposition(reference));
            int dim = MagpieFingerprint.LENGTH;
            if (settings.cutoffs() != null && refFp.length > 0) {
                // CDVAE fingerprints every generated crystal, valid or not; unreadable rows count as misses
                Coverage.NearestDistances nd = Coverage.nearest(fingerprints(withComposition(generated)), refFp, dim);
                Cutoffs cut = settings.cutoffs();
                long nRef = refFp.length / dim;
                rows.add(new MetricRow("cov_recall_composition_only",
                    Coverage.NearestDistances.fractionWithin(nd.toGenerated(), cut.composition(), nRef), nRef,
                    "COV-R composition-only (no structure fingerprint): reference rows whose nearest generated "
                        + "Magpie fingerprint is within " + cut.composition() + " (" + cut.name() + " cutoffs)"));
                rows.add(new MetricRow("cov_precision_composition_only",
                    Coverage.NearestDistances.fractionWithin(nd.toReference(), cut.composition(), n), n,
                    "COV-P composition-only: generated rows within " + cut.composition()
                        + " of a reference fingerprint / all generated (" + cut.name() + " cutoffs)"));
            }
            checkCancel(cancelled);
            SplittableRandom rnd = new SplittableRandom(settings.seed());
            List<Sample> drawn = draw(validGen, settings.emdSamples(), rnd);
            double[] genElements = drawn.stream().mapToDouble(s -> s.composition().numElements()).toArray();
            double[] refElements = withComposition(reference).stream().mapToDouble(s -> s.composition().numElements())
                .toArray();
            rows.add(new MetricRow("emd_num_elements", Wasserstein.distance(genElements, refElements), drawn.size(),
                "1-D EMD of number of distinct elements, " + drawn.size() + " valid drawn at random (seed "
                    + settings.seed() + ") vs " + refElements.length + " reference (CDVAE)"));
            double[] genDensity = drawn.stream().filter(s -> s.crystal() != null).mapToDouble(s -> s.crystal().density())
                .toArray();
            double[] refDensity = reference.stream().filter(s -> s.crystal() != null)
                .mapToDouble(s -> s.crystal().density()).toArray();
            if (genDensity.length > 0 && refDensity.length > 0) {
                rows.add(new MetricRow("emd_density", Wasserstein.distance(genDensity, refDensity), genDensity.length,
                    "1-D EMD of density g/cm³, valid drawn at random (seed " + settings.seed() + ") vs "
                        + refDensity.length + " reference (CDVAE)"));
            }
            checkCancel(cancelled);
            List<Sample> divSet = validGen.size() <= 10_000 ? validGen : draw(validGen, 10_000, rnd);
            rows.add(new MetricRow("mean_pairwise_fingerprint_distance",
                Coverage.meanPairwiseDistance(fingerprints(divSet), dim), divSet.size(),
                "mean Euclidean distance between standardised Magpie fingerprints of valid generated pairs"));
            checkCancel(cancelled);
            if (genFp.length / dim >= 2 && refFp.length / dim >= 2) {
                rows.add(new MetricRow("frechet_fingerprint_distance", Frechet.distance(genFp, refFp, dim),
                    genFp.length / dim, "Fréchet distance of Gaussian fits, standardised Magpie fingerprints, "
                        + "valid generated vs reference (" + refFp.length / dim + ")"));
            }
        }
        return new Result(rows, tags, tracker.curve(), elementShares);
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

    /** {@code k} distinct rows drawn uniformly without replacement (all when fewer), in draw order. */
    static List<Sample> draw(List<Sample> rows, int k, SplittableRandom rnd) {
        int n = rows.size();
        if (k >= n) {
            return rows;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        List<Sample> r = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            r.add(rows.get(idx[i]));
        }
        return r;
    }

    /** [site][Z] counts: site elements when given, else each distinct element of a sample once. */
    private static double[][] elementCounts(List<Sample> rows, List<String> sites, boolean validOnly) {
        double[][] c = new double[sites.size()][Element.MAX_Z + 1];
        boolean bySite = !(sites.size() == 1 && sites.get(0).equals("all"));
        for (Sample s : rows) {
            if (validOnly ? !s.valid() : s.composition() == null) {
                continue;
            }
            if (bySite && s.siteElements() != null) {
                for (int i = 0; i < sites.size() && i < s.siteElements().size(); i++) {
                    java.util.Optional<Element> e = Element.find(s.siteElements().get(i).trim());
                    if (e.isPresent()) {
                        c[i][e.get().z()]++;
                    }
                }
            } else if (!bySite) {
                for (Element e : s.composition().elements()) {
                    c[0][e.z()]++;
                }
            }
        }
        return c;
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
