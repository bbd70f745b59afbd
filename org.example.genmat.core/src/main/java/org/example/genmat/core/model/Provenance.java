package org.example.genmat.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import com.google.gson.JsonObject;

import org.example.genmat.core.io.Messages;

/**
 * Where a model came from: the training data (source and row counts), the settings it was trained
 * with as given by the user, the versions of genmat, DJL and TensorFlow, and when it was created.
 *
 * @param dataSource  the training table (file name or description)
 * @param rowCount    training rows used
 * @param skippedRows rows of the table that could not be used (with reasons reported at training time)
 * @param settings    the options of the run, as text
 * @param versions    software versions (genmat, djl, tensorflow, java)
 * @param created     creation time (UTC, ISO-8601)
 */
public record Provenance(String dataSource, long rowCount, long skippedRows, Map<String, String> settings,
                         Map<String, String> versions, String created) {

    /** The genmat version written into every model. */
    public static final String GENMAT_VERSION = "0.1.0";

    public Provenance {
        dataSource = dataSource == null ? "" : dataSource;
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions == null ? Map.of() : versions));
        created = created == null ? "" : created;
    }

    /** Provenance of a model trained now, with the versions of the running software. */
    public static Provenance now(String dataSource, long rowCount, long skippedRows, Map<String, String> settings) {
        return new Provenance(dataSource, rowCount, skippedRows, settings, currentVersions(), Instant.now().toString());
    }

    /** genmat, DJL, TensorFlow and Java versions, read from the jars on the class path. */
    public static Map<String, String> currentVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("genmat", GENMAT_VERSION);
        Properties engine = load("/tensorflow-engine.properties");
        Properties api = load("/ai/djl/engine/api.properties");
        v.put("djl", engine.getProperty("djl_version", api.getProperty("djl_version", "unknown")));
        v.put("tensorflow", engine.getProperty("tensorflow_version", "unknown"));
        v.put("java", System.getProperty("java.version", "unknown"));
        return v;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException | RuntimeException ignored) {
            // versions are informative only
        }
        return p;
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("dataSource", dataSource);
        o.addProperty("rowCount", rowCount);
        o.addProperty("skippedRows", skippedRows);
        JsonObject s = new JsonObject();
        settings.forEach(s::addProperty);
        o.add("settings", s);
        JsonObject v = new JsonObject();
        versions.forEach(v::addProperty);
        o.add("versions", v);
        o.addProperty("created", created);
        return o;
    }

    static Provenance fromJson(JsonObject o) {
        return new Provenance(ManifestFields.string(o, "provenance", "dataSource", ""),
            ManifestFields.whole(o, "provenance", "rowCount", 0), ManifestFields.whole(o, "provenance", "skippedRows", 0),
            texts(o, "settings"), texts(o, "versions"), ManifestFields.string(o, "provenance", "created", ""));
    }

    /** A map of texts, empty when the manifest has none (a number is kept as its text). */
    private static Map<String, String> texts(JsonObject o, String key) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonObject map = ManifestFields.optionalObject(o, "provenance", key);
        if (map != null) {
            map.entrySet().forEach(e -> {
                if (!e.getValue().isJsonPrimitive()) {
                    throw new IllegalArgumentException("'provenance." + key + "." + Messages.value(e.getKey()) + "' is not text");
                }
                m.put(e.getKey(), e.getValue().getAsString());
            });
        }
        return m;
    }
}
