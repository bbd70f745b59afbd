package org.example.genmat.core.model;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.example.genmat.core.io.Messages;

/**
 * The container layer of the {@code .genmat} file: a zip (entries stored uncompressed) holding {@code manifest.json} (first),
 * one little-endian float32 entry per named array ({@code arrays/NNNN.f32}) and
 * {@code manifest.sha256} (last). The manifest lists every array with name, entry, shape and
 * SHA-256. Reading is streaming and defensive: entry names are checked against a fixed pattern
 * (no path traversal), entry count and sizes are capped (no zip bombs), every byte is
 * checksummed, and any inconsistency is refused with a message naming the file and the problem.
 */
public final class ModelArchive {

    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SHA = "manifest.sha256";
    static final int MAX_ENTRIES = 4096;
    static final long MAX_MANIFEST_BYTES = 64L << 20;
    static final long MAX_ARRAY_BYTES = 512L << 20;
    static final long MAX_TOTAL_BYTES = 1L << 30;
    private static final Pattern ARRAY_ENTRY = Pattern.compile("arrays/[0-9]{4,6}\\.f32");

    /** A named float array with its shape (row-major). */
    public record Array(String name, int[] shape, float[] data) {
        public Array {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("array " + name + " has a negative dimension");
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("array " + name + " has " + data.length + " values, its shape needs " + n);
            }
        }
    }

    /** What a file holds: the manifest (with its {@code arrays} list) and the arrays in manifest order. */
    public record Content(JsonObject manifest, Map<String, Array> arrays) {
    }

    private ModelArchive() {
    }

    /** Writes the manifest (an {@code arrays} member is added) and the arrays. */
    public static void write(OutputStream out, JsonObject manifest, List<Array> arrays, long entryTimeMillis) throws IOException {
        JsonObject m = manifest.deepCopy();
        JsonArray list = new JsonArray();
        List<byte[]> blobs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < arrays.size(); i++) {
            Array a = arrays.get(i);
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("array name " + a.name() + " used twice");
            }
            ByteBuffer bb = ByteBuffer.allocate(a.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(a.data());
            byte[] bytes = bb.array();
            blobs.add(bytes);
            JsonObject e = new JsonObject();
            e.addProperty("name", a.name());
            e.addProperty("entry", String.format("arrays/%04d.f32", i));
            JsonArray shape = new JsonArray();
            for (int d : a.shape()) {
                shape.add(d);
            }
            e.add("shape", shape);
            e.addProperty("dtype", "float32-le");
            e.addProperty("sha256", sha256(bytes));
            list.add(e);
        }
        m.add("arrays", list);
        byte[] manifestBytes = new com.google.gson.GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create().toJson(m).getBytes(StandardCharsets.UTF_8);
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, MANIFEST, manifestBytes, entryTimeMillis);
        for (int i = 0; i < blobs.size(); i++) {
            put(zip, list.get(i).getAsJsonObject().get("entry").getAsString(), blobs.get(i), entryTimeMillis);
        }
        put(zip, MANIFEST_SHA, (sha256(manifestBytes) + "\n").getBytes(StandardCharsets.US_ASCII), entryTimeMillis);
        zip.finish();
        zip.flush();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, long time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time); // fixed times keep the file a pure function of the model
        // stored, not deflated: floats hardly compress, and every byte stays covered by the entry CRC
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads and validates a file; {@code what} names it in messages. Throws
     * {@link InvalidModelException} for anything damaged, truncated, hostile or unknown.
     */
    public static Content read(InputStream in, String what) throws IOException {
        // the whole file is read first (capped) so that its end-of-archive record can be checked:
        // a file cut anywhere, even after the last entry, is refused
        byte[] all = readCapped(in, MAX_TOTAL_BYTES, what, "(whole file)");
        int declaredEntries = endRecordEntries(all);
        if (all.length == 0 || (declaredEntries < 0 && !startsLikeZip(all))) {
            throw bad(what, "it is empty or not a zip file");
        }
        if (declaredEntries < 0) {
            throw bad(what, "it is truncated or damaged (no end-of-archive record)");
        }
        ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(all));
        JsonObject manifest = null;
        byte[] manifestBytes = null;
        String manifestSha = null;
        Map<String, JsonObject> expected = new LinkedHashMap<>();
        Map<String, Array> arrays = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        int count = 0;
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (++count > MAX_ENTRIES) {
                    throw bad(what, "more than " + MAX_ENTRIES + " entries");
                }
                if (!seen.add(name)) {
                    throw bad(what, "entry '" + clean(name) + "' appears twice");
                }
                if (name.equals(MANIFEST)) {
                    if (count != 1) {
                        throw bad(what, "the manifest is not the first entry");
                    }
                    manifestBytes = readCapped(zip, MAX_MANIFEST_BYTES, what, name);
                    total += manifestBytes.length;
                    manifest = parseManifest(manifestBytes, what);
                    for (JsonElement a : arrayList(manifest, what)) {
                        JsonObject ao = a.getAsJsonObject();
                        expected.put(str(ao, "entry", what), ao);
                    }
                } else if (name.equals(MANIFEST_SHA)) {
                    manifestSha = new String(readCapped(zip, 128, what, name), StandardCharsets.US_ASCII).trim();
                } else if (ARRAY_ENTRY.matcher(name).matches()) {
                    if (manifest == null) {
                        throw bad(what, "array entry '" + name + "' comes before the manifest");
                    }
                    JsonObject spec = expected.get(name);
                    if (spec == null) {
                        throw bad(what, "entry '" + name + "' is not listed in the manifest");
                    }
                    int[] shape = shape(spec, what);
                    long n = 1;
                    for (int d : shape) {
                        n *= d;
                    }
                    long bytes = n * 4;
                    if (bytes > MAX_ARRAY_BYTES || total + bytes > MAX_TOTAL_BYTES) {
                        throw bad(what, "array " + str(spec, "name", what) + " of shape " + java.util.Arrays.toString(shape) + " exceeds the size limit");
                    }
                    byte[] data = readCapped(zip, bytes, what, name);
                    total += data.length;
                    if (data.length != bytes) {
                        throw bad(what, "array " + str(spec, "name", what) + " has " + data.length + " bytes, its shape "
                            + java.util.Arrays.toString(shape) + " needs " + bytes);
                    }
                    if (!sha256(data).equals(str(spec, "sha256", what))) {
                        throw bad(what, "checksum mismatch in array " + str(spec, "name", what) + " (the file was altered or damaged)");
                    }
                    float[] f = new float[(int) n];
                    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
                    String arrayName = str(spec, "name", what);
                    if (arrays.put(arrayName, new Array(arrayName, shape, f)) != null) {
                        throw bad(what, "array name " + arrayName + " used twice");
                    }
                } else {
                    throw bad(what, "unexpected entry '" + clean(name) + "' (a .genmat file holds only manifest.json, manifest.sha256 and arrays/NNNN.f32)");
                }
            }
        } catch (ZipException | EOFException ex) {
            throw bad(what, "it is damaged or truncated (" + Messages.zipProblem(ex, "unreadable zip data") + ")");
        }
        if (manifest == null) {
            throw bad(what, count == 0 ? "it is empty or not a zip file" : "it has no manifest.json");
        }
        if (declaredEntries != count) {
            throw bad(what, "its directory lists " + declaredEntries + " entries but " + count + " were found (damaged?)");
        }
        if (manifestSha == null) {
            throw bad(what, "it has no manifest.sha256 (truncated?)");
        }
        if (!manifestSha.equals(sha256(manifestBytes))) {
            throw bad(what, "checksum mismatch in manifest.json (the file was altered or damaged)");
        }
        for (Map.Entry<String, JsonObject> x : expected.entrySet()) {
            if (!seen.contains(x.getKey())) {
                throw bad(what, "array " + str(x.getValue(), "name", what) + " (" + x.getKey() + ") is missing (truncated?)");
            }
        }
        // keep manifest order
        Map<String, Array> ordered = new LinkedHashMap<>();
        for (JsonObject spec : expected.values()) {
            String n = str(spec, "name", what);
            ordered.put(n, arrays.get(n));
        }
        return new Content(manifest, ordered);
    }

    /** Entry count of the end-of-central-directory record that ends the file exactly, −1 when there is none. */
    private static int endRecordEntries(byte[] b) {
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
            if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x05 && b[i + 3] == 0x06) {
                int commentLength = (b[i + 20] & 0xFF) | (b[i + 21] & 0xFF) << 8;
                if (i + 22 + commentLength == b.length) {
                    return (b[i + 10] & 0xFF) | (b[i + 11] & 0xFF) << 8;
                }
            }
        }
        return -1;
    }

    private static boolean startsLikeZip(byte[] b) {
        return b.length >= 4 && b[0] == 0x50 && b[1] == 0x4b && b[2] == 0x03 && b[3] == 0x04;
    }

    private static JsonObject parseManifest(byte[] bytes, String what) throws InvalidModelException {
        try {
            JsonElement el = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw bad(what, "manifest.json is not a JSON object");
            }
            return el.getAsJsonObject();
        } catch (JsonParseException ex) {
            throw bad(what, "manifest.json is not valid JSON (" + ex.getMessage() + ")");
        }
    }

    private static JsonArray arrayList(JsonObject manifest, String what) throws InvalidModelException {
        JsonElement a = manifest.get("arrays");
        if (a == null || !a.isJsonArray()) {
            throw bad(what, "the manifest lists no arrays");
        }
        if (a.getAsJsonArray().size() > MAX_ENTRIES) {
            throw bad(what, "the manifest lists more than " + MAX_ENTRIES + " arrays");
        }
        for (JsonElement e : a.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                throw bad(what, "the manifest's array list has a non-object entry");
            }
            String entry = str(e.getAsJsonObject(), "entry", what);
            if (!ARRAY_ENTRY.matcher(entry).matches()) {
                throw bad(what, "the manifest names an array entry '" + clean(entry) + "' outside arrays/NNNN.f32");
            }
            if (!"float32-le".equals(str(e.getAsJsonObject(), "dtype", what))) {
                throw bad(what, "array " + str(e.getAsJsonObject(), "name", what) + " has an unsupported type");
            }
        }
        return a.getAsJsonArray();
    }

    private static int[] shape(JsonObject spec, String what) throws InvalidModelException {
        JsonElement s = spec.get("shape");
        if (s == null || !s.isJsonArray() || s.getAsJsonArray().size() > 8) {
            throw bad(what, "array " + str(spec, "name", what) + " has no valid shape");
        }
        int[] shape = new int[s.getAsJsonArray().size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonElement d = s.getAsJsonArray().get(i);
            if (!d.isJsonPrimitive() || !d.getAsJsonPrimitive().isNumber()) {
                throw bad(what, "array " + str(spec, "name", what) + " has a non-numeric shape");
            }
            double v = d.getAsDouble();
            if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw bad(what, "array " + str(spec, "name", what) + " has an invalid dimension " + d);
            }
            shape[i] = (int) v;
            n *= shape[i];
            if (n * 4 > MAX_ARRAY_BYTES) {
                throw bad(what, "array " + str(spec, "name", what) + " is larger than the size limit");
            }
        }
        return shape;
    }

    private static String str(JsonObject o, String key, String what) throws InvalidModelException {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw bad(what, "a manifest array entry lacks '" + key + "'");
        }
        return e.getAsString();
    }

    private static byte[] readCapped(InputStream in, long cap, String what, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, 1 << 16));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > cap) {
                throw bad(what, "entry '" + entry + "' is larger than expected (" + cap + " bytes); refusing it (zip bomb?)");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** Entry names from a hostile file may contain control characters; never echo them raw. */
    private static String clean(String s) {
        String t = s.replaceAll("[^\\x20-\\x7E]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    static InvalidModelException bad(String what, String why) {
        return new InvalidModelException("model file " + what + " is not a valid .genmat model: " + why);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
