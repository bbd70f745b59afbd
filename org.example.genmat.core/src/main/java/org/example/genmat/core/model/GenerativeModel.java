package org.example.genmat.core.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.featurize.Featurizer;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.net.Architecture;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.NamedArray;
import org.example.genmat.core.train.TrainedNetwork;
import org.example.genmat.core.train.TrainingSettings;

/**
 * A trained generative model with everything needed to sample from it: the network weights, the
 * featurizer (vocabulary and scaling), the conditioning and the provenance. Immutable.
 *
 * <p>The {@code .genmat} file is a zip ({@link ModelArchive}): a JSON manifest (format version,
 * family, hyperparameters, input and condition dimension, feature layout, featurizer, conditioning,
 * training summary and history, provenance, and the list of arrays with shapes and SHA-256) plus
 * one little-endian float32 entry per weight array. No Java serialization; loading needs no
 * TensorFlow and refuses anything inconsistent with a clear message.
 */
public final class GenerativeModel {

    public static final String FORMAT = "genmat-model";
    public static final int FORMAT_VERSION = 1;
    private static final Gson GSON = new GsonBuilder().create();

    private final TrainedNetwork network;
    private final Featurizer featurizer;
    private final Conditioning conditioning;
    private final Provenance provenance;

    public GenerativeModel(TrainedNetwork network, Featurizer featurizer, Conditioning conditioning, Provenance provenance) {
        this.network = network;
        this.featurizer = featurizer;
        this.conditioning = conditioning == null ? Conditioning.none() : conditioning;
        this.provenance = provenance;
        if (!network.layout().equals(featurizer.layout())) {
            throw new IllegalArgumentException("the network's feature layout differs from the featurizer's");
        }
        if (network.conditionDimension() != this.conditioning.dimension()) {
            throw new IllegalArgumentException("the network takes " + network.conditionDimension() + " condition values, the conditioning has "
                + this.conditioning.dimension());
        }
    }

    public TrainedNetwork network() {
        return network;
    }

    public Featurizer featurizer() {
        return featurizer;
    }

    public Conditioning conditioning() {
        return conditioning;
    }

    public Provenance provenance() {
        return provenance;
    }

    public ModelFamily family() {
        return network.family();
    }

    public TrainingSettings settings() {
        return network.settings();
    }

    public int latentSize() {
        return network.settings().latentSize();
    }

    /** True when the family has an encoder (VAE, VAE-GAN). */
    public boolean hasEncoder() {
        return network.family().hasEncoder();
    }

    /** Writes the file atomically: a partly written model never appears under {@code file}. */
    public void save(Path file) throws IOException {
        try (OutputFiles o = OutputFiles.plan(List.of(), "model", file)) {
            try (OutputStream out = new BufferedOutputStream(o.stream("model"))) {
                save(out);
            }
            o.commit();
        }
    }

