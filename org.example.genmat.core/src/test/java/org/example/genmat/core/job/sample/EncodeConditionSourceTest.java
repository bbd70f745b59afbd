package org.example.genmat.core.job.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.demo.DefaultElpasolites;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Encoding with a conditioned model takes the conditions from the table's column or the settings: exactly one. */
class EncodeConditionSourceTest {

    private static GenerativeModel model;

    @BeforeAll
    static void train() {
        TrainingSettings s = TrainingSettings.builder(ModelFamily.VAE).hiddenLayers(List.of(16)).batchSize(32).steps(2).seed(1).build();
        model = ModelTrainer.train("t", DefaultElpasolites.rows(), new ModelTrainer.Request(ModelFamily.VAE, "elpasolite",
            Featurizers.Options.defaults(), "halogen", null, s, Map.of()), JobMonitor.NONE, null, null);
    }

    private static SampleSettings encode(String condition) {
        return new SampleSettings(SampleMode.ENCODE, 0, SampleSettings.DEFAULT_STEPS, condition, 1.0, 1, 0, 1, 1, 2,
            Sampler.Decoding.MEAN);
    }

    private static List<SampleInput.Crystal> rows(boolean withCondition) {
        List<SampleInput.Crystal> rows = new ArrayList<>();
        for (ModelTrainer.Row r : DefaultElpasolites.rows().subList(0, 3)) {
            rows.add(new SampleInput.Crystal(r.record().source(), r.record(), withCondition ? r.condition() : null));
        }
        rows.add(new SampleInput.Crystal("blank", DefaultElpasolites.rows().get(0).record(), withCondition ? " " : null));
        return rows;
    }

    private static List<List<Object>> run(SampleSettings s, List<SampleInput.Crystal> in, boolean hasColumn) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        SampleJob.crystals(model, s, in.iterator(), hasColumn, (k, v) -> out.add(v), JobMonitor.NONE);
        return out;
    }

    @Test
    void aTableWithoutTheConditionColumnNeedsTheConditionAndThenUsesItForEveryRow() throws Exception {
        assertThatThrownBy(() -> run(encode(null), rows(false), false)).isInstanceOf(SettingException.class)
            .hasMessage("the input table has no column 'halogen', the model's condition; give the class of every row as the"
                + " condition, or add the column")
            .extracting(e -> ((SettingException) e).setting()).isEqualTo("condition");
        int note = CandidateTable.of(model).schema().indexOf("note");
        List<List<Object>> out = run(encode("Cl"), rows(false), false);
        assertThat(out).hasSize(4).allSatisfy(r -> assertThat(String.valueOf(r.get(note))).doesNotContain("null"));
    }

    @Test
    void aTableWithTheConditionColumnRefusesAGivenConditionAndNamesABlankCell() throws Exception {
        assertThatThrownBy(() -> run(encode("Cl"), rows(true), true)).isInstanceOf(SettingException.class)
            .hasMessageContaining("has the model's condition column 'halogen'").hasMessageContaining("not both");
        int note = CandidateTable.of(model).schema().indexOf("note");
        List<List<Object>> out = run(encode(null), rows(true), true);
        assertThat(out).hasSize(4);
        assertThat(out.get(3).get(note)).isEqualTo("cannot encode: no value in column 'halogen'");
    }
}
