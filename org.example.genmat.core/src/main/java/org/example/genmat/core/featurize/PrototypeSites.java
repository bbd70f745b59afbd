package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Prototype;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.io.CrystalRecord;

/**
 * A fixed prototype with named sites, each holding one element: elpasolite ABC2D6 (sites A, B, C,
 * D; the main-group code of Türk et al. 2022) or perovskite ABX3 with three X sites (Perov-5 style;
 * periodic-table code). Each site is encoded either as its scaled (period, group) code
 * ({@link ElementCode}) or as a one-hot over the vocabulary.
 *
 * <p>Site assignment. Elpasolite: the element with amount 6 is D, amount 2 is C, the two with amount
 * 1 are A and B (A the lighter; A and B are symmetric, so the A↔B swap is offered as augmentation).
 * Perovskite: the three most electronegative atoms of the formula unit are the X sites (ordered by
 * atomic number); of the two cations, B is the one closest to an X atom when the crystal is known
 * (B sits in the X octahedron), otherwise the more electronegative one.
 *
 * <p>Decoding takes the nearest grid point of each site code; a grid point without element, or an
 * element repeated where the prototype needs distinct ones (Türk et al.'s validity rule), is noted
 * in the candidate's {@code decodeNote}.
 */
public final class PrototypeSites implements Featurizer {

    /** How each site is written into the vector. */
    public enum SiteEncoding { CODE, ONE_HOT }

    public static final String ELPASOLITE = Prototype.ELPASOLITE.name();
    public static final String PEROVSKITE = Prototype.PEROVSKITE.name();

    private final String prototype;
    private final Prototype definition;
    private final List<Prototype.SiteSpec> sites;
    private final SiteEncoding encoding;
    private final ElementCode code;
    private final List<Element> vocabulary;
    private final boolean swapAugment;
    private final FeatureLayout layout;
    private final Map<Element, Integer> vocabIndex = new HashMap<>();
    /** Sites whose elements must all differ; perovskite X sites count as one group. */
    private final int[] distinctGroup;

    private PrototypeSites(String prototype, SiteEncoding encoding, List<Element> vocabulary, boolean swapAugment) {
        this.definition = Prototype.forName(prototype);
        this.prototype = definition.name();
        this.encoding = encoding;
        this.swapAugment = swapAugment;
        this.sites = definition.sites();
        this.distinctGroup = definition.distinctGroups();
        // Türk et al.'s (period, main group) code for elpasolite; the whole periodic table for perovskite
        this.code = definition == Prototype.ELPASOLITE ? ElementCode.MAIN_GROUP : ElementCode.PERIODIC_TABLE;
        this.vocabulary = List.copyOf(vocabulary == null ? code.elements() : vocabulary);
        if (this.vocabulary.isEmpty()) {
            throw new IllegalArgumentException("the one-hot vocabulary of " + prototype + " is empty");
        }
        for (int i = 0; i < this.vocabulary.size(); i++) {
            vocabIndex.put(this.vocabulary.get(i), i);
        }
        FeatureLayout.Builder b = new FeatureLayout.Builder();
        for (Prototype.SiteSpec s : sites) {
            if (encoding == SiteEncoding.CODE) {
                b.add(s.name() + ".code", FeatureLayout.Kind.CONTINUOUS_TANH, 2);
            } else {
                b.add(s.name() + ".element", FeatureLayout.Kind.CATEGORICAL, this.vocabulary.size());
            }
        }
        layout = b.build();
    }

    /** Elpasolite ABC2D6 with the Türk et al. main-group code. */
    public static PrototypeSites elpasolite(boolean swapAugment) {
        return new PrototypeSites(ELPASOLITE, SiteEncoding.CODE, null, swapAugment);
    }

    /** Perovskite ABX3 (three X sites) with the periodic-table code. */
    public static PrototypeSites perovskite() {
        return new PrototypeSites(PEROVSKITE, SiteEncoding.CODE, null, false);
    }