    /**
     * The SHA-256 (hex) of the model file as {@link #save(OutputStream)} writes it: the file is a pure function of the
     * model (stored entries, fixed times), so the digest names the model wherever it was loaded from or copied to, and
     * for a file written by this version it is the file's own {@code sha256sum}. Computed anew on each call.
     */
    public String sha256() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                save(out);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            // a null stream does not fail, and every JVM has SHA-256
            throw new IllegalStateException(e);
        }
    }

    /** Writes the zip to a stream (not closed). */
    public void save(OutputStream out) throws IOException {
        // the model written is always usable: weights the reader would refuse are never written
        if (!network.finite()) {
            throw new IllegalStateException(TrainedNetwork.DIVERGED);
        }
        List<ModelArchive.Array> arrays = new ArrayList<>();
        network.weights().forEach((name, a) -> arrays.add(new ModelArchive.Array(name, a.shape(), a.data())));
        long time;
        try {
            time = Instant.parse(provenance.created()).toEpochMilli();
        } catch (DateTimeParseException e) {
            time = 0;
        }
        ModelArchive.write(out, manifest(), arrays, Math.max(time, 315_532_800_000L)); // zip times start in 1980
    }

    private JsonObject manifest() {
        JsonObject m = new JsonObject();
        m.addProperty("format", FORMAT);
        m.addProperty("formatVersion", FORMAT_VERSION);
        m.addProperty("family", network.family().name());
        m.addProperty("inputDimension", network.inputDimension());
        m.addProperty("conditionDimension", network.conditionDimension());
        m.add("hyperparameters", GSON.toJsonTree(network.settings()));
        m.add("layout", layoutJson(network.layout()));
        m.add("featurizer", featurizer.toJson());
        m.add("conditioning", conditioning.toJson());
        JsonObject training = new JsonObject();
        training.add("summary", summary(network.history()));
        training.add("history", historyJson(network.history()));
        m.add("training", training);
        m.add("provenance", provenance.toJson());
        return m;
    }

    private static JsonArray layoutJson(FeatureLayout layout) {
        JsonArray a = new JsonArray();
        for (FeatureLayout.Segment s : layout.segments()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            o.addProperty("kind", s.kind().name());
            o.addProperty("offset", s.offset());
            o.addProperty("length", s.length());
            a.add(o);
        }
        return a;
    }

    private static JsonObject summary(List<HistoryRow> history) {
        JsonObject s = new JsonObject();
        s.addProperty("historyRows", history.size());
        if (!history.isEmpty()) {
            HistoryRow last = history.get(history.size() - 1);
            s.addProperty("steps", last.step());
            s.addProperty("epochs", last.epoch());
            s.addProperty("seconds", last.seconds());
            s.addProperty("device", last.device());
            JsonObject fin = new JsonObject();
            List<String> vals = last.values();
            for (int i = 2; i < HistoryRow.COLUMNS.size() - 2; i++) {
                if (!vals.get(i).isEmpty()) {
                    fin.addProperty(HistoryRow.COLUMNS.get(i), Double.parseDouble(vals.get(i)));
                }
            }
            s.add("final", fin);
        }
        return s;
    }

    private static JsonObject historyJson(List<HistoryRow> history) {
        JsonObject h = new JsonObject();
        JsonArray cols = new JsonArray();
        HistoryRow.COLUMNS.forEach(cols::add);
        h.add("columns", cols);
        JsonArray rows = new JsonArray();
        for (HistoryRow r : history) {
            JsonArray row = new JsonArray();
            row.add(r.step());
            for (double v : new double[] {r.epoch(), r.reconstruction(), r.kl(), r.critic(), r.generator(), r.gradientPenalty(),
                r.wassersteinEstimate(), r.learningRate(), r.seconds()}) {
                if (Double.isFinite(v)) {
                    row.add(v);
                } else {
                    row.add(JsonNull.INSTANCE); // strict JSON has no NaN
                }
            }
            row.add(r.device());
            rows.add(row);
        }
        h.add("rows", rows);
        return h;
    }

    /** Loads and validates a model file; {@link InvalidModelException} names the file and the problem. */
    public static GenerativeModel load(Path file) throws IOException {
        // before the open: a FIFO would block it forever, a folder fail with a bare "Is a directory"
        org.example.genmat.core.io.Messages.requireReadableFile(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return load(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
    }

    /** Loads and validates a model from a stream (not closed). */
    public static GenerativeModel load(InputStream in) throws IOException {
        return load(in, "(stream)");
    }

    public static GenerativeModel load(InputStream in, String what) throws IOException {
        ModelArchive.Content c = ModelArchive.read(in, what);
        try {
            return fromContent(c, what);
        } catch (InvalidModelException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson, featurizer and record validation failures: the manifest is inconsistent
            throw ModelArchive.bad(what, "its manifest is inconsistent: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static GenerativeModel fromContent(ModelArchive.Content c, String what) throws InvalidModelException {
        JsonObject m = c.manifest();
        JsonElement format = m.get("format");
        if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
            throw ModelArchive.bad(what, "its manifest does not declare format '" + FORMAT + "'");
        }
        JsonElement ver = m.get("formatVersion");
        if (ver == null || !ver.isJsonPrimitive() || !ver.getAsJsonPrimitive().isNumber()) {
            throw ModelArchive.bad(what, "its manifest has no format version");
        }
        if (ver.getAsDouble() != FORMAT_VERSION) {
            throw ModelArchive.bad(what, "format version " + ver.getAsString() + " is not supported (this genmat reads version "
                + FORMAT_VERSION + (ver.getAsDouble() > FORMAT_VERSION ? "; the file was written by a newer genmat)" : ")"));
        }
        ModelFamily family;
        try {
            family = ModelFamily.valueOf(m.get("family").getAsString().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw ModelArchive.bad(what, "unknown model family " + m.get("family"));
        }
        // the manifest's fields through ManifestFields: a missing or wrongly typed one is named, not Gson's words
        JsonObject hyper = ManifestFields.object(m, "", "hyperparameters");
        ManifestFields.requireRecordTypes(hyper, "hyperparameters", TrainingSettings.class);
        TrainingSettings settings;
        try {
            settings = GSON.fromJson(hyper, TrainingSettings.class);
        } catch (RuntimeException e) {
            // Gson wraps the settings' own check ("latent size must be positive: -5") in "Failed to invoke constructor"
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw ModelArchive.bad(what, "its manifest's hyperparameters are invalid: " + (root.getMessage() == null
                ? root.getClass().getSimpleName() : root.getMessage()));
        }
        if (settings == null) {
            throw ModelArchive.bad(what, "its manifest has no hyperparameters");
        }
        JsonObject featurizerJson = ManifestFields.object(m, "", "featurizer");
        JsonObject conditioningJson = ManifestFields.object(m, "", "conditioning");
        Featurizer featurizer = ManifestFields.section("featurizer", () -> Featurizers.fromJson(featurizerJson));
        Conditioning conditioning = ManifestFields.section("conditioning", () -> Conditioning.fromJson(conditioningJson));
        FeatureLayout layout = featurizer.layout();
        if (!layoutJson(layout).equals(m.get("layout"))) {
            throw ModelArchive.bad(what, "the feature layout in the manifest does not match its featurizer");
        }
        int in = ManifestFields.integer(m, "", "inputDimension");
        int cond = ManifestFields.integer(m, "", "conditionDimension");
        if (in != layout.dimension()) {
            throw ModelArchive.bad(what, "input dimension " + in + " differs from the featurizer's " + layout.dimension());
        }
        if (cond != conditioning.dimension()) {
            throw ModelArchive.bad(what, "condition dimension " + cond + " differs from the conditioning's " + conditioning.dimension());
        }
        Map<String, NamedArray> weights = new LinkedHashMap<>();
        c.arrays().forEach((name, a) -> weights.put(name, new NamedArray(a.shape(), a.data())));
        checkShapes(weights, family.architecture(settings, layout, cond), what);
        List<HistoryRow> history = history(ManifestFields.optionalObject(m, "", "training"));
        TrainedNetwork net = new TrainedNetwork(family, settings, in, cond, layout, weights, history);
        JsonObject provenance = ManifestFields.optionalObject(m, "", "provenance");
        Provenance prov = provenance != null ? Provenance.fromJson(provenance) : new Provenance("", 0, 0, Map.of(), Map.of(), "");
        return new GenerativeModel(net, featurizer, conditioning, prov);
    }

    /**
     * Every weight the inference networks of the {@link Architecture} need must be present with
     * exactly its shape; weights of networks only training uses (the critic) are checked when
     * present; any other array is refused.
     */
    private static void checkShapes(Map<String, NamedArray> w, Architecture architecture, String what)
        throws InvalidModelException {
        // the decoder first: every family has one, so a wrong size shows on the same array whatever the family
        Map<String, int[]> required = new LinkedHashMap<>(architecture.network(Architecture.Role.DECODER).weights());
        required.putAll(architecture.weights(true));
        Map<String, int[]> all = architecture.weights(false);
        for (Map.Entry<String, int[]> e : required.entrySet()) {
            NamedArray a = w.get(e.getKey());
            if (a == null) {
                throw ModelArchive.bad(what, "weight array " + e.getKey() + " is missing");
            }
            if (!java.util.Arrays.equals(a.shape(), e.getValue())) {
                throw ModelArchive.bad(what, "weight array " + e.getKey() + " has shape " + java.util.Arrays.toString(a.shape())
                    + ", the architecture in the manifest needs " + java.util.Arrays.toString(e.getValue()));
            }
        }
        for (Map.Entry<String, NamedArray> e : w.entrySet()) {
            if (required.containsKey(e.getKey())) {
                continue;
            }
            int[] want = all.get(e.getKey());
            if (want == null) {
                throw ModelArchive.bad(what, "it holds an unexpected array '" + e.getKey() + "'");
            }
            if (!java.util.Arrays.equals(e.getValue().shape(), want)) {
                throw ModelArchive.bad(what, "weight array " + e.getKey() + " has shape " + java.util.Arrays.toString(e.getValue().shape())
                    + ", expected " + java.util.Arrays.toString(want));
            }
        }
        for (NamedArray a : w.values()) {
            if (!a.finite()) {
                throw ModelArchive.bad(what, "a weight array holds a non-finite value");
            }
        }
    }

    private static List<HistoryRow> history(JsonObject training) {
        List<HistoryRow> rows = new ArrayList<>();
        JsonObject h = training == null ? null : ManifestFields.optionalObject(training, "training", "history");
        if (h == null) {
            return rows;
        }
        for (JsonElement e : ManifestFields.array(h, "training.history", "rows")) {
            // step, 9 numbers (null for none), device: as historyJson writes it
            JsonArray r = e.isJsonArray() ? e.getAsJsonArray() : null;
            boolean ok = r != null && r.size() == 11 && ManifestFields.isWhole(r.get(0), Integer.MIN_VALUE, Integer.MAX_VALUE)
                && r.get(10).isJsonPrimitive();
            for (int i = 1; ok && i < 10; i++) {
                ok = r.get(i).isJsonNull() || r.get(i).isJsonPrimitive() && r.get(i).getAsJsonPrimitive().isNumber();
            }
            if (!ok) {
                throw new IllegalArgumentException("'training.history.rows' has a row that is not [step, 9 numbers, device]: "
                    + org.example.genmat.core.io.Messages.value(String.valueOf(e)));
            }
            double[] v = new double[9];
            for (int i = 0; i < 9; i++) {
                JsonElement x = r.get(i + 1);
                v[i] = x.isJsonNull() ? Double.NaN : x.getAsDouble();
            }
            rows.add(new HistoryRow(r.get(0).getAsInt(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], r.get(10).getAsString()));
        }
        return rows;
    }

    @Override
    public String toString() {
        return "GenerativeModel(" + network.family() + ", " + featurizer.name() + ", " + conditioning + ")";
    }
}
