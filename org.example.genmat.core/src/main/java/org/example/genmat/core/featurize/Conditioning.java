package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.example.genmat.core.job.SettingException;

/**
 * What a model is conditioned on: nothing, a class column (one-hot over the class labels seen in
 * training, sorted) or a numeric property column (standardised with the training mean and standard
 * deviation). The condition vector is fed to encoder, decoder, generator and critic.
 */
public final class Conditioning {

    /** Kind of condition. */
    public enum Kind { NONE, CLASS, PROPERTY }

    private static final Conditioning NONE = new Conditioning(Kind.NONE, null, List.of(), 0, 1, List.of(), false);

    private final Kind kind;
    private final String column;
    private final List<String> classes;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final double mean;
    private final double std;
    /** Training frequency of each class (same order as classes); empty for other kinds. */
    private final List<Integer> classCounts;
    /**
     * A property column whose training rows all had one value: {@link #std} is then a stand-in 1 (a zero would divide by
     * zero), and the condition carries no information.
     */
    private final boolean singleValue;

    private Conditioning(Kind kind, String column, List<String> classes, double mean, double std, List<Integer> classCounts,
                         boolean singleValue) {
        this.kind = kind;
        this.column = column;
        this.classes = List.copyOf(classes);
        for (int i = 0; i < this.classes.size(); i++) {
            classIndex.put(this.classes.get(i), i);
        }
        this.mean = mean;
        this.std = std;
        this.classCounts = List.copyOf(classCounts);
        this.singleValue = singleValue;
    }

    public static Conditioning none() {
        return NONE;
    }

    /**
     * Largest property value (in magnitude) a model is trained on: conditions are 32-bit numbers, and within this range
     * the training values' mean and standard deviation cannot overflow.
     */
    public static final double MAX_PROPERTY = Float.MAX_VALUE;

    /** The range of a property value as messages name it. */
    public static final String PROPERTY_RANGE = "±" + (float) MAX_PROPERTY + " (conditions are 32-bit numbers)";

    /**
     * The one rule for a property value, a training cell or a condition to sample at: a finite number within
     * ±{@link #MAX_PROPERTY} (beyond it the 32-bit condition is infinite and the samples garbage). Null when the text is
     * no such number.
     */
    public static Double propertyValue(String text) {
        Double d = text == null ? null : parse(text);
        return d != null && Double.isFinite(d) && Math.abs(d) <= MAX_PROPERTY ? d : null;
    }

    /** Whether a condition cell holds no value: blank, or NaN (how pandas and numpy write a missing value). */
    public static boolean missing(String cell) {
        return cell == null || cell.isBlank() || cell.trim().equalsIgnoreCase("nan");
    }

    /**
     * Why a property cell cannot condition training, null when it can: not a number, not finite, or beyond
     * {@link #MAX_PROPERTY}.
     */
    public static String propertyProblem(String column, String cell) {
        if (propertyValue(cell) != null) {
            return null;
        }
        Double d = cell == null ? null : parse(cell);
        return "'" + cell + "' in column '" + column + "' " + (d == null || !Double.isFinite(d) ? "is not a number"
            : "is beyond the property range " + PROPERTY_RANGE);
    }

