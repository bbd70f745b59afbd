package org.example.genmat.core.featurize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CifWriter;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.model.ModelTrainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The periodic-structure representation round-trips every crystal of Perov-5 and Carbon-24 (test splits).
 * Carbon-24 is single-element, so its fitted featurizer carries a {@link LearnedDenoiser} that draws
 * new positions on decode; the representation itself is checked without it.
 */
class StructureRoundTripTest {

    static Path shared(String relative) {
        String prop = System.getProperty("genmat.shared.dir");
        Path base = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        Path p = base.resolve("data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared data not available, skipping: " + p);
        return p;
    }

    @ParameterizedTest
    @CsvSource({"perov_5/test.csv, 3785, 5", "carbon_24/test.csv, 2030, 24"})
    void everyCrystalRoundTrips(String file, int rows, int maxSites) throws Exception {
        List<CrystalRecord> recs = ModelTrainer.readRows(shared(file), null).stream().map(ModelTrainer.Row::record).toList();
        assertThat(recs).hasSize(rows).allMatch(CrystalRecord::ok);
        PeriodicStructure f = PeriodicStructure.fit(recs, 0);
        assertThat(f.maxSites()).isEqualTo(maxSites);
        assertThat(f.denoiser() != null).isEqualTo(file.startsWith("carbon"));
        PeriodicStructure representation = f.withDenoiser(null);
        int i = 0;
        for (CrystalRecord r : recs) {
            Candidate c = representation.decode(representation.encode(r));
            assertThat(c.clean()).as(r.source()).isTrue();
            FeaturizerTest.assertStructureEquals(c.crystal(), r.crystal());
            assertThat(c.composition()).isEqualTo(r.crystal().composition());
            if (i++ % 20 == 0) {
                // the decoded crystal's P1 CIF reads back to the same structure
                CrystalRecord back = CifReader.read(CifWriter.write(c.crystal()), "roundtrip").get(0);
                assertThat(back.ok()).as(back.error()).isTrue();
                FeaturizerTest.assertStructureEquals(back.crystal(), r.crystal());
            }
        }
        // the fitted featurizer survives its JSON
        assertThat(Featurizers.fromJson(f.toJson())).isEqualTo(f);
    }
}
