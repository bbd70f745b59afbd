package org.example.genmat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.PeriodicStructure;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.junit.jupiter.api.Test;

/**
 * Model files written by earlier GenMat versions keep loading and decoding as they did.
 * {@code structure-linear-v1.genmat}: a tiny structure VAE (NaCl, SrTiO3, GaAs; hidden 8, latent 2,
 * 50 steps, seed 3) written by commit df82a26 (before torus coordinates); the expected samples are
 * what that version's {@code genmat sample --n 3 --seed 1} printed.
 */
class OlderModelFilesTest {

    @Test
    void linearCoordinateStructureModelSamplesAsBefore() throws Exception {
        GenerativeModel m;
        try (InputStream in = OlderModelFilesTest.class.getResourceAsStream("structure-linear-v1.genmat")) {
            m = GenerativeModel.load(in, "structure-linear-v1.genmat");
        }
        assertThat(((PeriodicStructure) m.featurizer()).coordinates()).isEqualTo(PeriodicStructure.Coordinates.LINEAR);
        List<Candidate> c;
        try (Stream<Candidate> s = Sampler.sample(m, 3, null, 1.0, 1, 0, 1)) {
            c = s.toList();
        }
        assertThat(c).extracting(Candidate::formula).containsExactly("As2ClNa2Sr2", "As2GaNaO3Sr", "AsGa2O3Sr");
        assertThat(c.get(0).crystal().lattice().a()).isCloseTo(5.397687, within(1e-5));
        assertThat(c.get(1).crystal().lattice().alpha()).isCloseTo(97.54607, within(1e-4));
        assertThat(c.get(2).crystal().numSites()).isEqualTo(7);
    }
}
