package org.example.genmat.core.featurize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;

/**
 * The decoder's physical clean-up of generated structures: a soft repulsion between atoms closer
 * than their contact distance, relaxed by a few steps of gradient descent on
 * {@code E = Σ (contact − r)²} over all pairs and periodic images (the lattice stays as decoded).
 * The step is half the overlap along the pair, which resolves an isolated overlapping pair in one
 * step; crowded clusters take several. Atoms that do not overlap never move, so a crystal whose
 * atoms are all at least their contact apart decodes unchanged.
 * <p>
 * Contact distances are fitted once from the training crystals ({@value #CONTACT_FRACTION} × the
 * shortest distance seen between the two elements; a pair never seen together gets the shortest
 * contact of any pair with one of its elements) and stored in the model file, so a model decodes
 * the same on every machine and never looks at evaluation data. Same input, same output: the
 * descent is deterministic.
 */
public final class ContactRelaxation {

    /** Contact distance as a fraction of the shortest training distance of the element pair. */
    public static final double CONTACT_FRACTION = 0.9;
    /** Descent steps at most; dense clusters that are still overlapping afterwards stay as they are. */
    static final int MAX_STEPS = 60;
    /** Overlap (Å) below which a pair counts as resolved. */
    private static final double TOLERANCE = 1e-4;
    /** Image search bound per axis, so a degenerate (flat) cell cannot make the search explode. */
    private static final int MAX_IMAGES = 3;

    /** Contact distance (Å) by unordered element pair "A-B" (A ≤ B by symbol). */
    private final Map<String, Double> contacts;
    private final double largestContact;

    ContactRelaxation(Map<String, Double> contacts) {
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("no contact distance");
        }
        this.contacts = new TreeMap<>();
        for (Map.Entry<String, Double> e : contacts.entrySet()) {
            double d = e.getValue();
            if (!(d > 0 && Double.isFinite(d))) {
                throw new IllegalArgumentException("contact distance of " + e.getKey() + " must be a positive number, was " + d);
            }
            this.contacts.put(e.getKey(), d);
        }
        this.largestContact = this.contacts.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static String key(Element a, Element b) {
        String x = a.symbol(), y = b.symbol();
        return x.compareTo(y) <= 0 ? x + "-" + y : y + "-" + x;
    }

    /**
     * Contacts of every pair of the vocabulary from the ordered training crystals; null when no
     * training crystal has two atoms (nothing to learn a distance from).
     */
    static ContactRelaxation fit(Iterable<Crystal> training, List<Element> vocabulary) {
        Map<String, Double> shortest = new TreeMap<>();
        for (Crystal c : training) {
            List<Site> s = c.sites();
            for (int i = 0; i < s.size(); i++) {
                for (int j = i + 1; j < s.size(); j++) {
                    double d = c.lattice().minimumImageDistance(s.get(i).frac(), s.get(j).frac());
                    if (d > 0) {
                        shortest.merge(key(s.get(i).majorElement(), s.get(j).majorElement()), d, Math::min);
                    }
                }
            }
        }
        if (shortest.isEmpty()) {
            return null;
        }
        double overall = shortest.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        Map<String, Double> contacts = new TreeMap<>();
        for (Element a : vocabulary) {
            for (Element b : vocabulary) {
                String k = key(a, b);
                Double d = shortest.get(k);
                if (d == null) {
                    // never seen together: as close as the closest pair of either element (a lower bound)
                    d = Double.POSITIVE_INFINITY;
                    for (Map.Entry<String, Double> e : shortest.entrySet()) {
                        List<String> pair = List.of(e.getKey().split("-"));
                        if (pair.contains(a.symbol()) || pair.contains(b.symbol())) {
                            d = Math.min(d, e.getValue());
                        }
                    }
                    if (d == Double.POSITIVE_INFINITY) {
                        d = overall;
                    }
                }
                contacts.put(k, CONTACT_FRACTION * d);
            }
        }
        return new ContactRelaxation(contacts);
    }

    /** Contact distance of two elements (Å); the largest contact for a pair the model file does not list. */
    public double contact(Element a, Element b) {
        return contacts.getOrDefault(key(a, b), largestContact);
    }

