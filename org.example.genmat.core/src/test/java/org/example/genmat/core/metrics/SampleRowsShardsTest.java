package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard reader goes through {@code io.CsvRecords}: malformed rows are skipped with file and line. */
class SampleRowsShardsTest {

    @TempDir
    Path dir;

    @Test
    void aMalformedRowIsSkippedWithItsFileAndLineAndTheOthersAreRead() throws Exception {
        Path csv = Files.writeString(dir.resolve("g.csv"), "formula,note\nNaCl,ok\nKBr,\"stray\"quote\nCsCl,\"a\nb\"\nLiF,x\n");
        List<String> formulas = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(csv), null, r -> {
            formulas.add(r.columns().get("formula"));
            numbers.add(r.rowNumber());
        }, skipped::add);
        assertThat(formulas).containsExactly("NaCl", "CsCl", "LiF");
        assertThat(numbers).as("row numbers count the skipped row").containsExactly(1L, 3L, 4L);
        assertThat(skipped).singleElement().asString().contains("g.csv", "line 3", "malformed CSV row");
        assertThatThrownBy(() -> new SampleRows(ValidityOptions.defaults()).forEach(csv, null, r -> { }))
            .as("the single-file reader refuses it").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
    }

    @Test
    void shardsAreReadRoundRobinByBatchAMalformedRowKeepingItsPlace() throws Exception {
        // two shards of one run: shard 0 holds batch 0 (BATCH rows, one malformed) and batch 2, shard 1 batch 1
        StringBuilder s0 = new StringBuilder("formula\n"), s1 = new StringBuilder("formula\n");
        for (int i = 0; i < Sampler.BATCH; i++) {
            s0.append(i == 5 ? "\"NaCl\"x" : "NaCl").append('\n');
            s1.append("KBr\n");
        }
        s0.append("LiF\n");
        Path a = Files.writeString(dir.resolve("s-0.csv"), s0);
        Path b = Files.writeString(dir.resolve("s-1.csv"), s1);
        List<String> order = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        new SampleRows(ValidityOptions.defaults()).forEach(List.of(a, b), null, r -> order.add(r.columns().get("formula")),
            skipped::add);
        assertThat(order).hasSize(2 * Sampler.BATCH);
        assertThat(order.get(Sampler.BATCH - 2)).isEqualTo("NaCl");
        assertThat(order.get(Sampler.BATCH - 1)).as("batch 1 starts after BATCH records of shard 0").isEqualTo("KBr");
        assertThat(order.get(2 * Sampler.BATCH - 1)).isEqualTo("LiF");
        assertThat(skipped).singleElement().asString().contains("s-0.csv", "line 7");
    }
}
