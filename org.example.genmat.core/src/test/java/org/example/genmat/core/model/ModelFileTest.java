package org.example.genmat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.NamedArray;
import org.example.genmat.core.inference.NetworkRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    static GenerativeModel model;
    static byte[] bytes;

    @BeforeAll
    static void train() throws Exception {
        model = TestModels.classConditionedVae();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        bytes = out.toByteArray();
    }

    static GenerativeModel load(byte[] b) throws IOException {
        return GenerativeModel.load(new ByteArrayInputStream(b), "test.genmat");
    }

    @Test
    void saveLoadSampleIsBitIdentical(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.genmat");
        model.save(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes); // a pure function of the model
        GenerativeModel back = GenerativeModel.load(file);
        assertThat(back.network().weights()).isEqualTo(model.network().weights());
        assertThat(back.network().settings()).isEqualTo(model.network().settings());
        assertThat(back.network().history()).hasSameSizeAs(model.network().history());
        assertThat(back.featurizer()).isEqualTo(model.featurizer());
        assertThat(back.conditioning()).isEqualTo(model.conditioning());
        assertThat(back.provenance()).isEqualTo(model.provenance());
        assertThat(back.provenance().versions()).containsKeys("genmat", "djl", "tensorflow");
        List<Candidate> a, b;
        try (Stream<Candidate> s = Sampler.sample(model, 5000, null, 1.0, 99, 0, 1)) {
            a = s.collect(Collectors.toList());
        }
        try (Stream<Candidate> s = Sampler.sample(back, 5000, null, 1.0, 99, 0, 1)) {
            b = s.collect(Collectors.toList());
        }
        assertThat(b).isEqualTo(a);
        // raw network outputs, bit for bit
        float[][] z = new float[64][8];
        float[][] c = new float[64][];
        for (int i = 0; i < 64; i++) {
            z[i][i % 8] = i / 10f;
            c[i] = model.conditioning().encode("Br");
        }
        try (NetworkRunner r1 = new NetworkRunner(model.network()); NetworkRunner r2 = new NetworkRunner(back.network())) {
            assertThat(r2.decode(z, c)).isDeepEqualTo(r1.decode(z, c));
        }
    }

    @Test
    void manifestDescribesTheModel() throws Exception {
        Map<String, byte[]> entries = entries(bytes);
        assertThat(entries.keySet()).first().isEqualTo("manifest.json");
        assertThat(entries.keySet()).last().isEqualTo("manifest.sha256");
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"formatVersion\": 1", "\"family\": \"VAE\"", "\"prototype\": \"elpasolite\"",
            "\"classes\"", "\"dataSource\": \"default-elpasolites\"", "\"sha256\"", "\"hyperparameters\"", "\"history\"");
    }

    @Test
    void oneChangedByteInTheManifestOrAnArrayIsRefused() throws Exception {
        int m = indexOf(bytes, "\"latentSize\"".getBytes(StandardCharsets.US_ASCII));
        assertThat(m).isPositive();
        byte[] t1 = bytes.clone();
        t1[m + 14] ^= 0x01; // the digit of the latent size
        assertThatThrownBy(() -> load(t1)).isInstanceOf(InvalidModelException.class)
            .hasMessageContaining("test.genmat").hasMessageContaining("damaged");
        NamedArray w = model.network().weight("dec_out_w");
        byte[] le = new byte[8];
        java.nio.ByteBuffer.wrap(le).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(w.data()[0]).putFloat(w.data()[1]);
        int a = indexOf(bytes, le);
        assertThat(a).isPositive();
        byte[] t2 = bytes.clone();
        t2[a + 2] ^= 0x40;
        assertThatThrownBy(() -> load(t2)).isInstanceOf(InvalidModelException.class).hasMessageContaining("damaged");
    }

    @Test
    void consistentlyRewrittenEntriesFailTheirChecksums() throws Exception {
        byte[] m = rewrite(bytes, Map.of("manifest.json", s -> replace(s, "\"rowCount\": 600", "\"rowCount\": 601")), null);
        assertThatThrownBy(() -> load(m)).hasMessageContaining("checksum mismatch in manifest.json");
        byte[] a = rewrite(bytes, Map.of("arrays/0000.f32", s -> {
            byte[] c = s.clone();
            c[0] ^= 1;
            return c;
        }), null);
        assertThatThrownBy(() -> load(a)).hasMessageContaining("checksum mismatch in array");
    }

    @Test
    void truncatedFilesAreRefused() {
        for (int len : new int[] {0, 10, bytes.length / 3, bytes.length / 2, bytes.length - 200}) {
            byte[] t = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> load(t)).as("length " + len).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not a valid .genmat model");
        }
    }

    @Test
    void otherFormatVersionsAreRefusedClearly() throws Exception {
        byte[] v2 = rewrite(bytes, Map.of("manifest.json", s -> replace(s, "\"formatVersion\": 1", "\"formatVersion\": 2")), null);
        assertThatThrownBy(() -> load(fixSha(v2))).hasMessageContaining("format version 2 is not supported")
            .hasMessageContaining("newer genmat");
        byte[] bad = rewrite(bytes, Map.of("manifest.json", s -> replace(s, "\"format\": \"genmat-model\"", "\"format\": \"other\"")), null);
        assertThatThrownBy(() -> load(fixSha(bad))).hasMessageContaining("does not declare format");
        byte[] shape = rewrite(bytes, Map.of("manifest.json", s -> replace(s, "\"inputDimension\": 8", "\"inputDimension\": 9")), null);
        assertThatThrownBy(() -> load(fixSha(shape))).hasMessageContaining("input dimension 9");
        byte[] latent = rewrite(bytes, Map.of("manifest.json", s -> replace(s, "\"latentSize\": 8", "\"latentSize\": 9")), null);
        assertThatThrownBy(() -> load(fixSha(latent))).hasMessageContaining("weight array dec0_w has shape [8, 64]")
            .hasMessageContaining("needs [9, 64]");
        byte[] renamed = rewrite(bytes, Map.of("manifest.json", s -> replace(s, "\"name\": \"dec_out_b\"", "\"name\": \"../x\"")), null);
        assertThatThrownBy(() -> load(fixSha(renamed))).hasMessageContaining("dec_out_b is missing");
    }

    /** A section or field of the wrong JSON type is named, never with Gson's or Java's words (JsonNull, BEGIN_OBJECT). */
    @Test
    void nullOrWronglyTypedManifestFieldsAreNamed() throws Exception {
        for (String section : new String[] {"featurizer", "conditioning", "provenance", "training", "hyperparameters"}) {
            byte[] nulled = editManifest(m -> m.add(section, com.google.gson.JsonNull.INSTANCE));
            assertThatThrownBy(() -> load(nulled)).as(section).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("its manifest is inconsistent: '" + section + "' is missing or not an object")
                .hasMessageNotContaining("gson").hasMessageNotContaining("class ");
        }
        byte[] text = editManifest(m -> m.addProperty("hyperparameters", "x"));
        assertThatThrownBy(() -> load(text)).hasMessageContaining("'hyperparameters' is missing or not an object")
            .hasMessageNotContaining("BEGIN_OBJECT");
        byte[] eight = editManifest(m -> m.getAsJsonObject("hyperparameters").addProperty("latentSize", "eight"));
        assertThatThrownBy(() -> load(eight))
            .hasMessageContaining("its manifest is inconsistent: 'hyperparameters.latentSize' is \"eight\", not a whole number");
        byte[] rows = editManifest(m -> m.getAsJsonObject("provenance").addProperty("rowCount", "many"));
        assertThatThrownBy(() -> load(rows)).hasMessageContaining("'provenance.rowCount' is \"many\", not a whole number");
        byte[] history = editManifest(m -> m.getAsJsonObject("training").add("history", new com.google.gson.JsonArray()));
        assertThatThrownBy(() -> load(history)).hasMessageContaining("'training.history' is missing or not an object");
        // inside the sections with their own readers: the section is named, never Gson's or Java's words
        byte[] classes = editManifest(m -> m.getAsJsonObject("conditioning").addProperty("classes", "abc"));
        byte[] counts = editManifest(m -> m.getAsJsonObject("conditioning").add("classCounts", com.google.gson.JsonParser
            .parseString("[\"x\"]")));
        byte[] vocabulary = editManifest(m -> m.getAsJsonObject("featurizer").add("vocabulary", com.google.gson.JsonNull.INSTANCE));
        for (byte[] b : List.of(classes, counts)) {
            assertThatThrownBy(() -> load(b)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("its manifest is inconsistent: ").hasMessageContaining("conditioning").hasMessageNotContaining("JSON")
                .hasMessageNotContaining("Exception").hasMessageNotContaining("class com");
        }
        assertThatThrownBy(() -> load(vocabulary)).isInstanceOf(InvalidModelException.class)
            .hasMessageContaining("its manifest is inconsistent: ").hasMessageContaining("featurizer")
            .hasMessageNotContaining("Exception").hasMessageNotContaining("class com");
    }

    /** The model with its manifest edited, and manifest.sha256 recomputed, as a forger would. */
    private byte[] editManifest(java.util.function.Consumer<com.google.gson.JsonObject> edit) throws IOException {
        return fixSha(rewrite(bytes, Map.of("manifest.json", s -> {
            com.google.gson.JsonObject m = com.google.gson.JsonParser.parseString(new String(s, StandardCharsets.UTF_8))
                .getAsJsonObject();
            edit.accept(m);
            return m.toString().getBytes(StandardCharsets.UTF_8);
        }), null));
    }

    @Test
    void hostileEntriesAreRefused() throws Exception {
        byte[] traversal = rewrite(bytes, Map.of(), Map.of("../../evil.sh", "echo pwned".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> load(traversal)).hasMessageContaining("unexpected entry '../../evil.sh'");
        // a zip bomb: 256 MB of zeros deflate to ~250 KB; the manifest says the array has a few KB
        byte[] zeros = new byte[256 << 20];
        byte[] bomb = rewrite(bytes, Map.of("arrays/0000.f32", s -> zeros), null);
        assertThat(bomb.length).isLessThan(2 << 20);
        assertThatThrownBy(() -> load(bomb)).hasMessageContaining("larger than expected").hasMessageContaining("zip bomb");
        assertThatThrownBy(() -> load("not a zip at all".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("empty or not a zip");
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(many)) {
            for (int i = 0; i < 5000; i++) {
                z.putNextEntry(new ZipEntry("arrays/" + String.format("%05d", i) + ".f32"));
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> load(many.toByteArray())).hasMessageContaining("comes before the manifest");
    }

    // --- helpers: rewrite a model zip entry by entry (deflated), with valid CRCs ---

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }

    static byte[] rewrite(byte[] zip, Map<String, UnaryOperator<byte[]>> change, Map<String, byte[]> extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries(zip).entrySet()) {
                if (extra != null && e.getKey().equals("manifest.sha256")) {
                    for (Map.Entry<String, byte[]> x : extra.entrySet()) {
                        z.putNextEntry(new ZipEntry(x.getKey()));
                        z.write(x.getValue());
                        z.closeEntry();
                    }
                }
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(change.getOrDefault(e.getKey(), UnaryOperator.identity()).apply(e.getValue()));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Recomputes manifest.sha256, as a forger would, to reach the checks behind it. */
    static byte[] fixSha(byte[] zip) throws IOException {
        byte[] manifest = entries(zip).get("manifest.json");
        return rewrite(zip, Map.of("manifest.sha256", s -> (ModelArchive.sha256(manifest) + "\n").getBytes(StandardCharsets.US_ASCII)), null);
    }

    static byte[] replace(byte[] s, String from, String to) {
        String t = new String(s, StandardCharsets.UTF_8);
        assertThat(t).contains(from);
        return t.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