    /**
     * The crystal with overlapping atoms pushed apart (same lattice, species, order and labels);
     * the same object when nothing overlaps.
     */
    public Crystal relax(Crystal crystal) {
        int n = crystal.numSites();
        if (n < 2) {
            return crystal;
        }
        Lattice lattice = crystal.lattice();
        double[][] m = lattice.matrix();
        double[][] frac = new double[n][];
        double[][] contact = new double[n][n];
        for (int i = 0; i < n; i++) {
            frac[i] = crystal.sites().get(i).frac().clone();
            for (int j = 0; j < n; j++) {
                contact[i][j] = contact(crystal.sites().get(i).majorElement(), crystal.sites().get(j).majorElement());
            }
        }
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.min(MAX_IMAGES, Math.ceil(largestContact / lattice.planeSpacing(a) + 0.5));
        }
        boolean moved = false;
        double[][] shift = new double[n][3];
        for (int step = 0; step < MAX_STEPS; step++) {
            for (double[] s : shift) {
                java.util.Arrays.fill(s, 0);
            }
            boolean overlap = false;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double[] d = new double[3];
                    for (int a = 0; a < 3; a++) {
                        d[a] = frac[j][a] - frac[i][a];
                        d[a] -= Math.rint(d[a]);
                    }
                    double c = contact[i][j];
                    for (int x = -reach[0]; x <= reach[0]; x++) {
                        for (int y = -reach[1]; y <= reach[1]; y++) {
                            for (int z = -reach[2]; z <= reach[2]; z++) {
                                double fx = d[0] + x, fy = d[1] + y, fz = d[2] + z;
                                double vx = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
                                double vy = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
                                double vz = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
                                double r = Math.sqrt(vx * vx + vy * vy + vz * vz);
                                if (r >= c - TOLERANCE) {
                                    continue;
                                }
                                overlap = true;
                                if (r < 1e-9) {
                                    // coinciding atoms: separate along a fixed direction (deterministic)
                                    vx = 1;
                                    vy = 0;
                                    vz = 0;
                                    r = 1;
                                }
                                // gradient step on (c − r)²: each atom moves half the overlap, apart
                                double h = 0.5 * (c - Math.min(r, c)) / r;
                                double[] p = {h * vx, h * vy, h * vz};
                                for (int a = 0; a < 3; a++) {
                                    shift[j][a] += p[a];
                                    shift[i][a] -= p[a];
                                }
                            }
                        }
                    }
                }
            }
            if (!overlap) {
                break;
            }
            moved = true;
            for (int i = 0; i < n; i++) {
                double[] df = lattice.toFractional(shift[i]);
                for (int a = 0; a < 3; a++) {
                    frac[i][a] += df[a];
                }
            }
        }
        if (!moved) {
            return crystal;
        }
        List<Site> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                if (!Double.isFinite(frac[i][a])) {
                    return crystal; // a (nearly) singular cell: leave it to the validity check
                }
                frac[i][a] -= Math.floor(frac[i][a]);
                if (frac[i][a] >= 1) {
                    frac[i][a] = 0;
                }
            }
            sites.add(crystal.sites().get(i).withFrac(frac[i]));
        }
        return new Crystal(lattice, sites, crystal.spaceGroupSymbol().orElse(null), crystal.spaceGroupNumber().orElse(null), crystal.source());
    }

    JsonArray toJson() {
        JsonArray a = new JsonArray();
        contacts.forEach((k, d) -> {
            JsonArray row = new JsonArray();
            for (String s : k.split("-")) {
                row.add(s);
            }
            row.add(d);
            a.add(row);
        });
        return a;
    }

    static ContactRelaxation fromJson(JsonElement e) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("featurizer field 'contacts' must be a list of [element, element, distance]");
        }
        Map<String, Double> contacts = new TreeMap<>();
        for (JsonElement row : e.getAsJsonArray()) {
            if (!row.isJsonArray() || row.getAsJsonArray().size() != 3) {
                throw new IllegalArgumentException("contact entry " + row + " is not [element, element, distance]");
            }
            JsonArray r = row.getAsJsonArray();
            Element a = element(r.get(0)), b = element(r.get(1));
            double d;
            try {
                d = r.get(2).getAsDouble();
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("contact entry " + row + " has no distance");
            }
            contacts.put(key(a, b), d);
        }
        return new ContactRelaxation(contacts);
    }

    private static Element element(JsonElement e) {
        String s = e.isJsonPrimitive() ? e.getAsString() : String.valueOf(e);
        return Element.find(s).orElseThrow(() -> new IllegalArgumentException("contact entry has unknown element '" + s + "'"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactRelaxation r && r.contacts.equals(contacts);
    }

    @Override
    public int hashCode() {
        return contacts.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("contacts");
        contacts.forEach((k, d) -> b.append(String.format(Locale.ROOT, " %s %.3f", k, d)));
        return b.toString();
    }
}
