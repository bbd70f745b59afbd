package org.example.genmat.core.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.crystal.Site;
import org.example.genmat.core.io.CrystalRecord;
import org.junit.jupiter.api.Test;

class ContactRelaxationTest {

    private static final Element C = Element.of("C");
    private static final Element SI = Element.of("Si");

    /** Diamond (a = 3.567 Å, shortest C–C 1.5445 Å) in its 8-atom cubic cell. */
    private static Crystal diamond() {
        double[][] f = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}, {.25, .25, .25}, {.25, .75, .75}, {.75, .25, .75}, {.75, .75, .25}};
        List<Site> sites = new java.util.ArrayList<>();
        for (double[] x : f) {
            sites.add(Site.of(C, x[0], x[1], x[2]));
        }
        return new Crystal(Lattice.cubic(3.567), sites, "diamond");
    }

    @Test
    void contactsAreTheFractionOfTheShortestTrainingDistance() {
        Crystal sic = new Crystal(Lattice.cubic(4.36), List.of(Site.of(SI, 0, 0, 0), Site.of(C, .25, .25, .25)), "SiC");
        ContactRelaxation r = ContactRelaxation.fit(List.of(diamond(), sic), List.of(C, SI));
        assertThat(r.contact(C, C)).isCloseTo(0.9 * 3.567 * Math.sqrt(3) / 4, within(1e-9));
        assertThat(r.contact(SI, C)).isCloseTo(0.9 * 4.36 * Math.sqrt(3) / 4, within(1e-9));
        // Si–Si never seen together: the closest pair with Si (Si–C)
        assertThat(r.contact(SI, SI)).isCloseTo(r.contact(SI, C), within(1e-12));
        assertThat(ContactRelaxation.fit(List.of(new Crystal(Lattice.cubic(3), List.of(Site.of(C, 0, 0, 0)), "one")), List.of(C))).isNull();
    }

    @Test
    void crystalsWithoutOverlapDecodeUnchanged() {
        ContactRelaxation r = ContactRelaxation.fit(List.of(diamond()), List.of(C));
        Crystal d = diamond();
        assertThat(r.relax(d)).isSameAs(d);
    }

    @Test
    void overlappingAtomsArePushedApartAcrossTheCellFaceOthersStay() {
        ContactRelaxation r = ContactRelaxation.fit(List.of(diamond()), List.of(C));
        double contact = r.contact(C, C);
        // atoms 1 and 2 are 0.2 Å apart through the x face; atom 3 is far from both; 4 coincides with 3's image
        Lattice l = Lattice.cubic(6);
        Crystal c = new Crystal(l, List.of(Site.of(C, 0.99, 0.5, 0.5), Site.of(C, 0.0233333, 0.5, 0.5),
            Site.of(C, 0.5, 0.1, 0.1), Site.of(C, 0.5, 1.1, 0.1)), "P 1", 1, "generated");
        Crystal out = r.relax(c);
        assertThat(out.shortestDistance()).isGreaterThanOrEqualTo(contact - 1e-3);
        assertThat(out.sites().get(0).frac(1)).isCloseTo(0.5, within(1e-12)); // pushed along x only
        assertThat(out.distance(0, 1)).isCloseTo(contact, within(1e-3));
        assertThat(out.lattice()).isEqualTo(l);
        assertThat(out.spaceGroupSymbol()).contains("P 1");
        assertThat(r.relax(c).sites()).isEqualTo(out.sites()); // deterministic
    }

    @Test
    void crowdedClustersSpreadWithinTheStepLimit() {
        ContactRelaxation r = ContactRelaxation.fit(List.of(diamond()), List.of(C));
        List<Site> sites = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sites.add(Site.of(C, 0.5 + 0.01 * (i % 2), 0.5 + 0.01 * (i / 2 % 2), 0.5 + 0.01 * (i / 4)));
        }
        Crystal out = r.relax(new Crystal(Lattice.cubic(5), sites, "cluster"));
        assertThat(out.shortestDistance()).isGreaterThan(0.9 * r.contact(C, C));
    }

    @Test
    void fittedFeaturizersStoreTheirContactsOlderFilesHaveNone() {
        PeriodicStructure f = PeriodicStructure.fit(List.of(CrystalRecord.of(diamond(), "P 1")), 0);
        assertThat(f.relaxation()).isNotNull();
        JsonObject json = f.toJson();
        assertThat(json.getAsJsonArray("contacts")).hasSize(1);
        PeriodicStructure back = (PeriodicStructure) Featurizers.fromJson(json);
        assertThat(back).isEqualTo(f);
        assertThat(back.relaxation().contact(C, C)).isEqualTo(f.relaxation().contact(C, C));
        json.remove("contacts");
        assertThat(((PeriodicStructure) Featurizers.fromJson(json)).relaxation()).isNull();
        JsonArray bad = new JsonArray();
        bad.add("C");
        json.add("contacts", new JsonArray());
        json.getAsJsonArray("contacts").add(bad);
        assertThatThrownBy(() -> Featurizers.fromJson(json)).hasMessageContaining("[element, element, distance]");
    }
}
