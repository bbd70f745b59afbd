package org.example.genmat.core.validity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.example.genmat.core.crystal.Composition;
import org.junit.jupiter.api.Test;

/** Composition validity of the Perov-5 test set from its formula column (published: 98.60 %). */
class DatasetCompositionValidityTest {

    @Test
    void perov5TestSetFormulas() throws Exception {
        Path csv = SharedData.require("perov_5/test.csv");
        CompositionValidity rule = CompositionValidity.cdvaeDefault();
        int n = 0, valid = 0;
        try (Reader r = Files.newBufferedReader(csv)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(r)) {
                n++;
                if (rule.isValid(Composition.parse(rec.get("formula")))) {
                    valid++;
                }
            }
        }
        assertThat(n).isEqualTo(3785);
        assertThat(100.0 * valid / n).isCloseTo(98.60, within(0.05));
    }
}
