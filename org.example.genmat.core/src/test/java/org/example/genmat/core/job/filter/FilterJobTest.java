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
}
