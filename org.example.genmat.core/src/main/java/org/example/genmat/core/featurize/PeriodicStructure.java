package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.io.CrystalRecord;

/**
 * A periodic crystal as a fixed-length vector: lattice lengths (scaled from the training range,
 * with a 10 % margin, to (−1, 1)), lattice angles ({@code α/90° − 1}), then {@code maxSites} slots
 * of (species one-hot over "empty" + the training elements, fractional coordinates). Sites keep
 * their order in the crystal; unused slots are "empty". Decoding builds a P1 crystal from the
 * non-empty slots.
 * <p>
 * Coordinates: {@link Coordinates#TORUS} (models since the CDVAE benchmark) writes each fractional
 * coordinate f as the pair (sin 2πf, cos 2πf), a point on the circle, so that f = 0.999 and f = 0.001
 * are neighbours for the network as they are in the crystal; {@link Coordinates#LINEAR} (older
 * model files, which have no {@code coordinates} entry) wraps f to [0, 1) and scales it by 2f − 1,
 * which puts the two ends of the cell at −1 and +1: an atom on a cell face (f ≈ 0, common in
 * Perov-5) is seen at either end and a network that averages the two decodes it mid-cell.
 * <p>
 * Decoding ends with the {@link ContactRelaxation} fitted from the training crystals (models since
 * the Carbon-24 work; older model files have no {@code contacts} entry and decode without it):
 * atoms decoded closer than their contact distance are pushed apart, everywhere this featurizer
 * decodes (benchmarks, {@code genmat sample}, the Sample Latent node).
 */
public final class PeriodicStructure implements Featurizer {

    /** Most site slots accepted. */
    public static final int MAX_SITES = 500;

    /** How fractional coordinates are written. */
    public enum Coordinates {
        /** 2f − 1 per coordinate (3 values per site): the layout of older model files. */
        LINEAR,
        /** (sin 2πf, cos 2πf) per coordinate (6 values per site). */
        TORUS
    }

    private final List<Element> vocabulary;
    private final Map<Element, Integer> index = new HashMap<>();
    private final int maxSites;
    private final double lengthMin;
    private final double lengthMax;
    private final Coordinates coordinates;
    private final int coordinateValues;
    private final FeatureLayout layout;
    private final ContactRelaxation relaxation;
    private final LearnedDenoiser denoiser;

    /** A structure featurizer with {@link Coordinates#TORUS} coordinates and no relaxation. */
    public PeriodicStructure(List<Element> vocabulary, int maxSites, double lengthMin, double lengthMax) {
        this(vocabulary, maxSites, lengthMin, lengthMax, Coordinates.TORUS);
    }

    /** A structure featurizer without relaxation. */
    public PeriodicStructure(List<Element> vocabulary, int maxSites, double lengthMin, double lengthMax, Coordinates coordinates) {
        this(vocabulary, maxSites, lengthMin, lengthMax, coordinates, null);
    }

    /**
     * @param relaxation the decoder's clean-up of overlapping atoms, or null for none (older model files)
     */
    public PeriodicStructure(List<Element> vocabulary, int maxSites, double lengthMin, double lengthMax, Coordinates coordinates,
                             ContactRelaxation relaxation) {
        this(vocabulary, maxSites, lengthMin, lengthMax, coordinates, relaxation, null);
    }