    /**
     * A prototype featurizer; with {@link SiteEncoding#ONE_HOT} the vocabulary is the elements seen
     * on any site of the training records (records that do not fit the prototype are ignored here;
     * they fail later in {@link #encode}).
     */
    public static PrototypeSites create(String prototype, SiteEncoding encoding, boolean swapAugment, Iterable<CrystalRecord> training) {
        if (encoding == SiteEncoding.CODE) {
            return new PrototypeSites(prototype, encoding, null, swapAugment);
        }
        PrototypeSites probe = new PrototypeSites(prototype, SiteEncoding.CODE, null, false);
        TreeSet<Element> seen = new TreeSet<>();
        for (CrystalRecord r : training) {
            try {
                seen.addAll(Arrays.asList(probe.assign(r)));
            } catch (IllegalArgumentException ignored) {
                // reported when the record is encoded
            }
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("no training record fits the " + prototype + " prototype");
        }
        return new PrototypeSites(prototype, encoding, new ArrayList<>(seen), swapAugment);
    }

    public String prototype() {
        return prototype;
    }

    /** The prototype's sites, multiplicities and distinctness rule. */
    public Prototype definition() {
        return definition;
    }

    public List<Prototype.SiteSpec> sites() {
        return sites;
    }

    public SiteEncoding siteEncoding() {
        return encoding;
    }

    public ElementCode code() {
        return code;
    }

    public List<Element> vocabulary() {
        return vocabulary;
    }

    public boolean swapAugment() {
        return swapAugment;
    }

    @Override
    public String name() {
        return prototype;
    }

    @Override
    public FeatureLayout layout() {
        return layout;
    }

    /** The element on each site of a record, in site order. */
    public Element[] assign(CrystalRecord record) {
        Composition comp = record.composition();
        if (comp == null || comp.isEmpty()) {
            throw new IllegalArgumentException("no composition" + (record.error() == null ? "" : ": " + record.error()));
        }
        if (!comp.isInteger()) {
            throw new IllegalArgumentException("formula " + comp.formula() + " has fractional amounts; the " + prototype
                + " prototype needs whole atoms on each site");
        }
        Composition red = comp.reduced();
        return prototype.equals(ELPASOLITE) ? assignElpasolite(red) : assignPerovskite(red, record.crystal());
    }

    private static Element[] assignElpasolite(Composition red) {
        Element a = null, b = null, c = null, d = null;
        String why = "ABC2D6 needs four different elements in the ratio 1:1:2:6, got " + red.formula();
        if (red.numElements() != 4) {
            throw new IllegalArgumentException(why);
        }
        for (Map.Entry<Element, Double> e : red.amounts().entrySet()) {
            long n = Math.round(e.getValue());
            if (n == 6 && d == null) {
                d = e.getKey();
            } else if (n == 2 && c == null) {
                c = e.getKey();
            } else if (n == 1 && a == null) {
                a = e.getKey();
            } else if (n == 1 && b == null) {
                b = e.getKey();
            } else {
                throw new IllegalArgumentException(why);
            }
        }
        if (a == null || b == null || c == null || d == null) {
            throw new IllegalArgumentException(why);
        }
        return new Element[] {a, b, c, d}; // amounts are in atomic-number order, so A is the lighter
    }

