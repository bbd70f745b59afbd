package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

/** Builds featurizers by representation name and rebuilds them from their JSON. */
public final class Featurizers {

    static final String PROTOTYPE_SITES = "prototype-sites";
    static final String COMPOSITION_VECTOR = "composition-vector";
    static final String PERIODIC_STRUCTURE = "periodic-structure";

    /** Representation names accepted by {@link #create}. */
    public static final List<String> REPRESENTATIONS = List.of("elpasolite", "perovskite", "composition", "structure");

    private Featurizers() {
    }

    /**
     * Options of {@link #create}, checked here for both faces ({@code genmat train}, the Train nodes' Featurization
     * group).
     *
     * @param maxSites    structure: site slots; 0 = the largest training crystal of at most {@link PeriodicStructure#MAX_SITES} sites
     *                    (larger crystals are skipped)
     * @param maxAtoms    composition: largest decoded formula unit
     * @param oneHotSites prototype representations: one-hot per site instead of the (period, group) code
     * @param swapAugment elpasolite: also train on each crystal with its A and B sites swapped
     */
    public record Options(int maxSites, int maxAtoms, boolean oneHotSites, boolean swapAugment) {

        // the ranges of the featurizers' own checks, shown by the Train nodes' dialogs, named by genmat train
        public static final NumberRange MAX_SITES = NumberRange.between("maxSites", "the site slots", 0,
            PeriodicStructure.MAX_SITES);
        public static final NumberRange MAX_ATOMS = NumberRange.between("maxAtoms", "the largest formula unit", 1,
            CompositionVector.MAX_ATOMS);

        /** @throws SettingException naming the first option outside its range */
        public Options {
            MAX_SITES.check(maxSites);
            MAX_ATOMS.check(maxAtoms);
        }

        public static Options defaults() {
            return new Options(0, CompositionVector.DEFAULT_MAX_ATOMS, false, true);
        }
    }

    /**
     * A featurizer for a representation name ({@code elpasolite}, {@code perovskite},
     * {@code composition}, {@code structure}), fitted to the training records where it has a
     * vocabulary or scaling.
     */
    public static Featurizer create(String representation, Options options, Iterable<CrystalRecord> training) {
        String r = representation.toLowerCase(Locale.ROOT).trim();
        return switch (r) {
            case "elpasolite", "perovskite" -> PrototypeSites.create(r,
                options.oneHotSites() ? PrototypeSites.SiteEncoding.ONE_HOT : PrototypeSites.SiteEncoding.CODE,
                r.equals("elpasolite") && options.swapAugment(), training);
            case "composition" -> CompositionVector.fit(training, options.maxAtoms());
            case "structure" -> PeriodicStructure.fit(training, options.maxSites());
            default -> throw new IllegalArgumentException("unknown representation '" + representation + "' (known: " + String.join(", ", REPRESENTATIONS) + ")");
        };
    }

    /**
     * The prototype of a representation name ({@code elpasolite}, {@code perovskite}), null for the others: what a
     * model's candidates look like is known from its representation before the model is read.
     */
    public static org.example.genmat.core.crystal.Prototype prototypeOf(String representation) {
        String r = representation.toLowerCase(Locale.ROOT).trim();
        return r.equals("elpasolite") || r.equals("perovskite") ? org.example.genmat.core.crystal.Prototype.forName(r) : null;
    }

    /** Whether the candidates of a representation carry a crystal structure ({@link Featurizer#hasStructure()}). */
    public static boolean hasStructure(String representation) {
        return representation.toLowerCase(Locale.ROOT).trim().equals("structure");
    }

    /** The featurizer a {@link Featurizer#toJson()} describes; clear message for anything it does not know. */
    public static Featurizer fromJson(JsonObject o) {
        String type = string(o, "type");
        return switch (type) {
            case PROTOTYPE_SITES -> PrototypeSites.fromJson(o);
            case COMPOSITION_VECTOR -> CompositionVector.fromJson(o);
            case PERIODIC_STRUCTURE -> PeriodicStructure.fromJson(o);
            default -> throw new IllegalArgumentException("unknown featurizer type '" + type + "'");
        };
    }

    static JsonArray symbols(List<Element> els) {
        JsonArray a = new JsonArray();
        for (Element e : els) {
            a.add(e.symbol());
        }
        return a;
    }

    static List<Element> elements(JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonArray()) {
            throw new IllegalArgumentException("featurizer field '" + key + "' is missing or not a list");
        }
        List<Element> els = new ArrayList<>();
        for (JsonElement e : v.getAsJsonArray()) {
            String s = e.isJsonPrimitive() ? e.getAsString() : String.valueOf(e);
            els.add(Element.find(s).orElseThrow(() -> new IllegalArgumentException("featurizer vocabulary has unknown element '" + s + "'")));
        }
        return els;
    }

    static String string(JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonPrimitive()) {
            throw new IllegalArgumentException("featurizer field '" + key + "' is missing");
        }
        return v.getAsString();
    }

    static double number(JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("featurizer field '" + key + "' is missing or not a number");
        }
        return v.getAsDouble();
    }

    static int integer(JsonObject o, String key) {
        double d = number(o, key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("featurizer field '" + key + "' must be a whole number, was " + d);
        }
        return (int) d;
    }
}
