package org.example.genmat.core.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;

/**
 * CDVAE's composition fingerprint: Magpie element properties (22) × statistics (6) = 132 values in
 * property-major order. Statistics over the elements present, weighted by atomic fraction w:
 * minimum, maximum, range, mean = Σ w·x, avg_dev = Σ w·|x − mean|, mode = value of the element
 * with the largest fraction (ties → smallest value). {@link #standardised} then applies CDVAE's fixed
 * scaler, z = (x − mean)/std with NaN → 0. Elements without Magpie data give NaN features
 * (→ 0 after standardising), as in the published code.
 */
public final class MagpieFingerprint {

    /** Number of properties. */
    public static final int PROPERTIES = 22;
    /** Number of statistics. */
    public static final int STATISTICS = 6;
    /** Fingerprint length. */
    public static final int LENGTH = PROPERTIES * STATISTICS;
    /** Statistic names in order. */
    public static final List<String> STATISTIC_NAMES = List.of("minimum", "maximum", "range", "mean", "avg_dev", "mode");

    private static final double[][] PROPS = new double[Element.MAX_Z + 1][]; // [z][property]
    private static final List<String> PROPERTY_NAMES = new ArrayList<>();
    private static final double[] SCALE_MEAN = new double[LENGTH];
    private static final double[] SCALE_STD = new double[LENGTH];

    static {
        List<String[]> rows = readCsv("magpie-element-properties.csv", PROPERTY_NAMES);
        PROPERTY_NAMES.subList(0, 2).clear(); // z, symbol
        for (String[] r : rows) {
            double[] v = new double[PROPERTIES];
            for (int i = 0; i < PROPERTIES; i++) {
                v[i] = Double.parseDouble(r[i + 2]);
            }
            PROPS[Integer.parseInt(r[0])] = v;
        }
        List<String[]> scaler = readCsv("cdvae-fingerprint-scaler.csv", new ArrayList<>());
        if (scaler.size() != LENGTH || PROPERTY_NAMES.size() != PROPERTIES) {
            throw new IllegalStateException("fingerprint tables have unexpected sizes");
        }
        for (int i = 0; i < LENGTH; i++) {
            SCALE_MEAN[i] = Double.parseDouble(scaler.get(i)[1]);
            SCALE_STD[i] = Double.parseDouble(scaler.get(i)[2]);
        }
    }

    private MagpieFingerprint() {
    }

    private static List<String[]> readCsv(String resource, List<String> header) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(MagpieFingerprint.class.getResourceAsStream(resource), resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (first) {
                    header.addAll(Arrays.asList(line.split(",")));
                    first = false;
                } else {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Property names in fingerprint order. */
    public static List<String> propertyNames() {
        return List.copyOf(PROPERTY_NAMES);
    }

    /** Name of feature {@code i}, e.g. {@code Number.minimum}. */
    public static String featureName(int i) {
        return PROPERTY_NAMES.get(i / STATISTICS) + "." + STATISTIC_NAMES.get(i % STATISTICS);
    }

    /** The raw 132 features of {@code c}. */
    public static double[] raw(Composition c) {
        double[] fp = new double[LENGTH];
        int n = c.numElements();
        double[] w = new double[n];
        double[][] x = new double[n][];
        double total = c.totalAtoms();
        int k = 0;
        for (Map.Entry<Element, Double> e : c.amounts().entrySet()) {
            w[k] = e.getValue() / total;
            double[] p = PROPS[e.getKey().z()];
            if (p == null) {
                p = new double[PROPERTIES];
                Arrays.fill(p, Double.NaN);
            }
            x[k++] = p;
        }
        double wMax = 0;
        for (double v : w) {
            wMax = Math.max(wMax, v);
        }
        for (int p = 0; p < PROPERTIES; p++) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mean = 0, mode = Double.POSITIVE_INFINITY;
            boolean nan = false;
            for (int i = 0; i < n; i++) {
                double v = x[i][p];
                nan |= Double.isNaN(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
                mean += w[i] * v;
                if (Math.abs(w[i] - wMax) <= 1e-9 * wMax) {
                    mode = Math.min(mode, v);
                }
            }
            double dev = 0;
            for (int i = 0; i < n; i++) {
                dev += w[i] * Math.abs(x[i][p] - mean);
            }
            int o = p * STATISTICS;
            if (nan || n == 0) {
                Arrays.fill(fp, o, o + STATISTICS, Double.NaN);
                continue;
            }
            fp[o] = min;
            fp[o + 1] = max;
            fp[o + 2] = max - min;
            fp[o + 3] = mean;
            fp[o + 4] = dev;
            fp[o + 5] = mode;
        }
        return fp;
    }

    /** Standardises raw features in place with CDVAE's constants (NaN → 0) and returns them. */
    public static double[] standardise(double[] raw) {
        for (int i = 0; i < LENGTH; i++) {
            double z = (raw[i] - SCALE_MEAN[i]) / SCALE_STD[i];
            raw[i] = Double.isNaN(z) ? 0 : z;
        }
        return raw;
    }

    /** The standardised fingerprint used for coverage distances. */
    public static double[] standardised(Composition c) {
        return standardise(raw(c));
    }
}