    private static Element[] assignPerovskite(Composition red, Crystal crystal) {
        if (Math.round(red.totalAtoms()) != 5) {
            throw new IllegalArgumentException("ABX3 needs 5 atoms per formula unit, got " + red.formula());
        }
        for (Element e : red.elements()) {
            if (e.electronegativity().isEmpty()) {
                throw new IllegalArgumentException("element " + e.symbol() + " has no electronegativity to place it on a site");
            }
        }
        Comparator<Element> byEnDesc = Comparator.<Element>comparingDouble(e -> -e.electronegativity().orElseThrow())
            .thenComparing(Comparator.reverseOrder());
        if (crystal != null && crystal.numSites() == 5 && crystal.isOrdered()
            && crystal.composition().reduced().equals(red)) {
            List<Integer> idx = new ArrayList<>(List.of(0, 1, 2, 3, 4));
            List<Site> s = crystal.sites();
            idx.sort((i, j) -> byEnDesc.compare(s.get(i).majorElement(), s.get(j).majorElement()));
            List<Integer> xs = idx.subList(0, 3);
            int c1 = idx.get(3), c2 = idx.get(4);
            double d1 = Double.POSITIVE_INFINITY, d2 = Double.POSITIVE_INFINITY;
            for (int x : xs) {
                d1 = Math.min(d1, crystal.distance(c1, x));
                d2 = Math.min(d2, crystal.distance(c2, x));
            }
            Element b = d1 <= d2 ? s.get(c1).majorElement() : s.get(c2).majorElement();
            Element a = d1 <= d2 ? s.get(c2).majorElement() : s.get(c1).majorElement();
            Element[] x = {s.get(xs.get(0)).majorElement(), s.get(xs.get(1)).majorElement(), s.get(xs.get(2)).majorElement()};
            Arrays.sort(x);
            return new Element[] {a, b, x[0], x[1], x[2]};
        }
        List<Element> atoms = new ArrayList<>();
        red.amounts().forEach((e, n) -> {
            for (long i = 0; i < Math.round(n); i++) {
                atoms.add(e);
            }
        });
        atoms.sort(byEnDesc);
        Element[] x = {atoms.get(0), atoms.get(1), atoms.get(2)};
        Arrays.sort(x);
        Element c1 = atoms.get(3), c2 = atoms.get(4); // c1 is the more electronegative cation → B
        return new Element[] {c2, c1, x[0], x[1], x[2]};
    }

    @Override
    public float[] encode(CrystalRecord record) {
        return encodeSites(assign(record));
    }

    @Override
    public List<float[]> encodeAugmented(CrystalRecord record) {
        Element[] els = assign(record);
        if (!swapAugment || els[0] == els[1]) {
            return List.of(encodeSites(els));
        }
        Element[] swapped = els.clone();
        swapped[0] = els[1];
        swapped[1] = els[0];
        return List.of(encodeSites(els), encodeSites(swapped));
    }

    /** The vector of explicit site elements (site order). */
    public float[] encodeSites(Element[] els) {
        if (els.length != sites.size()) {
            throw new IllegalArgumentException(prototype + " has " + sites.size() + " sites, got " + els.length + " elements");
        }
        float[] v = new float[layout.dimension()];
        for (int s = 0; s < els.length; s++) {
            FeatureLayout.Segment seg = layout.segments().get(s);
            if (encoding == SiteEncoding.CODE) {
                code.encode(els[s], v, seg.offset());
            } else {
                Integer i = vocabIndex.get(els[s]);
                if (i == null) {
                    throw new IllegalArgumentException("element " + els[s].symbol() + " on site " + sites.get(s).name()
                        + " is not in the vocabulary of the training data");
                }
                v[seg.offset() + i] = 1f;
            }
        }
        return v;
    }

    /** Atomic number on site {@code s} of an output vector, 0 when the code names no element. */
    public int decodeZ(float[] vector, int s) {
        return decodeZ(vector, 0, s);
    }

    /** As {@link #decodeZ(float[], int)} for the vector starting at {@code base} of a row-major batch. */
    public int decodeZ(float[] vector, int base, int s) {
        int off = base + layout.segments().get(s).offset();
        if (encoding == SiteEncoding.CODE) {
            return code.decodeZ(vector[off], vector[off + 1]);
        }
        int best = 0;
        for (int i = 1; i < vocabulary.size(); i++) {
            if (vector[off + i] > vector[off + best]) {
                best = i;
            }
        }
        return vocabulary.get(best).z();
    }

    /**
     * A compact key of the decoded composition for deduplication: 7 bits of atomic number per site
     * (0 = no element), with A and B of elpasolites in canonical order since they are symmetric.
     */
    public long decodeKey(float[] vector) {
        return decodeKey(vector, 0);
    }

    /** As {@link #decodeKey(float[])} for the vector starting at {@code base} of a row-major batch. */
    public long decodeKey(float[] vector, int base) {
        long key = 0;
        int n = sites.size();
        int z0 = decodeZ(vector, base, 0), z1 = decodeZ(vector, base, 1);
        if (prototype.equals(ELPASOLITE) && z1 < z0) {
            int t = z0;
            z0 = z1;
            z1 = t;
        }
        key = z0 | ((long) z1 << 7);
        for (int s = 2; s < n; s++) {
            key |= (long) decodeZ(vector, base, s) << (7 * s);
        }
        return key;
    }

