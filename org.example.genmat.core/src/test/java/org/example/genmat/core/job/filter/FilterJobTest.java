package org.example.genmat.core.job.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.validity.ValidityOptions;
import org.junit.jupiter.api.Test;

class FilterJobTest {

    @Test
    void verdictColumnsTheInputHasGetTheFilterPrefix() {
        assertThat(FilterJob.verdictNames(List.of("formula"))).containsExactly("composition_valid", "structure_valid",
            "failed_check", "reason");
        // a table the filter wrote (its rejected rows), and one filtered twice
        assertThat(FilterJob.verdictNames(List.of("formula", "reason", "failed_check"))).containsExactly("composition_valid",
            "structure_valid", "filter_failed_check", "filter_reason");
        assertThat(FilterJob.verdictNames(List.of("reason", "filter_reason"))).endsWith("filter_filter_reason");
    }

    /** A cancel is seen at the next row: many-element rows take milliseconds each, 4,096 of them took seconds. */
    @Test
    void aCancelStopsAtTheNextRow() {
        final int[] judged = {0};
        final org.example.genmat.core.job.JobMonitor monitor = new org.example.genmat.core.job.JobMonitor() {
            @Override
            public void progress(final double fraction, final String message) {
            }

            @Override
            public boolean cancelled() {
                return judged[0] >= 3;
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilterJob.run(ValidityOptions.defaults(), (reader, handler) -> {
            for (int i = 0; i < 100; i++) {
                handler.row("row" + i, reader.toSample("row" + i, Map.of("formula", "AlBBeBrCaClCoFeGaGeHKLiMgMnMoNbOPRbSScSe")));
            }
        }, new FilterJob.Output() {
            @Override
            public void valid(final String key, final List<Object> verdict) {
                judged[0]++;
            }

            @Override
            public void rejected(final String key, final List<Object> verdict) {
                judged[0]++;
            }
        }, monitor)).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(judged[0]).isEqualTo(3);
    }

    @Test
    void theResultNamesTheFirstRejectedAndUnreadableRowsAndCountsChecks() throws IOException {
        final List<String> rejected = new ArrayList<>();
        final FilterResult r = FilterJob.run(ValidityOptions.defaults(), (reader, handler) -> {
            final String[] formulas = {"NaCl", "NaCl2", "", "KCl3", "LiF"};
            for (int i = 0; i < formulas.length; i++) {
                handler.row("row" + i, reader.toSample("row" + i, Map.of("formula", formulas[i])));
            }
        }, new FilterJob.Output() {
            @Override
            public void valid(final String key, final List<Object> verdict) {
            }

            @Override
            public void rejected(final String key, final List<Object> verdict) {
                rejected.add(key);
            }
        }, null);
        assertThat(rejected).containsExactly("row1", "row2", "row3");
        assertThat(r.firstRejected()).isEqualTo("row1");
        assertThat(r.firstUnreadable()).isEqualTo("row2");
        assertThat(r.topChecks(1)).isEqualTo("charge-balance 2, ...");
        assertThat(r.topChecks(5)).isEqualTo("charge-balance 2, input 1");
        assertThat(r.topReason()).isNotBlank();
    }
    /**
     * QA 7 D6: a composition decoded with more elements above the threshold than max atoms is an undecoded candidate
     * (no formula, its note), so the filter rejects it as it rejects other undecoded rows; it was written as a
     * 24-atom formula and counted valid.
     */
    @Test
    void aCompositionOverMaxAtomsIsRejectedAsNotDecoded() throws IOException {
        final List<org.example.genmat.core.crystal.Element> vocabulary = new ArrayList<>();
        for (int z = 1; vocabulary.size() < 24; z++) {
            vocabulary.add(org.example.genmat.core.crystal.Element.ofZ(z));
        }
        final org.example.genmat.core.featurize.CompositionVector f =
            new org.example.genmat.core.featurize.CompositionVector(vocabulary, 20, 0.5 / 20);
        final float[] many = new float[24];
        java.util.Arrays.fill(many, 0, 23, 1f / 23);
        final float[] two = new float[24];
        two[2] = 0.5f; // Li
        two[8] = 0.5f; // F
        final org.example.genmat.core.job.sample.CandidateTable table = org.example.genmat.core.job.sample.CandidateTable.of(f, 2);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (float[] v : List.of(many, two)) {
            final List<Object> cells = table.row("prior", f.decode(v));
            final Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                row.put(table.schema().names().get(c), cells.get(c) == null ? "" : cells.get(c).toString());
            }
            rows.add(row);
        }
        assertThat(rows.get(0)).containsEntry("formula", "").containsEntry("composition", "");
        final List<String> valid = new ArrayList<>(), rejected = new ArrayList<>();
        final FilterResult r = FilterJob.run(ValidityOptions.defaults(), (reader, handler) -> {
            for (int i = 0; i < rows.size(); i++) {
                handler.row("row" + i, reader.toSample("row" + i, rows.get(i)));
            }
        }, new FilterJob.Output() {
            @Override
            public void valid(final String key, final List<Object> verdict) {
                valid.add(key);
            }

            @Override
            public void rejected(final String key, final List<Object> verdict) {
                rejected.add(key + ": " + verdict.get(2) + ": " + verdict.get(3));
            }
        }, null);
        assertThat(valid).containsExactly("row1");
        assertThat(rejected).containsExactly("row0: input: not decoded: more than 20 atoms: over 20 elements are above the"
            + " threshold");
        assertThat(r.firstUnreadable()).isEqualTo("row0");
    }
}