    /** Class conditioning on the labels seen in training (one-hot in sorted label order). */
    public static Conditioning classes(String column, Collection<String> trainingLabels) {
        TreeSet<String> sorted = new TreeSet<>(Conditioning::compareLabels);
        for (String s : trainingLabels) {
            if (missing(s)) {
                throw new IllegalArgumentException("empty class label '" + (s == null ? "" : s.trim()) + "' in column '" + column + "'");
            }
            sorted.add(s.trim());
        }
        if (sorted.size() < 2) {
            throw new IllegalArgumentException("class column '" + column + "' needs at least 2 different labels, found " + sorted);
        }
        List<String> labels = new ArrayList<>(sorted);
        Integer[] counts = new Integer[labels.size()];
        java.util.Arrays.fill(counts, 0);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            idx.put(labels.get(i), i);
        }
        for (String s : trainingLabels) {
            counts[idx.get(s.trim())]++;
        }
        return new Conditioning(Kind.CLASS, column, labels, 0, 1, List.of(counts), false);
    }

    /** Numeric labels in numeric order ("2" before "10"), others alphabetically after them. */
    private static int compareLabels(String a, String b) {
        Double x = parse(a), y = parse(b);
        if (x != null && y != null) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Property conditioning, standardised with the training values. */
    public static Conditioning property(String column, double[] trainingValues) {
        if (trainingValues.length == 0) {
            throw new IllegalArgumentException("property column '" + column + "' has no values");
        }
        double m = 0;
        for (double v : trainingValues) {
            if (!Double.isFinite(v) || Math.abs(v) > MAX_PROPERTY) {
                throw new IllegalArgumentException("property column '" + column + "' has the value " + v
                    + ", not a number within ±" + (float) MAX_PROPERTY);
            }
            m += v;
        }
        m /= trainingValues.length;
        double s = 0;
        for (double v : trainingValues) {
            s += (v - m) * (v - m);
        }
        s = Math.sqrt(s / trainingValues.length);
        boolean single = !(s > 1e-12);
        return new Conditioning(Kind.PROPERTY, column, List.of(), m, single ? 1 : s, List.of(), single);
    }

    public Kind kind() {
        return kind;
    }

    /** The table column the condition was read from; null for {@link Kind#NONE}. */
    public String column() {
        return column;
    }

    public List<String> classes() {
        return classes;
    }

    /** How many training rows had each class (order of {@link #classes()}). */
    public List<Integer> classCounts() {
        return classCounts;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    /** Whether every training value of the property column was the same (then {@link #std()} is a stand-in 1). */
    public boolean singleValue() {
        return singleValue;
    }

    /**
     * The training warning for a property column with one value only (null otherwise): the model cannot learn what
     * the property does, so every condition gives the same kind of samples.
     */
    public String singleValueWarning() {
        return singleValue ? String.format(java.util.Locale.ROOT, "property column '%s' has one value only (%s) in the"
            + " training rows: the condition carries no information, and sampling at another value will not change"
            + " the samples", column, shortest(mean)) : null;
    }

    /** A double as its shortest text, without a trailing ".0" for whole numbers ("1.5", "3"). */
    private static String shortest(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Length of the condition vector (0 when unconditional). */
    public int dimension() {
        return switch (kind) {
            case NONE -> 0;
            case CLASS -> classes.size();
            case PROPERTY -> 1;
        };
    }

    /** The known classes a message names; more would make it a page (a model can know hundreds). */
    private static final int SHOWN_CLASSES = 20;

    /** Index of a class label; throws naming the known labels. */
    public int classIndex(String label) {
        if (kind != Kind.CLASS) {
            throw new IllegalArgumentException("the model is not class-conditioned");
        }
        Integer i = label == null ? null : classIndex.get(label.trim());
        if (i == null) {
            throw new IllegalArgumentException("unknown class '" + label + "' (the model knows"
                + (classes.size() <= SHOWN_CLASSES ? ": " : " ") + knownClasses() + ")");
        }
        return i;
    }

    /** The model's classes for a message: "Br, Cl, F, I", or "120 classes: 1, 2, ..." beyond {@link #SHOWN_CLASSES}. */
    public String knownClasses() {
        return classes.size() <= SHOWN_CLASSES ? String.join(", ", classes)
            : classes.size() + " classes: " + String.join(", ", classes.subList(0, SHOWN_CLASSES)) + ", ...";
    }

    /** How far, in training standard deviations, a property condition may lie from the training mean without a warning. */
    public static final double FAR_STANDARD_SCORES = 10;

    /**
     * A warning when a property condition lies far outside the training values (the network then saturates and its
     * samples can all be one and the same); null when it does not, or for a class or no condition.
     */
    public String farConditionWarning(String value) {
        Double d = kind == Kind.PROPERTY ? propertyValue(value) : null;
        if (d != null && singleValue) {
            // std is a stand-in: any other value is beyond what training saw (the mean of equal values may be some ulps off)
            return Math.abs(d - mean) <= 1e-9 * Math.max(1, Math.abs(mean)) ? null : String.format(java.util.Locale.ROOT,
                "the condition %s differs from %s, the only value of '%s' in training: the model learned nothing about"
                + " '%s', so its samples do not follow the condition", value.trim(), shortest(mean), column, column);
        }
        if (d == null || Math.abs(d - mean) <= FAR_STANDARD_SCORES * std) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the condition %s lies %.3g training standard deviations from the mean of"
            + " '%s' (mean %.4g, sd %.4g): the model extrapolates far beyond its training values, and its samples may be"
            + " all alike", value.trim(), Math.abs(d - mean) / std, column, mean, std);
    }

    /** The condition vector for a label (class) or number (property); empty for NONE. */
    public float[] encode(String value) {
        float[] v = new float[dimension()];
        switch (kind) {
            case NONE -> {
                if (value != null && !value.isBlank()) {
                    throw new IllegalArgumentException("the model is unconditional; it takes no condition (got '" + value + "')");
                }
            }
            case CLASS -> v[classIndex(value)] = 1f;
            case PROPERTY -> {
                Double d = propertyValue(value);
                if (d == null) {
                    // a SettingException: the face names its option (--condition, "Condition value")
                    throw new SettingException("condition", "property '" + column + "' needs a number within "
                        + PROPERTY_RANGE + ", got '" + value + "'");
                }
                v[0] = (float) ((d - mean) / std);
                if (!Float.isFinite(v[0])) {
                    // within ±MAX_PROPERTY, yet beyond 32 bits once standardised with a training std below 1
                    throw new SettingException("condition", "property '" + column + "' needs a number within "
                        + (float) (mean - Float.MAX_VALUE * std) + " to " + (float) (mean + Float.MAX_VALUE * std)
                        + " for this model (conditions are 32-bit numbers once standardised), got '" + value + "'");
                }
            }
            default -> throw new IllegalStateException();
        }
        return v;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("kind", kind.name().toLowerCase(Locale.ROOT));
        if (column != null) {
            o.addProperty("column", column);
        }
        if (kind == Kind.CLASS) {
            JsonArray a = new JsonArray();
            classes.forEach(a::add);
            o.add("classes", a);
            JsonArray c = new JsonArray();
            classCounts.forEach(c::add);
            o.add("classCounts", c);
        }
        if (kind == Kind.PROPERTY) {
            o.addProperty("mean", mean);
            o.addProperty("std", std);
            if (singleValue) {
                o.addProperty("singleValue", true); // absent in older model files: false
            }
        }
        return o;
    }

    public static Conditioning fromJson(JsonObject o) {
        JsonElement k = o.get("kind");
        if (k == null || !k.isJsonPrimitive()) {
            throw new IllegalArgumentException("conditioning field 'kind' is missing");
        }
        switch (k.getAsString()) {
            case "none":
                return NONE;
            case "class": {
                List<String> labels = new ArrayList<>();
                List<Integer> counts = new ArrayList<>();
                if (!o.has("classes") || !o.get("classes").isJsonArray()) {
                    throw new IllegalArgumentException("class conditioning without 'classes'");
                }
                o.getAsJsonArray("classes").forEach(e -> labels.add(e.getAsString()));
                if (o.has("classCounts")) {
                    o.getAsJsonArray("classCounts").forEach(e -> counts.add(e.getAsInt()));
                }
                if (labels.size() < 2 || (!counts.isEmpty() && counts.size() != labels.size()) || new TreeSet<>(labels).size() != labels.size()) {
                    throw new IllegalArgumentException("class conditioning has inconsistent labels or counts");
                }
                return new Conditioning(Kind.CLASS, o.has("column") ? o.get("column").getAsString() : null, labels, 0, 1, counts, false);
            }
            case "property": {
                double m = o.get("mean").getAsDouble(), s = o.get("std").getAsDouble();
                if (!Double.isFinite(m) || !(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("property conditioning has invalid scaling mean=" + m + " std=" + s);
                }
                boolean single = o.has("singleValue") && o.get("singleValue").getAsBoolean();
                return new Conditioning(Kind.PROPERTY, o.has("column") ? o.get("column").getAsString() : null, List.of(), m, s, List.of(),
                    single);
            }
            default:
                throw new IllegalArgumentException("unknown conditioning kind '" + k.getAsString() + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conditioning c && c.kind == kind && java.util.Objects.equals(c.column, column) && c.classes.equals(classes)
            && c.mean == mean && c.std == std && c.classCounts.equals(classCounts) && c.singleValue == singleValue;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, column, classes, mean, std);
    }

    /** What the model is conditioned on, in the user's words: "unconditional", "class-conditioned (column c)", ... */
    public String describeKind() {
        return switch (kind) {
            case NONE -> "unconditional";
            case CLASS -> "class-conditioned (column " + column + ")";
            case PROPERTY -> "property-conditioned (column " + column + ")";
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "unconditional";
            case CLASS -> "class " + column + " " + classes;
            case PROPERTY -> singleValue ? "property " + column + " (one value only: " + shortest(mean) + ")"
                : "property " + column + " (mean " + mean + ", std " + std + ")";
        };
    }
}