    /** True when a {@link #decodeKey} names an element on every site and repeats none where they must differ. */
    public boolean keyIsValid(long key) {
        int n = sites.size();
        int[] z = new int[n];
        for (int s = 0; s < n; s++) {
            z[s] = (int) ((key >>> (7 * s)) & 0x7F);
            if (z[s] == 0) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (z[i] == z[j] && distinctGroup[i] != distinctGroup[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Candidate decode(float[] vector) {
        if (vector.length != layout.dimension()) {
            throw new IllegalArgumentException("vector has " + vector.length + " values, " + prototype + " needs " + layout.dimension());
        }
        Map<String, String> siteMap = new LinkedHashMap<>();
        Map<Element, Double> amounts = new HashMap<>();
        Element[] els = new Element[sites.size()];
        StringBuilder note = new StringBuilder();
        for (int s = 0; s < sites.size(); s++) {
            int z = decodeZ(vector, s);
            Prototype.SiteSpec spec = sites.get(s);
            if (z == 0) {
                int off = layout.segments().get(s).offset();
                siteMap.put(spec.name(), "?");
                append(note, "site " + spec.name() + ": " + code.describe(vector[off], vector[off + 1]) + " names no element");
                continue;
            }
            els[s] = Element.ofZ(z);
            siteMap.put(spec.name(), els[s].symbol());
            amounts.merge(els[s], (double) spec.multiplicity(), Double::sum);
        }
        if (note.length() > 0) {
            return new Candidate(null, null, null, null, null, note.toString(), siteMap);
        }
        for (int i = 0; i < els.length; i++) {
            for (int j = i + 1; j < els.length; j++) {
                if (els[i] == els[j] && distinctGroup[i] != distinctGroup[j]) {
                    append(note, "element " + els[i].symbol() + " repeated on sites " + sites.get(i).name() + " and " + sites.get(j).name());
                }
            }
        }
        Composition comp = Composition.of(amounts);
        return new Candidate(comp.reducedFormula(), comp, null, null, null, note.length() == 0 ? null : note.toString(), siteMap);
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(s);
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", Featurizers.PROTOTYPE_SITES);
        o.addProperty("prototype", prototype);
        o.addProperty("siteEncoding", encoding.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.addProperty("codeScheme", code.jsonName());
        o.addProperty("swapAugment", swapAugment);
        JsonArray s = new JsonArray();
        for (Prototype.SiteSpec spec : sites) {
            JsonObject so = new JsonObject();
            so.addProperty("name", spec.name());
            so.addProperty("multiplicity", spec.multiplicity());
            s.add(so);
        }
        o.add("sites", s);
        o.add("vocabulary", Featurizers.symbols(vocabulary));
        return o;
    }

    static PrototypeSites fromJson(JsonObject o) {
        String proto = Featurizers.string(o, "prototype");
        String enc = Featurizers.string(o, "siteEncoding");
        SiteEncoding encoding = switch (enc) {
            case "code" -> SiteEncoding.CODE;
            case "one-hot" -> SiteEncoding.ONE_HOT;
            default -> throw new IllegalArgumentException("unknown site encoding '" + enc + "' (known: code, one-hot)");
        };
        List<Element> vocab = Featurizers.elements(o, "vocabulary");
        PrototypeSites p = new PrototypeSites(proto, encoding, encoding == SiteEncoding.CODE ? null : vocab,
            o.has("swapAugment") && o.get("swapAugment").getAsBoolean());
        if (encoding == SiteEncoding.CODE && !p.vocabulary.equals(vocab)) {
            throw new IllegalArgumentException("the " + proto + " code vocabulary in the file differs from this version's");
        }
        if (o.has("codeScheme") && !p.code.jsonName().equals(o.get("codeScheme").getAsString())) {
            throw new IllegalArgumentException("the " + proto + " code scheme '" + o.get("codeScheme").getAsString() + "' is not supported");
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrototypeSites p && p.prototype.equals(prototype) && p.encoding == encoding
            && p.vocabulary.equals(vocabulary) && p.swapAugment == swapAugment;
    }

    @Override
    public int hashCode() {
        return prototype.hashCode() * 31 + vocabulary.hashCode();
    }
}
