package org.example.genmat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.fingerprint.CrystalNNFingerprint;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.inference.NetworkRunner;

/**
 * Where a structure model's error comes from: test crystals are encoded (latent mean) and decoded,
 * and the reconstruction is compared with the original part by part — species per site slot,
 * lattice lengths and angles, fractional coordinates (periodic distance) — and by structure
 * fingerprint distance, also after putting back the true lattice, the true coordinates or the true
 * species: the part whose repair shrinks the distance most is where the representation loses most.
 */
final class ReconstructionErrors {

    private ReconstructionErrors() {
    }

    /** Metric name → value over the first {@code limit} usable test crystals (models with an encoder only). */
    static Map<String, Double> measure(GenerativeModel model, List<CrystalRecord> test, int limit) {
        List<CrystalRecord> rows = test.stream().filter(r -> r.ok() && r.crystal() != null).limit(limit).toList();
        float[][] z = Sampler.encode(model, rows, null);
        float[][] out;
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            out = runner.decode(z, null);
        }
        int n = rows.size();
        double[][] part = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            Candidate c = model.featurizer().decode(out[i]);
            part[i] = compare(rows.get(i).crystal(), c.crystal());
        });
        // columns: site count right, species, length, angle, frac, fp, fp lattice, fp coords, fp species
        double[] sum = new double[9];
        int[] count = new int[9];
        for (double[] p : part) {
            for (int k = 0; k < 9; k++) {
                if (!Double.isNaN(p[k])) {
                    sum[k] += p[k];
                    count[k]++;
                }
            }
        }
        String[] names = {"recon_site_count_correct", "recon_species_accuracy", "recon_length_mae", "recon_angle_mae",
            "recon_frac_mae", "recon_fp_distance", "recon_fp_distance_true_lattice", "recon_fp_distance_true_coordinates",
            "recon_fp_distance_true_species"};
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("recon_crystals", (double) n);
        for (int k = 0; k < 9; k++) {
            m.put(names[k], count[k] == 0 ? Double.NaN : sum[k] / count[k]);
        }
        return m;
    }

    /** One crystal: NaN where a part cannot be compared (no crystal, other site count, failed fingerprint). */
    private static double[] compare(Crystal truth, Crystal recon) {
        double[] r = new double[9];
        java.util.Arrays.fill(r, Double.NaN);
        if (recon == null) {
            r[0] = 0;
            return r;
        }
        int ns = truth.numSites();
        r[0] = recon.numSites() == ns ? 1 : 0;
        double[] pt = truth.lattice().parameters(), pr = recon.lattice().parameters();
        r[2] = (Math.abs(pt[0] - pr[0]) + Math.abs(pt[1] - pr[1]) + Math.abs(pt[2] - pr[2])) / 3;
        r[3] = (Math.abs(pt[3] - pr[3]) + Math.abs(pt[4] - pr[4]) + Math.abs(pt[5] - pr[5])) / 3;
        if (recon.numSites() != ns) {
            return r;
        }
        double species = 0, frac = 0;
        for (int i = 0; i < ns; i++) {
            Site a = truth.sites().get(i), b = recon.sites().get(i);
            species += a.majorElement().equals(b.majorElement()) ? 1 : 0;
            for (int k = 0; k < 3; k++) {
                double d = Math.abs(a.frac(k) - b.frac(k));
                d -= Math.floor(d);
                frac += Math.min(d, 1 - d);
            }
        }
        r[1] = species / ns;
        r[4] = frac / (3.0 * ns);
        double[] ft = fingerprint(truth);
        if (ft == null) {
            return r;
        }
        r[5] = distance(ft, fingerprint(recon));
        r[6] = distance(ft, fingerprint(rebuild(truth.lattice(), recon, recon)));
        r[7] = distance(ft, fingerprint(rebuild(recon.lattice(), truth, recon)));
        r[8] = distance(ft, fingerprint(rebuild(recon.lattice(), recon, truth)));
        return r;
    }

    /** A crystal with the given lattice, coordinates from {@code coords} and species from {@code species}. */
    private static Crystal rebuild(Lattice lattice, Crystal coords, Crystal species) {
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < coords.numSites(); i++) {
            Site s = species.sites().get(i);
            sites.add(new Site(s.species(), coords.sites().get(i).frac(), s.label()));
        }
        return new Crystal(lattice, sites, "rebuilt");
    }

    private static double[] fingerprint(Crystal c) {
        try {
            return CrystalNNFingerprint.of(c);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static double distance(double[] a, double[] b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