    /**
     * @param relaxation the decoder's clean-up of overlapping atoms, or null for none (older model files)
     * @param denoiser   the learned score that draws the positions of single-element crystals, or null
     *                   for none (decoded coordinates kept; multi-element data and older model files)
     */
    public PeriodicStructure(List<Element> vocabulary, int maxSites, double lengthMin, double lengthMax, Coordinates coordinates,
                             ContactRelaxation relaxation, LearnedDenoiser denoiser) {
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException("the structure vocabulary is empty");
        }
        if (maxSites < 1 || maxSites > MAX_SITES) {
            throw new IllegalArgumentException("max sites must be 1.." + MAX_SITES + ", was " + maxSites);
        }
        if (!(lengthMin > 0 && lengthMax > lengthMin && Double.isFinite(lengthMax))) {
            throw new IllegalArgumentException("lattice length range must satisfy 0 < min < max, was " + lengthMin + ".." + lengthMax);
        }
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < this.vocabulary.size(); i++) {
            if (index.put(this.vocabulary.get(i), i + 1) != null) {
                throw new IllegalArgumentException("element " + this.vocabulary.get(i) + " repeated in the vocabulary");
            }
        }
        this.maxSites = maxSites;
        this.lengthMin = lengthMin;
        this.lengthMax = lengthMax;
        this.coordinates = java.util.Objects.requireNonNull(coordinates, "coordinates");
        this.relaxation = relaxation;
        this.denoiser = denoiser;
        this.coordinateValues = coordinates == Coordinates.TORUS ? 6 : 3;
        FeatureLayout.Builder b = new FeatureLayout.Builder()
            .add("lattice.lengths", FeatureLayout.Kind.CONTINUOUS_TANH, 3)
            .add("lattice.angles", FeatureLayout.Kind.CONTINUOUS_TANH, 3);
        for (int i = 0; i < maxSites; i++) {
            b.add("site" + (i + 1) + ".species", FeatureLayout.Kind.CATEGORICAL, this.vocabulary.size() + 1);
            b.add("site" + (i + 1) + ".frac", FeatureLayout.Kind.CONTINUOUS_TANH, coordinateValues);
        }
        layout = b.build();
    }

    /**
     * Vocabulary, length range and (when {@code maxSites} ≤ 0) the number of slots from the good
     * training crystals.
     */
    public static PeriodicStructure fit(Iterable<CrystalRecord> training, int maxSites) {
        // by default as many slots as the largest usable crystal, but never more than MAX_SITES: a larger crystal is
        // one row that encode skips with its reason, not the end of the run
        int slots = maxSites > 0 ? maxSites : MAX_SITES;
        TreeSet<Element> seen = new TreeSet<>();
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        int most = 0;
        boolean anyCrystal = false;
        List<Crystal> used = new ArrayList<>();
        for (CrystalRecord r : training) {
            Crystal c = r.crystal();
            anyCrystal |= c != null;
            // the crystals encode refuses are left out here, so that the vocabulary holds every element of a row it keeps
            if (c == null || r.error() != null || unusable(c, slots) != null) {
                continue;
            }
            used.add(c);
            for (Site s : c.sites()) {
                seen.add(s.majorElement());
            }
            for (double l : new double[] {c.lattice().a(), c.lattice().b(), c.lattice().c()}) {
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            }
            most = Math.max(most, c.numSites());
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("no ordered training crystal with at most " + slots + " sites"
                + (anyCrystal ? "" : "; the structure representation needs crystals (CIFs), not formulas"));
        }
        double margin = Math.max(0.1 * (hi - lo), 0.5);
        List<Element> vocabulary = new ArrayList<>(seen);
        return new PeriodicStructure(vocabulary, maxSites > 0 ? maxSites : most, Math.max(0.1, lo - margin), hi + margin,
            Coordinates.TORUS, ContactRelaxation.fit(used, vocabulary), LearnedDenoiser.fit(used, vocabulary));
    }

    /**
     * Why a crystal cannot be written in {@code slots} site slots, or null when it can: the one definition of a usable
     * crystal, for {@link #fit} (which leaves such crystals out) and {@link #encode} (which refuses them). Disorder is
     * named before size: a disordered crystal is refused whatever the site slots, so a size reason would send the user
     * to a site-slots setting that cannot help.
     */
    private static String unusable(Crystal c, int slots) {
        if (c.numSites() == 0) {
            return "crystal has no sites";
        }
        for (int i = 0; i < c.numSites(); i++) {
            Site s = c.sites().get(i);
            if (!s.isOrdered()) {
                return "site " + (i + 1) + " (" + s.label() + ") is partially occupied; the structure representation needs"
                    + " ordered crystals";
            }
        }
        // the setting named by what it is, as its range names it in both faces' messages ("--max-sites: the site slots
        // must be ...", "\"Max sites\": the site slots must be ..."): an option name would mean nothing in KNIME
        String crystal = "crystal " + c.composition().formula() + " has " + c.numSites() + " sites";
        if (c.numSites() > MAX_SITES) {
            return crystal + "; the structure representation takes at most " + MAX_SITES + " whatever "
                + Featurizers.Options.MAX_SITES.what();
        }
        if (c.numSites() > slots) {
            return crystal + ", more than " + Featurizers.Options.MAX_SITES.what() + " (" + slots + ")";
        }
        return null;
    }

    public List<Element> vocabulary() {
        return vocabulary;
    }

    public int maxSites() {
        return maxSites;
    }

    public Coordinates coordinates() {
        return coordinates;
    }

    /** The decoder's relaxation, or null (older model files). */
    public ContactRelaxation relaxation() {
        return relaxation;
    }

    /** The learned denoiser, or null (multi-element data, older model files). */
    public LearnedDenoiser denoiser() {
        return denoiser;
    }

    /** The same featurizer with another denoiser (null: none); for measurements. */
    public PeriodicStructure withDenoiser(LearnedDenoiser other) {
        return new PeriodicStructure(vocabulary, maxSites, lengthMin, lengthMax, coordinates, relaxation, other);
    }

    @Override
    public String name() {
        return "structure";
    }

    @Override
    public FeatureLayout layout() {
        return layout;
    }

    @Override
    public boolean hasStructure() {
        return true;
    }

    private int siteOffset(int i) {
        return 6 + i * (vocabulary.size() + 1 + coordinateValues);
    }

    @Override
    public float[] encode(CrystalRecord record) {
        Crystal c = record.crystal();
        if (c == null) {
            throw new IllegalArgumentException("the structure representation needs a crystal (CIF); this row has only "
                + (record.composition() == null ? "an error" + (record.error() == null ? "" : ": " + record.error())
                : "the formula " + record.composition().formula()));
        }
        String problem = unusable(c, maxSites);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        float[] v = new float[layout.dimension()];
        Lattice l = c.lattice();
        double span = lengthMax - lengthMin;
        v[0] = (float) (2 * (l.a() - lengthMin) / span - 1);
        v[1] = (float) (2 * (l.b() - lengthMin) / span - 1);
        v[2] = (float) (2 * (l.c() - lengthMin) / span - 1);
        v[3] = (float) (l.alpha() / 90 - 1);
        v[4] = (float) (l.beta() / 90 - 1);
        v[5] = (float) (l.gamma() / 90 - 1);
        for (int i = 0; i < maxSites; i++) {
            int off = siteOffset(i);
            if (i >= c.numSites()) {
                v[off] = 1f; // "empty"; coordinates stay 0
                continue;
            }
            Site s = c.sites().get(i);
            Integer k = index.get(s.majorElement());
            if (k == null) {
                // never a training row (fit takes its vocabulary from every crystal this method keeps): a crystal
                // encoded with a trained model (genmat sample --mode encode)
                throw new IllegalArgumentException("element " + s.majorElement().symbol()
                    + " is not in the model's vocabulary (the elements of its training crystals)");
            }
            v[off + k] = 1f;
            int fo = off + vocabulary.size() + 1;
            for (int a = 0; a < 3; a++) {
                double f = s.frac(a) - Math.floor(s.frac(a));
                if (coordinates == Coordinates.TORUS) {
                    v[fo + 2 * a] = (float) Math.sin(2 * Math.PI * f);
                    v[fo + 2 * a + 1] = (float) Math.cos(2 * Math.PI * f);
                } else {
                    v[fo + a] = (float) (2 * f - 1);
                }
            }
        }
        return v;
    }

    @Override
    public Candidate decode(float[] v) {
        if (v.length != layout.dimension()) {
            throw new IllegalArgumentException("vector has " + v.length + " values, the structure representation needs " + layout.dimension());
        }
        double span = lengthMax - lengthMin;
        double[] p = new double[6];
        for (int i = 0; i < 3; i++) {
            p[i] = lengthMin + (clamp(v[i]) + 1) / 2 * span;
            p[i + 3] = (clamp(v[i + 3]) + 1) * 90;
        }
        List<Site> sites = new ArrayList<>();
        Map<Element, Double> amounts = new HashMap<>();
        int nv = vocabulary.size();
        for (int i = 0; i < maxSites; i++) {
            int off = siteOffset(i);
            int best = 0;
            for (int k = 1; k <= nv; k++) {
                if (v[off + k] > v[off + best]) {
                    best = k;
                }
            }
            if (best == 0) {
                continue;
            }
            Element e = vocabulary.get(best - 1);
            double[] f = new double[3];
            int fo = off + nv + 1;
            for (int a = 0; a < 3; a++) {
                double x;
                if (coordinates == Coordinates.TORUS) {
                    float sn = v[fo + 2 * a], cs = v[fo + 2 * a + 1];
                    x = Float.isNaN(sn) || Float.isNaN(cs) ? 0 : Math.atan2(sn, cs) / (2 * Math.PI);
                    x -= Math.floor(x);
                } else {
                    x = (clamp(v[fo + a]) + 1) / 2;
                }
                f[a] = x >= 1 ? 0 : x;
            }
            Site s = Site.of(e, f[0], f[1], f[2]);
            sites.add(new Site(s.species(), f, e.symbol() + sites.size()));
            amounts.merge(e, 1.0, Double::sum);
        }
        if (sites.isEmpty()) {
            return new Candidate(null, null, null, null, null, "every site slot decoded as empty");
        }
        Composition comp = Composition.of(amounts);
        Crystal crystal;
        try {
            crystal = new Crystal(Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]), sites, "P 1", 1, "generated");
            if (denoiser != null) {
                crystal = denoiser.denoise(crystal);
            }
            if (relaxation != null) {
                crystal = relaxation.relax(crystal);
            }
        } catch (IllegalArgumentException ex) {
            return new Candidate(comp.reducedFormula(), comp, null, null, null, "invalid lattice: " + ex.getMessage());
        }
        return new Candidate(comp.reducedFormula(), comp, crystal, null, null, null);
    }

    private static double clamp(float x) {
        return Float.isNaN(x) ? 0 : Math.max(-1, Math.min(1, x));
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", Featurizers.PERIODIC_STRUCTURE);
        o.add("vocabulary", Featurizers.symbols(vocabulary));
        o.addProperty("maxSites", maxSites);
        o.addProperty("lengthMin", lengthMin);
        o.addProperty("lengthMax", lengthMax);
        if (coordinates != Coordinates.LINEAR) {
            o.addProperty("coordinates", coordinates.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (relaxation != null) {
            o.add("contacts", relaxation.toJson());
        }
        if (denoiser != null) {
            o.add("denoiser", denoiser.toJson());
        }
        return o;
    }

    static PeriodicStructure fromJson(JsonObject o) {
        // model files written before torus coordinates have no "coordinates" entry: linear
        Coordinates coords = Coordinates.LINEAR;
        if (o.has("coordinates")) {
            String c = o.get("coordinates").getAsString();
            try {
                coords = Coordinates.valueOf(c.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown structure coordinates '" + c + "' (known: linear, torus)");
            }
        }
        // model files written before the decoder's relaxation have no "contacts" entry: none
        ContactRelaxation relaxation = o.has("contacts") ? ContactRelaxation.fromJson(o.get("contacts")) : null;
        // model files written before the learned denoiser have no "denoiser" entry: decoded coordinates kept
        LearnedDenoiser denoiser = o.has("denoiser") ? LearnedDenoiser.fromJson(o.get("denoiser")) : null;
        return new PeriodicStructure(Featurizers.elements(o, "vocabulary"), Featurizers.integer(o, "maxSites"),
            Featurizers.number(o, "lengthMin"), Featurizers.number(o, "lengthMax"), coords, relaxation, denoiser);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeriodicStructure s && s.vocabulary.equals(vocabulary) && s.maxSites == maxSites
            && s.lengthMin == lengthMin && s.lengthMax == lengthMax && s.coordinates == coordinates
            && java.util.Objects.equals(s.relaxation, relaxation) && java.util.Objects.equals(s.denoiser, denoiser);
    }

    @Override
    public int hashCode() {
        return vocabulary.hashCode() * 31 + maxSites;
    }
}
